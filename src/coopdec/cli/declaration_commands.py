"""``coopdec declaration``: the APD declaration campaign from the command line (docs/apd.md).

Every command acts as an account (``--as ADRESSE``) and asks the same permissions as the site.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from coopdec.bootstrap import setup_django

out = Console(highlight=False)
err = Console(stderr=True)
declaration_app = typer.Typer(help="Déclaration annuelle de l'APD : saisie, transmission, suivi.")

AsOption = Annotated[str, typer.Option("--as", help="Compte qui agit (adresse).")]
YearOption = Annotated[int, typer.Option("--year", help="Année de la campagne (montants N-1).")]
AuthorityOption = Annotated[
    str, typer.Option("--authority", help="Collectivité : NATURE:CODE, p. ex. commune:81060.")
]


def _fail(command: str, message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]coopdec declaration {command} : {message}")
    return typer.Exit(code)


def _context(command: str, acting_as: str, authority: str | None = None) -> tuple[Any, Any]:
    setup_django()
    from coopdec.accounts.services import find_user_by_email
    from coopdec.declarations import services

    user = find_user_by_email(acting_as)
    if user is None:
        raise _fail(command, f"aucun compte pour {acting_as}")
    if authority is None:
        return user, None
    kind, _sep, code = authority.partition(":")
    try:
        return user, services.authority_of(kind, code)
    except services.DeclarationError as exc:
        raise _fail(command, exc.message) from exc


def read_amounts(path: Path) -> dict[int, str]:
    """``ligne;montant`` (or comma-separated) rows; cp1252 exports of spreadsheets accepted."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    delimiter = ";" if text.count(";") >= text.count(",") else ","
    amounts: dict[int, str] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        if not row or not "".join(row).strip():
            continue
        if number == 1 and not row[0].strip().isdigit():
            continue  # header
        if len(row) < 2 or not row[0].strip().isdigit():
            raise ValueError(
                f"{path.name}, ligne {number}, colonne ligne : numéro de ligne attendu"
            )
        amounts[int(row[0])] = row[1]
    return amounts


@declaration_app.command("show")
def show(
    authority: AuthorityOption,
    year: YearOption,
    acting_as: AsOption,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Affiche la déclaration (préparée ou enregistrée) d'une collectivité."""
    user, target = _context("show", acting_as, authority)
    from django.core.exceptions import PermissionDenied

    from coopdec.declarations import services

    try:
        view = services.view(user, target, year)
    except PermissionDenied as exc:
        raise _fail("show", "action non autorisée pour ce compte", 3) from exc
    except services.DeclarationError as exc:
        raise _fail("show", exc.message) from exc
    if as_json:
        out.print_json(json.dumps({"status": view.status, "total": str(view.total),
                                   "missing": view.missing, "rows": view.rows},
                                  ensure_ascii=False))  # fmt: skip
        return
    out.print(f"{target.name} — campagne {year} : {view.status}, total {view.total} EUR")
    for number, row in enumerate(view.rows, 1):
        out.print(
            f"{number:>4}  {row['project'][:60]:<60}  {row['country']}  {row['amount'] or '?'}"
        )


@declaration_app.command("submit")
def submit(
    authority: AuthorityOption,
    year: YearOption,
    acting_as: AsOption,
    amounts: Annotated[
        Path | None, typer.Option("--amounts", help="CSV « ligne;montant ».")
    ] = None,
) -> None:
    """Saisit les montants versés (fichier CSV) puis transmet la déclaration."""
    user, target = _context("submit", acting_as, authority)
    from django.core.exceptions import PermissionDenied

    from coopdec.declarations import services

    try:
        values = read_amounts(amounts) if amounts else {}
    except (OSError, ValueError) as exc:
        raise _fail("submit", str(exc)) from exc
    try:
        if values:
            services.save(user, target, year, values)
        record = services.submit(user, target, year)
    except PermissionDenied as exc:
        raise _fail("submit", "action non autorisée pour ce compte", 3) from exc
    except services.DeclarationError as exc:
        message = f"{exc.field} : {exc.message}" if exc.field else exc.message
        raise _fail("submit", message) from exc
    out.print(f"Déclaration transmise : récépissé {record.receipt}")


@declaration_app.command("reopen")
def reopen(
    authority: AuthorityOption,
    year: YearOption,
    acting_as: AsOption,
    reason: Annotated[str, typer.Option("--reason", help="Motif (journalisé).")],
) -> None:
    """Rouvre une déclaration transmise (administrateur national)."""
    user, target = _context("reopen", acting_as, authority)
    from django.core.exceptions import PermissionDenied

    from coopdec.declarations import services
    from coopdec.declarations.models import ApdDeclaration

    record = ApdDeclaration.objects.filter(authority=target, campaign_year=year).first()
    if record is None:
        raise _fail("reopen", "aucune déclaration pour cette collectivité et cette campagne")
    try:
        services.reopen(user, record, reason)
    except PermissionDenied as exc:
        raise _fail("reopen", "action non autorisée pour ce compte", 3) from exc
    except services.DeclarationError as exc:
        raise _fail("reopen", exc.message) from exc
    out.print("Déclaration rouverte.")


@declaration_app.command("list")
def list_declared(
    year: YearOption,
    acting_as: AsOption,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Exporter toutes les lignes (.csv ou .xlsx)."),
    ] = None,
) -> None:
    """Qui a déclaré pour une campagne ; avec -o, toutes les déclarations (administrateurs)."""
    user, _none = _context("list", acting_as)
    from django.core.exceptions import PermissionDenied

    from coopdec.declarations import services

    try:
        records = services.declared(user, year)
        if output is not None:
            output.write_bytes(services.export_all(user, year, output.suffix.lstrip(".").lower()))
    except PermissionDenied as exc:
        raise _fail("list", "action non autorisée pour ce compte", 3) from exc
    except services.DeclarationError as exc:
        raise _fail("list", f"{output} : {exc.message}") from exc
    for record in records:
        out.print(f"{record.receipt}  {record.authority.name}  {record.submitted_at:%d/%m/%Y}")
    out.print(f"{len(records)} déclaration(s) transmise(s) pour la campagne {year}.")
