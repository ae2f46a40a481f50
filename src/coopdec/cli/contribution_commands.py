"""``coopdec contributions list|publish|reject|close-calls`` (docs/contributing-data.md): the
moderation queue from a terminal, through the same service as the pages and the API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from coopdec.bootstrap import setup_django

out = Console()
err = Console(stderr=True)

contributions_app = typer.Typer(
    help="Contributions au catalogue : file de modération (docs/contributing-data.md).",
    no_args_is_help=True,
)
ActingAs = Annotated[
    str, typer.Option("--as", help="Adresse du gestionnaire, du modérateur ou de l'administrateur.")
]


def _actor(command: str, email: str) -> object:
    from coopdec.accounts import services

    actor = services.find_user_by_email(email)
    if actor is None:
        err.print(f"[red]coopdec contributions {command} : compte inconnu : {email}")
        raise typer.Exit(2)
    return actor


def _change(command: str, change_id: int) -> object:
    from coopdec.contributions.models import ChangeRequest

    change = ChangeRequest.objects.select_related("authority").filter(pk=change_id).first()
    if change is None:
        err.print(f"[red]coopdec contributions {command} : contribution inconnue : {change_id}")
        raise typer.Exit(2)
    return change


@contributions_app.command("list")
def list_queue(
    acting_as: ActingAs,
    region: Annotated[str, typer.Option("--region", help="Code de la région.")] = "",
    kind: Annotated[str, typer.Option("--kind", help="partnership, project ou call.")] = "",
    older_than: Annotated[
        int, typer.Option("--older-than", min=0, help="Âge minimal en jours.")
    ] = 0,
) -> None:
    """Les contributions en attente que --as peut publier, les plus anciennes d'abord."""
    setup_django()
    from coopdec.contributions import queries

    actor = _actor("list", acting_as)
    rows = queries.queue(actor, region=region or None, kind=kind or None,
                         older_than_days=older_than or None)  # fmt: skip
    for change in rows:
        label = "correction" if change.imported else change.get_action_display()
        out.print(
            f"{change.pk}\t{change.created_at:%Y-%m-%d}\t{change.get_kind_display()}\t{label}\t"
            f"{change.declarer}\t{change.title}",
            markup=False, highlight=False,
        )  # fmt: skip
    out.print(f"{rows.count()} contribution(s) en attente.")


@contributions_app.command("publish")
def publish(
    change_id: Annotated[int, typer.Argument(help="Numéro de la contribution.")],
    acting_as: ActingAs,
    why: Annotated[str, typer.Option("--why", help="Motif gardé dans l'historique.")] = "",
) -> None:
    """Publie une contribution. Codes de sortie : 2 inconnue, 3 non autorisé, 4 refusée
    (fiche modifiée entre-temps ou contribution déjà traitée)."""
    setup_django()
    from django.core.exceptions import PermissionDenied

    from coopdec.contributions import services

    actor, change = _actor("publish", acting_as), _change("publish", change_id)
    try:
        version = services.publish(actor, change, why=why)  # type: ignore[arg-type]
    except PermissionDenied as exc:
        err.print(f"[red]coopdec contributions publish : {acting_as} n'a pas le droit de le faire")
        raise typer.Exit(3) from exc
    except (services.StaleDraft, services.WrongState) as exc:
        err.print(f"[red]coopdec contributions publish : {exc}")
        raise typer.Exit(4) from exc
    out.print(f"Publiée : {version.key} (version {version.number})", markup=False)


@contributions_app.command("reject")
def reject(
    change_id: Annotated[int, typer.Argument(help="Numéro de la contribution.")],
    acting_as: ActingAs,
    reason: Annotated[str, typer.Option("--reason", help="Raison, envoyée à l'auteur.")],
) -> None:
    """Refuse une contribution ; la raison est envoyée à son auteur."""
    setup_django()
    from django.core.exceptions import PermissionDenied, ValidationError

    from coopdec.contributions import services

    actor, change = _actor("reject", acting_as), _change("reject", change_id)
    try:
        services.reject(actor, change, reason)  # type: ignore[arg-type]
    except PermissionDenied as exc:
        err.print(f"[red]coopdec contributions reject : {acting_as} n'a pas le droit de le faire")
        raise typer.Exit(3) from exc
    except (ValidationError, services.WrongState) as exc:
        err.print(
            f"[red]coopdec contributions reject : {' '.join(getattr(exc, 'messages', [str(exc)]))}"
        )
        raise typer.Exit(4) from exc
    out.print(f"Refusée : {change_id}")


