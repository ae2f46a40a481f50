"""``coopdec search``: the catalogue search from the terminal (same service as the API).

Options are the API's parameters; ``--json`` prints exactly the JSON of ``GET /api/v1/search``.
Exit code 2 on a bad parameter or configuration, with one French line.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from coopdec.bootstrap import setup_django
from coopdec.catalogue import fields
from coopdec.config.env import ConfigurationError

out = Console()


def _filter_option(declared: fields.Filter) -> inspect.Parameter:
    """A declared filter (``catalogue/fields.py``) as an option of ``coopdec search``: its
    option name and help; repeatable for the multi-valued filters, a flag for the yes/no one
    (the CLI only asks for "yes"), one integer for the years."""
    option = typer.Option(declared.cli, help=declared.cli_help)
    if declared in fields.MULTI:
        kind: Any = list[str] | None
        default: object = None
    elif declared.value == "boolean":
        kind, default = bool, False
    else:
        kind, default = int | None, None
    return inspect.Parameter(
        declared.name, inspect.Parameter.KEYWORD_ONLY, default=default,
        annotation=Annotated[kind, option],
    )  # fmt: skip


def _filter_values(declared: fields.Filter, given: Any) -> list[str] | None:
    """What the option gave, as the values of the search parameter (None: not given)."""
    if declared in fields.MULTI:
        return list(given) if given else None
    if declared.value == "boolean":
        return ["true"] if given else None
    return None if given is None else [str(given)]


def _with_declared_filters(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with one option per declared filter, inserted in its signature after the
    searched text and passed to it as ``filters`` (parameter name -> values). Typer reads the
    options from the signature: built here from the declaration, they follow it."""
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "filters"]
    options = [_filter_option(declared) for declared in fields.BY_NAME.values()]
    parameters = [own[0].replace(kind=inspect.Parameter.KEYWORD_ONLY), *options]
    parameters += [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own[1:]]

    def run(**given: Any) -> None:
        filters = {
            name: values
            for name, declared in fields.BY_NAME.items()
            if (values := _filter_values(declared, given.pop(name))) is not None
        }
        command(filters=filters, **given)

    run.__name__, run.__doc__ = command.__name__, command.__doc__
    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    return run


def _search(
    text: Annotated[
        str, typer.Argument(help="Mots cherchés (accents et casse indifférents).")
    ] = "",
    sort: Annotated[
        str | None, typer.Option(help="relevance, title, -title, start_year, -start_year.")
    ] = None,
    page: Annotated[int, typer.Option(help="Page (à partir de 1).")] = 1,
    page_size: Annotated[int, typer.Option("--page-size", help="Résultats par page.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON (celle de l'API).")] = False,
    *,
    filters: dict[str, list[str]],
) -> None:
    """Cherche dans les partenariats et les projets du catalogue, avec filtres et facettes."""
    params: dict[str, list[str]] = {"q": [text], "page": [str(page)], "page_size": [str(page_size)]}
    params.update(filters)
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


# ``coopdec search``: the options of the filters come from their declaration.
search = _with_declared_filters(_search)


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
