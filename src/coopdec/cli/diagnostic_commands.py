"""``coopdec diagnostic KIND CODE``: an authority's diagnostic from the terminal.

Same service as the page and ``GET /api/v1/french-authorities/{kind}/{code}/diagnostic``;
``--json`` prints exactly the API's JSON, ``--note FILE.pdf|.docx`` writes the note
d'opportunité. Exit code 2 (one French line) on an unknown authority, priority or format.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from coopdec.bootstrap import setup_django
from coopdec.config.env import ConfigurationError

out = Console()


def diagnostic(
    kind: Annotated[str, typer.Argument(help="commune, epci, ept, departement, region.")],
    code: Annotated[str, typer.Argument(help="Code officiel (INSEE, SIREN, département...).")],
    priority: Annotated[
        list[str] | None,
        typer.Option("--priority", help="Priorité du mandat (eau, jeunesse...), répétable."),
    ] = None,
    date: Annotated[
        dt.datetime | None,
        typer.Option("--date", formats=["%Y-%m-%d"], help="Date des échéances (AAAA-MM-JJ)."),
    ] = None,
    note: Annotated[
        Path | None, typer.Option("--note", help="Écrit la note d'opportunité (.pdf ou .docx).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON (celle de l'API).")] = False,
) -> None:
    """Diagnostic d'une collectivité : son action internationale, ses pairs, les pays à
    considérer (avec leurs raisons), les financements ouverts et les appels à partenaires."""
    chosen = priority or []
    on = date.date() if date else None
    try:
        setup_django()
        from coopdec.diagnostic import note as notes
        from coopdec.diagnostic import priorities, service

        try:
            if note is not None:
                fmt = note.suffix.lstrip(".").lower()
                if fmt not in notes.FORMATS:
                    typer.echo(
                        f"coopdec : format de note inconnu : « {note.suffix} » "
                        "(attendus : .pdf, .docx)",
                        err=True,
                    )
                    raise typer.Exit(2)
                rendered = notes.render(kind, code, chosen, fmt, on)
                note.write_bytes(rendered.content)
                typer.echo(f"Note d'opportunité écrite : {note}")
                return
            report = service.diagnose(kind, code, chosen, on)
        except (service.AuthorityNotFoundError, priorities.UnknownPriorityError) as exc:
            typer.echo(f"coopdec : {exc.args[0]}", err=True)
            raise typer.Exit(2) from exc
    except ConfigurationError as exc:
        typer.echo(f"coopdec : {exc}", err=True)
        raise typer.Exit(2) from exc
    data = report.to_json()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print(report)


def _print(report: object) -> None:
    from coopdec.diagnostic.report import Diagnostic

    assert isinstance(report, Diagnostic)  # noqa: S101
    a, peers = report.authority, report.peers
    out.print(f"[bold]{a.name}[/] ({a.kind.label}, {a.code})", highlight=False)
    if report.statement:
        out.print(report.statement, highlight=False)
    else:
        countries = ", ".join(
            f"{c.country.label} ({c.actions})" for c in report.footprint.by_country
        )
        out.print(f"Pays : {countries}", highlight=False)
    out.print(
        f"Pairs ({peers.band_text}) : {peers.national.active} sur {peers.national.peers} "
        "agissent à l'international en France"
        + (
            f", {peers.region.active} sur {peers.region.peers} dans la région"
            if peers.region
            else ""
        ),
        highlight=False,
    )
    table = Table(title="Pays à considérer", show_lines=True)
    table.add_column("Pays")
    table.add_column("Raisons", overflow="fold")
    for advice in report.countries:
        table.add_row(advice.country.label, "\n".join(r.text for r in advice.reasons))
    out.print(table)
    funding = Table(title="Financements")
    for column in ("Programme", "État", "Échéance"):
        funding.add_column(column, overflow="fold")
    for line in report.funding:
        deadline = line.next_deadline or line.last_known_deadline
        state = "ouvert" if line.state == "open" else "à vérifier"
        funding.add_row(line.name, state, deadline.isoformat() if deadline else "")
    out.print(funding)