@contributions_app.command("upload")
def upload(
    path: Annotated[Path, typer.Argument(help="CSV du catalogue (docs/imports.md).")],
    acting_as: ActingAs,
    authority: Annotated[
        str, typer.Option("--authority", help="La collectivité : nature:code (commune:35238).")
    ],
    why: Annotated[str, typer.Option("--why", help="Motif gardé dans l'historique.")] = "",
) -> None:
    """Dépose les partenariats d'une collectivité en brouillons : toutes les lignes ou aucune.
    Codes de sortie : 2 inconnu, 3 non autorisé, 4 fichier refusé (chaque erreur avec sa
    ligne et sa colonne)."""
    setup_django()
    from django.core.exceptions import PermissionDenied

    from coopdec.catalogue.models import FrenchAuthority
    from coopdec.contributions import bulk

    actor = _actor("upload", acting_as)
    kind, _sep, code = authority.partition(":")
    found = FrenchAuthority.objects.filter(kind=kind, code=code).first()
    if found is None:
        err.print(f"coopdec contributions upload : collectivité inconnue : {authority}",
                  markup=False)  # fmt: skip
        raise typer.Exit(2)
    if not path.is_file():
        err.print(f"coopdec contributions upload : fichier introuvable : {path}", markup=False)
        raise typer.Exit(2)
    try:
        done = bulk.propose_csv(actor, found, path, filename=path.name, why=why)
    except PermissionDenied as exc:
        err.print(f"[red]coopdec contributions upload : {acting_as} n'a pas le droit de le faire")
        raise typer.Exit(3) from exc
    except bulk.UploadRefused as exc:
        for problem in exc.problems:
            err.print(problem.describe(), markup=False, highlight=False)
        err.print(f"coopdec contributions upload : fichier refusé ({len(exc.problems)} "
                  "erreur(s)), rien n'a été enregistré", markup=False)  # fmt: skip
        raise typer.Exit(4) from exc
    out.print(f"{len(done.drafts)} brouillon(s) créé(s) depuis {done.file}.", markup=False)


@contributions_app.command("example")
def example(
    key: Annotated[str, typer.Argument(help="Clé du projet publié.")],
    acting_as: ActingAs,
    why: Annotated[str, typer.Option("--why", help="Pourquoi c'est un exemple.")] = "",
    remove: Annotated[bool, typer.Option("--remove", help="Retirer le signalement.")] = False,
) -> None:
    """Signale un projet comme exemple (bonne pratique), ou retire le signalement : réservé
    aux modérateurs. Codes de sortie : 2 inconnu, 3 non autorisé, 4 motif manquant."""
    setup_django()
    from django.core.exceptions import PermissionDenied, ValidationError

    from coopdec.contributions import services

    actor = _actor("example", acting_as)
    try:
        if remove:
            services.unflag_example(actor, key)
        else:
            services.flag_example(actor, key, why)
    except LookupError as exc:
        err.print(f"[red]coopdec contributions example : projet inconnu : {key}", markup=True)
        raise typer.Exit(2) from exc
    except PermissionDenied as exc:
        err.print(f"[red]coopdec contributions example : {acting_as} n'a pas le droit de le faire")
        raise typer.Exit(3) from exc
    except ValidationError as exc:
        err.print(f"[red]coopdec contributions example : {' '.join(exc.messages)}")
        raise typer.Exit(4) from exc
    out.print("Signalement retiré." if remove else "Projet signalé comme exemple.")


@contributions_app.command("close-calls")
def close_calls() -> None:
    """Ferme les appels à partenaires dont la date est passée (pour cron ; sans effet la
    seconde fois)."""
    setup_django()
    from coopdec.contributions import services

    closed = services.close_expired_calls()
    out.print(f"{len(closed)} appel(s) à partenaires clos.")
