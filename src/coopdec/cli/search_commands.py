"""``coopdec search``: the catalogue search from the terminal (same service as the API).

Options are the API's parameters; ``--json`` prints exactly the JSON of ``GET /api/v1/search``.
Exit code 2 on a bad parameter or configuration, with one French line.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from coopdec.bootstrap import setup_django
from coopdec.config.env import ConfigurationError

out = Console()


def search(
    text: Annotated[
        str, typer.Argument(help="Mots cherchés (accents et casse indifférents).")
    ] = "",
    country: Annotated[
        list[str] | None, typer.Option(help="Pays (ISO alpha-2), répétable.")
    ] = None,
    theme: Annotated[list[str] | None, typer.Option(help="Thème (code), répétable.")] = None,
    sdg: Annotated[list[str] | None, typer.Option(help="ODD (numéro), répétable.")] = None,
    zone: Annotated[list[str] | None, typer.Option(help="Zone (code), répétable.")] = None,
    authority: Annotated[
        list[str] | None, typer.Option(help="Collectivité française (identifiant).")
    ] = None,
    authority_kind: Annotated[
        list[str] | None, typer.Option("--authority-kind", help="Nature : commune, epci...")
    ] = None,
    region: Annotated[list[str] | None, typer.Option(help="Région (code INSEE).")] = None,
    departement: Annotated[list[str] | None, typer.Option(help="Département (code).")] = None,
    relation_type: Annotated[
        list[str] | None, typer.Option("--relation-type", help="jumelage, cooperation...")
    ] = None,
    status: Annotated[list[str] | None, typer.Option(help="active, ended, planned...")] = None,
    kind: Annotated[
        list[str] | None, typer.Option("--type", help="project ou partnership.")
    ] = None,
    open_only: Annotated[
        bool, typer.Option("--open", help="Seulement ceux ouverts à de nouvelles collectivités.")
    ] = False,
    year_from: Annotated[int | None, typer.Option("--year-from", help="Année de début.")] = None,
    year_to: Annotated[int | None, typer.Option("--year-to", help="Année de fin.")] = None,
    sort: Annotated[
        str | None, typer.Option(help="relevance, title, -title, start_year, -start_year.")
    ] = None,
    page: Annotated[int, typer.Option(help="Page (à partir de 1).")] = 1,
    page_size: Annotated[int, typer.Option("--page-size", help="Résultats par page.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON (celle de l'API).")] = False,
) -> None:
    """Cherche dans les partenariats et les projets du catalogue, avec filtres et facettes."""
    params: dict[str, list[str]] = {"q": [text], "page": [str(page)], "page_size": [str(page_size)]}
    multi = {
        "country": country, "theme": theme, "sdg": sdg, "zone": zone, "authority": authority,
        "authority_kind": authority_kind, "region": region, "departement": departement,
        "relation_type": relation_type, "status": status, "type": kind,
    }  # fmt: skip
    params.update({name: values for name, values in multi.items() if values})
    if open_only:
        params["open"] = ["true"]
    for name, year in (("year_from", year_from), ("year_to", year_to)):
        if year is not None:
            params[name] = [str(year)]
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
