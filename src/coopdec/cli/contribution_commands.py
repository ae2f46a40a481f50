"""``coopdec contributions list|publish|reject|upload|example|offer|close-calls``
(docs/contributing-data.md): the moderation queue, a CSV upload, the example flag and a
network's foreign offer from a terminal, through the same service as the pages and the API."""

from __future__ import annotations

import json
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


# What an offer's error names: the option a person typed, never the payload's field name.
_OFFER_OPTIONS = {
    "title": "--title", "summary": "--summary", "description": "--description",
    "call_closes_on": "--closes-on", "call_contact": "--contact",
    "foreign_authorities": "--partner", "french_authorities": "--partner",
    "themes": "--theme", "countries": "--country",
    "name": "--partner-name", "level": "--partner-level", "country": "--partner-country",
}  # fmt: skip


def _offer_refused(exc: Exception) -> None:
    """Each problem of a refused offer on its own line, named by its option."""
    by_field = getattr(exc, "message_dict", None) or {"": list(getattr(exc, "messages", []))}
    for name, messages in by_field.items():
        option = _OFFER_OPTIONS.get(name, "")
        for message in messages:
            err.print(f"coopdec contributions offer : {option + ' : ' if option else ''}{message}",
                      markup=False, highlight=False)  # fmt: skip
    err.print("coopdec contributions offer : offre refusée, rien n'a été enregistré", markup=False)


@contributions_app.command("offer")
def offer(
    acting_as: ActingAs,
    region: Annotated[
        str, typer.Option("--region", help="Code INSEE de la région du réseau qui saisit l'offre.")
    ],
    title: Annotated[str, typer.Option("--title", help="Ce que cherche la collectivité.")] = "",
    closes_on: Annotated[
        str, typer.Option("--closes-on", help="Date de clôture de l'appel (AAAA-MM-JJ).")
    ] = "",
    contact: Annotated[str, typer.Option("--contact", help="Qui contacter (adresse).")] = "",
    summary: Annotated[str, typer.Option("--summary", help="Résumé.")] = "",
    description: Annotated[str, typer.Option("--description", help="Description.")] = "",
    partner: Annotated[
        int | None,
        typer.Option("--partner", help="Identifiant de la collectivité étrangère, déjà connue."),
    ] = None,
    partner_name: Annotated[
        str, typer.Option("--partner-name", help="Ou son nom (retrouvée, sinon ajoutée).")
    ] = "",
    partner_country: Annotated[
        str, typer.Option("--partner-country", help="Et son pays (code ISO à deux lettres).")
    ] = "",
    partner_level: Annotated[
        str, typer.Option("--partner-level", help="Et son niveau (municipality, region, other…).")
    ] = "other",
    theme: Annotated[
        list[str] | None, typer.Option("--theme", help="Thème (code), répétable.")
    ] = None,
    country: Annotated[
        list[str] | None, typer.Option("--country", help="Pays concerné (ISO), répétable.")
    ] = None,
    why: Annotated[str, typer.Option("--why", help="Motif gardé dans l'historique.")] = "",
    as_json: Annotated[
        bool, typer.Option("--json", help="Sortie JSON (celle de POST /api/v1/offers).")
    ] = False,
) -> None:
    """Saisit l'offre d'une collectivité étrangère (un appel à partenaires en son nom) pour le
    réseau régional de --region : un brouillon que les modérateurs du réseau publient. Même
    service que la page et l'API. Codes de sortie : 2 inconnu, 3 non autorisé, 4 offre
    refusée (chaque erreur avec son option ; rien n'est enregistré)."""
    setup_django()
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.db import transaction

    from coopdec.contributions import queries, services
    from coopdec.reference.models import Country, Region, Theme

    actor = _actor("offer", acting_as)
    found_region = Region.objects.filter(code=region).first()
    if found_region is None:
        err.print(f"coopdec contributions offer : région inconnue : {region}", markup=False)
        raise typer.Exit(2)
    themes = dict(Theme.objects.filter(code__in=theme or []).values_list("code", "pk"))
    wanted = [c.upper() for c in country or []]
    countries = dict(Country.objects.filter(iso2__in=wanted).values_list("iso2", "pk"))
    home = Country.objects.filter(iso2=partner_country.upper()).first() if partner_country else None
    unknown = [f"thème inconnu : {c}" for c in theme or [] if c not in themes]
    unknown += [f"pays inconnu : {c}" for c in country or [] if c.upper() not in countries]
    if partner_country and home is None:
        unknown.append(f"pays inconnu : {partner_country}")
    if unknown:
        for problem in unknown:
            err.print(f"coopdec contributions offer : {problem}", markup=False)
        raise typer.Exit(2)
    values = {"title": title, "call_closes_on": closes_on, "call_contact": contact}
    values.update({k: v for k, v in (("summary", summary), ("description", description)) if v})
    links = {"themes": list(themes.values()), "countries": list(countries.values())}
    try:
        with transaction.atomic():  # a partner added for a refused offer goes with it
            if partner is not None:
                links["foreign_authorities"] = [partner]
            elif partner_name and home is not None:
                links["foreign_authorities"] = [
                    services.offer_partner(actor, found_region, partner_name, home, partner_level)
                ]
            change = services.propose_offer(actor, found_region, values, links, why=why)
    except PermissionDenied as exc:
        err.print(f"[red]coopdec contributions offer : {acting_as} n'a pas le droit de le faire")
        raise typer.Exit(3) from exc
    except ValidationError as exc:
        _offer_refused(exc)
        raise typer.Exit(4) from exc
    if as_json:
        typer.echo(json.dumps(queries.change_fields(change), ensure_ascii=False, indent=2))
        return
    out.print(f"Offre enregistrée en brouillon n° {change.pk} ({change.key}) : à publier par "
              f"les modérateurs du réseau de {found_region.name}.", markup=False)  # fmt: skip
