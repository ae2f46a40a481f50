"""``coopdec alerts``: saved searches and their e-mail digests (docs/alerts.md)."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import parse_qs

import typer
from rich.console import Console

from coopdec.bootstrap import setup_django

out = Console(highlight=False)
err = Console(stderr=True)
alerts_app = typer.Typer(help="Alertes : recherches enregistrées et courriels de nouveautés.")

EmailOption = Annotated[str, typer.Option("--email", help="Adresse du compte.")]


def _user(email: str) -> Any:
    from coopdec.accounts.services import find_user_by_email

    user = find_user_by_email(email)
    if user is None:
        err.print(f"[red]coopdec alerts : aucun compte pour {email}")
        raise typer.Exit(2)
    return user


@alerts_app.command("send")
def send(
    date: Annotated[
        str | None,
        typer.Option("--date", help="Jour de l'envoi (AAAA-MM-JJ) ; aujourd'hui par défaut."),
    ] = None,
    site_url: Annotated[
        str | None,
        typer.Option("--site-url", help="Adresse publique des liens (défaut COOPDEC_SITE_URL)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Bilan en JSON.")] = False,
) -> None:
    """Envoie à chaque compte les nouveautés de ses alertes (à lancer par cron). Chaque élément
    n'est envoyé qu'une fois : relancer la commande n'envoie rien deux fois."""
    setup_django()
    from coopdec.alerts import services

    try:
        report = services.send_digests(services.digest_day(date), site_url)
    except services.AlertError as exc:
        err.print(f"[red]coopdec alerts send : --{exc.field} : {exc.message}")
        raise typer.Exit(2) from exc
    if as_json:
        out.print_json(json.dumps(report.to_json()))
        return
    out.print(
        f"{report.mails} courriel(s) envoyé(s) à {report.users} compte(s) avec alertes, "
        f"{report.items} élément(s)."
    )


@alerts_app.command("list")
def list_alerts(
    email: EmailOption, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """Liste les alertes d'un compte."""
    setup_django()
    from django.utils import timezone

    from coopdec.alerts import services

    rows = [
        {
            "id": alert.pk,
            "kind": alert.kind,
            "name": alert.name,
            "params": services.params_of(alert),
            "pending": len(services.pending_items(alert, timezone.localdate())),
        }
        for alert in services.alerts_of(_user(email))
    ]
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        out.print("Aucune alerte.")
    for row in rows:
        out.print(f"{row['id']:>5}  {row['name']}  ({row['pending']} en attente)")


@alerts_app.command("add")
def add(
    email: EmailOption,
    criteria: Annotated[
        str,
        typer.Argument(
            help="Critères comme dans l'adresse du catalogue, ex. « q=eau&country=SN » ; "
            "pour --kind funding : « program=ID&program=ID » (vide : tous)."
        ),
    ] = "",
    kind: Annotated[str, typer.Option("--kind", help="catalogue ou funding.")] = "catalogue",
    name: Annotated[str, typer.Option("--name", help="Nom de l'alerte.")] = "",
) -> None:
    """Enregistre une alerte pour un compte."""
    setup_django()
    from coopdec.alerts import services

    params = parse_qs(criteria.lstrip("?"), keep_blank_values=False)
    try:
        alert = services.save_search(_user(email), kind, params, name)
    except services.AlertError as exc:
        err.print(f"[red]coopdec alerts add : {exc.field} : {exc.message}")
        raise typer.Exit(2) from exc
    out.print(f"Alerte {alert.pk} enregistrée : {alert.name}")


@alerts_app.command("delete")
def delete(email: EmailOption, alert_id: Annotated[int, typer.Argument()]) -> None:
    """Supprime une alerte d'un compte."""
    setup_django()
    from coopdec.alerts import services

    if not services.delete_alert(_user(email), alert_id):
        err.print(f"[red]coopdec alerts delete : pas d'alerte {alert_id} pour {email}")
        raise typer.Exit(2)
    out.print(f"Alerte {alert_id} supprimée.")
