"""``coopdec import catalogue|atlas|wikidata|report``: imports into the catalogue.

Exit code 1 when the import was refused (every error printed as ``file:line:column: reason``,
nothing written), 2 for a wrong mapping file, 0 otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from coopdec.bootstrap import setup_django

out = Console()
err = Console(stderr=True)

import_app = typer.Typer(
    name="import",
    help="Importe des partenariats et projets dans le catalogue (une transaction par fichier).",
    no_args_is_help=True,
)

FileArg = Annotated[
    Path,
    typer.Argument(exists=True, dir_okay=False, readable=True, help="Fichier à importer."),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Simuler : tout vérifier, ne rien écrire.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Sortie JSON (le rapport complet).")]

KIND_TITLES = {
    "catalogue_csv": "Import du catalogue CSV",
    "atlas_csv": "Import d'un export de l'Atlas",
    "wikidata": "Import de jumelages Wikidata",
    "starter": "Catalogue de départ",
}
SEPARATORS = {",": "virgule", ";": "point-virgule", "\t": "tabulation"}


def _location(error: dict[str, Any]) -> str:
    parts = [str(error["file"])]
    if error.get("line") is not None:
        parts.append(str(error["line"]))
    if error.get("column") is not None:
        parts.append(str(error["column"]))
    return ":".join(parts)


def print_report(report: dict[str, Any]) -> None:
    """A readable summary of an import report (``ImportReport.to_dict()``)."""
    title = KIND_TITLES.get(report["kind"], report["kind"])
    details = []
    if report.get("encoding"):
        details.append(report["encoding"].upper().replace("-SIG", " avec BOM"))
    if report.get("separator"):
        details.append(f"séparateur {SEPARATORS.get(report['separator'], report['separator'])}")
    details.append(f"{report['rows']} ligne(s) de données")
    out.print(f"[bold]{title}[/bold] : {report['file']} ({', '.join(details)})", highlight=False)
    columns = report.get("columns") or {}
    if columns:
        for label, key in (
            ("Colonnes reconnues", "mapped"),
            ("Champs sans colonne (non mappés)", "unmapped"),
            ("Colonnes inconnues de la correspondance", "unknown"),
        ):
            values = columns.get(key) or []
            out.print(f"[bold]{label}[/bold] ({len(values)})")
            for value in values:
                out.print(f"  • {value}", markup=False, highlight=False)
    if report["refused"]:
        out.print(
            f"[bold red]Import refusé[/bold red] : {len(report['errors'])} erreur(s), "
            "rien n'a été écrit.",
            highlight=False,
        )
        for error in report["errors"]:
            out.print(
                f"{_location(error)}: {error['reason']}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
        return
    table = Table(title="Simulation (rien n'a été écrit)" if report["dry_run"] else "Bilan")
    table.add_column("")
    for column in ("créés", "mis à jour", "inchangés"):
        table.add_column(column, justify="right")
    labels = {
        "partnerships": "Partenariats",
        "projects": "Projets",
        "foreign_authorities": "Collectivités étrangères",
        "french_authorities": "Organismes hors COG",
    }
    for key, label in labels.items():
        counts = report["counts"][key]
        table.add_row(label, *(str(counts[k]) for k in ("created", "updated", "unchanged")))
    out.print(table)
    if report.get("merged"):
        out.print(f"{report['merged']} ligne(s) fusionnée(s) avec une ligne de même clé.")
    for note in report.get("notes") or []:
        out.print(f"Note : {note}", markup=False, highlight=False)
    skipped = report.get("skipped") or []
    if skipped:
        out.print(
            f"[bold yellow]{len(skipped)} ligne(s) non importée(s)[/bold yellow] "
            "(non résolues sans deviner) :"
        )
        for item in skipped:
            where = _location({"file": report["file"], **item})
            text = f"{where}: « {item['value']} » — {item['reason']}"
            if item.get("candidates"):
                text += f" (candidats : {', '.join(item['candidates'])})"
            out.print(text, markup=False, highlight=False, soft_wrap=True)


def _finish(report: dict[str, Any], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(report)
    if report["refused"]:
        raise typer.Exit(1)


@import_app.command("catalogue")
def catalogue(file: FileArg, dry_run: DryRunOpt = False, as_json: JsonOpt = False) -> None:
    """Importe un CSV au format du catalogue coopdec (schéma catalogue.schema.json)."""
    setup_django()
    from coopdec.catalogue.imports import services

    report = services.import_catalogue(file, filename=str(file), dry_run=dry_run)
    _finish(report.to_dict(), as_json)


@import_app.command("atlas")
def atlas(
    file: FileArg,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping",
            exists=True,
            dir_okay=False,
            help="Correspondance des colonnes (YAML) ; par défaut celle livrée (hypothèses).",
        ),
    ] = None,
    dry_run: DryRunOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Importe un export CSV de l'Atlas de la coopération décentralisée (un projet par ligne)."""
    setup_django()
    from coopdec.catalogue.imports import atlas as atlas_import
    from coopdec.catalogue.imports import services

    try:
        report = services.import_atlas(file, mapping=mapping, filename=str(file), dry_run=dry_run)
    except atlas_import.MappingError as exc:
        err.print(f"coopdec : correspondance invalide : {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from exc
    _finish(report.to_dict(), as_json)


@import_app.command("wikidata")
def wikidata(
    file: FileArg,
    source_url: Annotated[
        str | None,
        typer.Option("--source-url", help="Source citée (défaut : le service de requêtes)."),
    ] = None,
    source_date: Annotated[
        str | None,
        typer.Option("--source-date", help="Date des données (défaut : date du fichier)."),
    ] = None,
    dry_run: DryRunOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Importe des jumelages issus d'une requête Wikidata (TSV ou CSV)."""
    setup_django()
    from coopdec.catalogue.imports import services

    report = services.import_wikidata(
        file,
        filename=str(file),
        source_url=source_url,
        source_date=source_date,
        dry_run=dry_run,
    )
    _finish(report.to_dict(), as_json)


@import_app.command("report")
def show_report(
    kind: Annotated[
        str | None,
        typer.Argument(help="starter | catalogue_csv | atlas_csv | wikidata (défaut : le dernier)"),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Affiche le rapport du dernier import (p. ex. les jumelages non résolus de coopdec init)."""
    setup_django()
    from coopdec.catalogue.imports import services

    report = services.latest_report(kind)
    if report is None:
        err.print("coopdec : aucun import enregistré" + (f" de type « {kind} »" if kind else ""))
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    out.print(f"Import n° {report['batch_id']} du {report['date'][:19].replace('T', ' ')}")
    print_report(report)
