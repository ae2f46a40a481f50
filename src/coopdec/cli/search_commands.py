"""``coopdec search``: the catalogue search from the terminal (same service as the API).

Options are the API's parameters; ``--json`` prints exactly the JSON of ``GET /api/v1/search``.
Exit code 2 on a bad parameter or configuration, with one French line.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from coopdec.bootstrap import setup_django
from coopdec.catalogue import fields
from coopdec.config.env import ConfigurationError

out = Console()


def _option(name: str) -> Any:
    """The Typer option of a declared filter (``catalogue/fields.py``): its name and help."""
    declared = fields.BY_NAME[name]
    return typer.Option(declared.cli, help=declared.cli_help)


def search(
    text: Annotated[
        str, typer.Argument(help="Mots cherchés (accents et casse indifférents).")
    ] = "",
    country: Annotated[list[str] | None, _option("country")] = None,
    theme: Annotated[list[str] | None, _option("theme")] = None,
    sdg: Annotated[list[str] | None, _option("sdg")] = None,
    zone: Annotated[list[str] | None, _option("zone")] = None,
    authority: Annotated[list[str] | None, _option("authority")] = None,
    authority_kind: Annotated[list[str] | None, _option("authority_kind")] = None,
    region: Annotated[list[str] | None, _option("region")] = None,
    departement: Annotated[list[str] | None, _option("departement")] = None,
    relation_type: Annotated[list[str] | None, _option("relation_type")] = None,
    status: Annotated[list[str] | None, _option("status")] = None,
    kind: Annotated[list[str] | None, _option("type")] = None,
    open_only: Annotated[bool, _option("open")] = False,
    example_only: Annotated[bool, _option("example")] = False,
    year_from: Annotated[int | None, _option("year_from")] = None,
    year_to: Annotated[int | None, _option("year_to")] = None,
    sort: Annotated[
        str | None, typer.Option(help="relevance, title, -title, start_year, -start_year.")
    ] = None,
    page: Annotated[int, typer.Option(help="Page (à partir de 1).")] = 1,
    page_size: Annotated[int, typer.Option("--page-size", help="Résultats par page.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON (celle de l'API).")] = False,
) -> None:
    """Cherche dans les partenariats et les projets du catalogue, avec filtres et facettes."""
    params: dict[str, list[str]] = {"q": [text], "page": [str(page)], "page_size": [str(page_size)]}
    given = {
        "country": country, "theme": theme, "sdg": sdg, "zone": zone, "authority": authority,
        "authority_kind": authority_kind, "region": region, "departement": departement,
        "relation_type": relation_type, "status": status, "type": kind,
        "open": ["true"] if open_only else None,
        "example": ["true"] if example_only else None,
        "year_from": None if year_from is None else [str(year_from)],
        "year_to": None if year_to is None else [str(year_to)],
    }  # fmt: skip
    params.update({name: values for name, values in given.items() if values})
    if sort:
        params["sort"] = [sort]
    try:
        setup_django()
        from coopdec.catalogue.search import QueryError, SearchQuery
        from coopdec.catalogue.search import search as run_search

        try:
            result = run_search(SearchQuery.from_params(params))
        except QueryError as exc:
            typer.echo(f"coopdec : {exc}", err=True)
            raise typer.Exit(2) from exc
    except ConfigurationError as exc:
        typer.echo(f"coopdec : {exc}", err=True)
        raise typer.Exit(2) from exc
    data = result.to_dict()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print(data)


def _print(data: dict[str, object]) -> None:
    total, page, pages = data["total"], data["page"], data["pages"]
    table = Table(title=f"{total} résultat(s) — page {page}/{pages}", show_lines=False)
    for column in ("Type", "Titre", "Pays", "Collectivités", "Années", "Statut"):
        table.add_column(column, overflow="fold")
    for hit in data["results"]:  # type: ignore[attr-defined]
        years = "–".join(str(y) for y in (hit["start_year"], hit["end_year"]) if y)
        table.add_row(
            "projet" if hit["type"] == "project" else "partenariat",
            hit["title"],
            ", ".join(c["value"] for c in hit["countries"]),
            ", ".join(a["label"] for a in hit["french_authorities"][:3]),
            years,
            hit["status"]["label"],
        )
    out.print(table)
    facets = data["facets"]
    for name in ("theme", "country", "relation_type"):
        values = facets[name][:6]  # type: ignore[index]
        if values:
            shown = ", ".join(f"{v['label']} ({v['count']})" for v in values)
            out.print(f"[bold]{name}[/] : {shown}", highlight=False)
