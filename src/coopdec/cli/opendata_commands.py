"""``coopdec export ...``, ``coopdec import iati`` and ``coopdec bench iati``.

Thin: each command parses its options, calls one service of ``coopdec.opendata`` and prints a
summary. Exit code 2 for a bad option, an unreadable file or a refused import (every issue
printed with its line, element and rule); 0 otherwise.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from coopdec.bootstrap import setup_django

export_app = typer.Typer(
    help="Exports : IATI, données ouvertes (CSV, JSON, GeoJSON, XLSX), APD, échéances.",
    no_args_is_help=True,
)
err = Console(stderr=True, soft_wrap=True)

Out = Annotated[Path, typer.Argument(help="Fichier produit.")]
Authority = Annotated[
    str | None, typer.Option("--authority", help="Collectivité NATURE:CODE (ex. region:53).")
]
Country = Annotated[str | None, typer.Option("--country", help="Pays partenaire (ISO alpha-2).")]
Theme = Annotated[str | None, typer.Option("--theme", help="Thème (ex. eau_assainissement).")]
OrgRef = Annotated[
    str | None,
    typer.Option("--org-ref", help="Identifiant IATI de l'organisation (sinon calculé)."),
]
ProjectFiles = Annotated[
    list[Path] | None,
    typer.Option("--project-file", help="Fichier de projet (YAML/JSON), répétable."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Sortie JSON.")]


def _fail(message: str) -> typer.Exit:
    err.print(f"coopdec : {message}", markup=False, highlight=False)
    return typer.Exit(2)


def _project_files(paths: list[Path] | None) -> list[tuple[str, Any]]:
    from coopdec.assistant import ProjectFileError, load_project_file

    loaded = []
    for path in paths or []:
        try:
            loaded.append((path.name, load_project_file(path)))
        except (ProjectFileError, OSError) as exc:
            raise _fail(str(exc)) from exc
    return loaded


def _selection(authority: str | None, country: str | None, theme: str | None) -> Any:
    from coopdec.opendata.selection import Selection, SelectionError

    try:
        return Selection.parse(authority=authority, country=country, theme=theme)
    except SelectionError as exc:
        raise _fail(str(exc)) from exc


@export_app.command("iati")
def export_iati(
    out: Out,
    authority: Authority = None,
    country: Country = None,
    theme: Theme = None,
    org_ref: OrgRef = None,
    project_file: ProjectFiles = None,
) -> None:
    """Projets du catalogue (ou fichiers de projet) en activités IATI 2.03 valides."""
    setup_django()
    from coopdec.opendata import iati_export

    if project_file:
        report = iati_export.export_project_files(
            _project_files(project_file), out, org_ref=org_ref
        )
    else:
        selection = _selection(authority, country, theme)
        report = iati_export.export_activities(out, selection, org_ref=org_ref)
    err.print(
        f"{out} : {report.written} activité(s) IATI 2.03, {report.skipped} laissée(s) de côté"
    )
    for skipped in report.skipped_examples[:20]:
        err.print(f"  {skipped['project']} : {skipped['reason']}", markup=False)


@export_app.command("iati-organisation")
def export_iati_organisation(
    out: Out,
    authority: Annotated[str, typer.Option("--authority", help="Collectivité NATURE:CODE.")],
    org_ref: OrgRef = None,
) -> None:
    """Fichier d'organisation IATI 2.03 d'une collectivité française."""
    setup_django()
    from coopdec.opendata import iati_export

    found = _selection(authority, None, None).authority
    try:
        ref = iati_export.export_organisation(out, found, org_ref=org_ref)
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    err.print(f"{out} : organisation {ref}")


def _open_data(fmt: str) -> Any:
    def command(
        out: Out, authority: Authority = None, country: Country = None, theme: Theme = None
    ) -> None:
        setup_django()
        from coopdec.opendata import exports as opendata

        written = opendata.export_file(fmt, out, _selection(authority, country, theme))
        err.print(f"écrit : {', '.join(map(str, written))}")

    command.__doc__ = f"Le catalogue en {fmt.upper()}, avec sa licence et ses sources."
    return command


for _fmt in ("csv", "json", "geojson", "xlsx"):
    export_app.command(_fmt)(_open_data(_fmt))


@export_app.command("apd")
def export_apd(
    out: Annotated[Path, typer.Argument(help="Fichier produit (.csv ou .xlsx).")],
    authority: Annotated[str, typer.Option("--authority", help="Collectivité NATURE:CODE.")],
    year: Annotated[
        int | None,
        typer.Option(
            "--year", help="Année N de la campagne (montants de N-1) ; défaut : cette année."
        ),
    ] = None,
    project_file: ProjectFiles = None,
) -> None:
    """Préparation de la déclaration annuelle de l'APD (CSV ou XLSX), à compléter."""
    setup_django()
    from coopdec.opendata import apd, apd_files

    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise _fail(f"extension non prise en charge : {out.name} (attendues : .csv, .xlsx)")
    found = _selection(authority, None, None).authority
    campaign = year or date.today().year
    rows = apd.declaration(found, campaign, _project_files(project_file))
    with out.open("wb") as stream:
        if fmt == "csv":
            apd_files.write_csv(rows, stream)
        else:
            apd_files.write_xlsx(rows, stream, campaign - 1)
    err.print(f"{out} : {len(rows)} ligne(s) pour l'APD {campaign - 1} ({found.name})")


