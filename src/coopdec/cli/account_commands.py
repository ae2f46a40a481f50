"""``coopdec createadmin`` and ``coopdec cleanup`` (docs/accounts.md)."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console

from coopdec.bootstrap import setup_django

out = Console()
err = Console(stderr=True)


def createadmin(
    email: Annotated[
        str, typer.Option("--email", help="Adresse électronique de l'administrateur.")
    ],
) -> None:
    """Crée un administrateur national (compte local). Mot de passe demandé, ou lu dans
    COOPDEC_ADMIN_PASSWORD. Code de sortie 2 si l'adresse est prise ou le mot de passe faible."""
    setup_django()
    from django.core.exceptions import ValidationError

    from coopdec.accounts.maintenance import create_admin

    password = os.environ.get("COOPDEC_ADMIN_PASSWORD") or typer.prompt(
        "Mot de passe", hide_input=True, confirmation_prompt=True
    )
    try:
        create_admin(email, password)
    except ValueError as exc:
        err.print(f"[red]coopdec createadmin : {exc}")
        raise typer.Exit(2) from exc
    except ValidationError as exc:
        err.print(f"[red]coopdec createadmin : mot de passe refusé : {' '.join(exc.messages)}")
        raise typer.Exit(2) from exc
    out.print(f"Administrateur national créé : {email.strip().lower()}")


def cleanup(
    days: Annotated[
        int,
        typer.Option(
            "--days",
            min=1,
            help="Supprimer les espaces projet anonymes non ouverts depuis ce nombre de jours.",
        ),
    ] = 180,
) -> None:
    """Supprime les espaces projet anonymes non ouverts depuis N jours, les sessions expirées
    et les échecs de connexion anciens."""
    setup_django()
    from coopdec.accounts.maintenance import cleanup as run_cleanup

    report = run_cleanup(days)
    out.print(
        f"{report.workspaces} espace(s) projet, {report.sessions} session(s) expirée(s), "
        f"{report.sign_in_failures} échec(s) de connexion supprimés."
    )


member_app = typer.Typer(help="Membres des collectivités (docs/accounts.md).", no_args_is_help=True)


@member_app.command("add")
def member_add(
    email: Annotated[str, typer.Argument(help="Adresse du compte à ajouter.")],
    authority: Annotated[
        str, typer.Option("--authority", help="Collectivité : NATURE:CODE, p. ex. departement:29.")
    ],
    acting_as: Annotated[
        str, typer.Option("--as", help="Adresse de l'administrateur ou du modérateur qui agit.")
    ],
    role: Annotated[str, typer.Option("--role", help="member ou manager.")] = "member",
) -> None:
    """Ajoute un membre (ou le premier gestionnaire) à une collectivité. Codes de sortie :
    2 donnée inconnue, 3 action non autorisée pour --as."""
    setup_django()
    from django.core.exceptions import PermissionDenied

    from coopdec.accounts import services
    from coopdec.catalogue.models import FrenchAuthority

    kind, _sep, code = authority.partition(":")
    target = FrenchAuthority.objects.filter(kind=kind, code=code).first()
    actor = services.find_user_by_email(acting_as)
    user = services.find_user_by_email(email)
    for missing, label in ((target, authority), (actor, acting_as), (user, email)):
        if missing is None:
            err.print(f"[red]coopdec member add : inconnu : {label}")
            raise typer.Exit(2)
    try:
        services.add_member(actor, user, target, role)  # type: ignore[arg-type]
    except PermissionDenied as exc:
        err.print(f"[red]coopdec member add : {acting_as} n'a pas le droit de le faire")
        raise typer.Exit(3) from exc
    except ValueError as exc:
        err.print(f"[red]coopdec member add : {exc}")
        raise typer.Exit(2) from exc
    out.print(f"{email} : {role} de {target}")