@export_app.command("deadlines")
def export_deadlines(out: Out) -> None:
    """Les dates limites des financements en iCalendar (RFC 5545)."""
    from coopdec.opendata.deadlines import calendar

    out.write_bytes(calendar().encode("utf-8"))
    err.print(f"écrit : {out}")


def import_iati(
    file: Annotated[Path, typer.Argument(help="Fichier IATI 2.01 à 2.03 (XML).")],
    partial: Annotated[
        bool, typer.Option("--partial", help="Ignorer les activités non conformes au schéma.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Tout vérifier sans rien écrire.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Importe les activités d'un fichier IATI dans le catalogue (tout ou rien)."""
    if not file.is_file():
        raise _fail(f"fichier introuvable : {file}")
    setup_django()
    from coopdec.catalogue.imports.iati.importer import import_iati as service
    from coopdec.formats.iati import IatiError

    try:
        summary = service(file, partial=partial, dry_run=dry_run)
    except IatiError as exc:
        raise _fail(exc.describe()) from exc
    if as_json:
        typer.echo(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_summary(summary)
    if summary.status == "refused":
        raise typer.Exit(2)


def _print_summary(summary: Any) -> None:
    for issue in summary.issues:
        err.print(issue.describe(), markup=False, highlight=False)
    if summary.issue_count > len(summary.issues):
        err.print(f"… et {summary.issue_count - len(summary.issues)} autre(s) problème(s)")
    verdict = {
        "imported": "importé",
        "refused": "refusé : rien n'a été écrit",
        "dry_run": "vérifié (essai) : rien n'a été écrit",
    }[summary.status]
    table = Table(title=f"{summary.file} — {verdict}")
    for column in ("lues", "créées", "mises à jour", "inchangées", "ignorées", "problèmes"):
        table.add_column(column, justify="right")
    table.add_row(
        *map(
            str,
            (
                summary.read,
                summary.created,
                summary.updated,
                summary.unchanged,
                summary.skipped,
                summary.issue_count,
            ),
        )
    )
    err.print(table)
    for reason, count in summary.skipped_reasons.items():
        err.print(f"ignorées ({count}) : {reason}", markup=False)
    for note, count in list(summary.notes.items())[:20]:
        err.print(f"note ({count}) : {note}", markup=False)


def bench_iati(
    activities: Annotated[int, typer.Option(help="Nombre d'activités générées.")] = 100_000,
    runs: Annotated[int, typer.Option(help="Imports mesurés (base neuve à chaque fois).")] = 1,
    samples: Annotated[
        Path | None, typer.Option(help="Dossier des exemples IATI réels (facultatif).")
    ] = None,
    with_index: Annotated[
        bool, typer.Option("--with-index", help="Mesurer aussi la mise à jour de l'index.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Import IATI : activités/s, pic de mémoire et rapport à une lecture lxml nue."""
    from coopdec.bench import iati as bench

    result = bench.run(activities, runs, samples or bench.REPO_SAMPLES, with_index)
    typer.echo(json.dumps(result) if as_json else "\n".join(bench.lines(result)))
