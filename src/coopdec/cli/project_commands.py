"""``coopdec check``, ``coopdec funding`` and ``coopdec document``: the project assistant.

They need no database: the rules, the funding data and the names come from shipped files.
Exit code 0 whatever the verdicts; 2 when the project file is invalid (each wrong field named).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from coopdec import documents, languages
from coopdec import projectfile_service as services
from coopdec.projectfile import ProjectFile, ProjectFileError

out = Console()
err = Console(stderr=True)

STATUS_STYLE = {
    "ok": "green",
    "warning": "yellow",
    "blocking": "bold red",
    "unknown": "cyan",
    "not_applicable": "dim",
}
# Written in French, shown in the reader's language (``--lang``).
STATUS_FR = {
    "ok": "conforme",
    "warning": "attention",
    "blocking": "bloquant",
    "unknown": "inconnu",
    "not_applicable": "sans objet",
}

FileArg = Annotated[
    Path, typer.Argument(help="Fichier de projet (YAML ou JSON, format coopdec_project: 1).")
]
DateOpt = Annotated[
    dt.datetime | None,
    typer.Option("--date", formats=["%Y-%m-%d"], help="Date du droit appliqué (AAAA-MM-JJ)."),
]
KINDS_HELP = "convention | deliberation | lettre-intention | candidature | charte-jumelage"
JsonOpt = Annotated[bool, typer.Option("--json", help="Sortie JSON (celle de l'API).")]
LangOpt = Annotated[
    str,
    typer.Option(
        "--lang", help="Langue des verdicts et des raisons : fr ou en (les identifiants restent)."
    ),
]


def _language(lang: str) -> str:
    """``lang`` when coopdec speaks it; exit 2 with one line otherwise."""
    try:
        return languages.checked(lang)
    except languages.UnknownLanguageError as exc:
        err.print(f"coopdec : {exc}")
        raise typer.Exit(2) from exc


def _load(path: Path) -> ProjectFile:
    """The file, parsed once; an invalid one (nesting too deep included) exits with 2."""
    if not path.is_file():
        err.print(f"coopdec : fichier introuvable : {path}")
        raise typer.Exit(2)
    try:
        return services.read_file(path)
    except ProjectFileError as exc:
        # The label a person reads, then the key to find in the file being edited.
        lines = [f"Fichier de projet invalide ({exc.source or path}) :"]
        for error in exc.errors:
            where = services.field_label(error.path) if error.path else ""
            if error.path and where != error.path:
                where = f"{where} ({error.path})"
            lines.append(f"  - {where or 'fichier'} : {services.plain(error.message)}")
        err.print("\n".join(lines), markup=False, highlight=False)
        raise typer.Exit(2) from exc


def check(
    file: FileArg, date: DateOpt = None, as_json: JsonOpt = False, lang: LangOpt = "fr"
) -> None:
    """Vérifie un projet au regard du droit en vigueur à une date (CGCT, appels à projets)."""
    with languages.speaking(_language(lang)):
        _check(file, date, as_json)


def _check(file: Path, date: dt.datetime | None, as_json: bool) -> None:
    project = _load(file)
    report = services.check(project, date.date() if date else None).to_json()
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    _ = languages.translator()
    table = Table(title=_("Vérification au %s") % report["date"], show_lines=True)
    for column in ("Règle", "Verdict", "Message", "Sources", "Fiabilité"):
        table.add_column(_(column))
    titles = services.rule_titles()
    for verdict in report["verdicts"]:
        status = verdict["status"]
        # Words for a person (rule title, field labels, programme names); --json keeps the ids.
        table.add_row(
            titles.get(verdict["rule"], verdict["rule"]),
            f"[{STATUS_STYLE[status]}]{_(STATUS_FR[status])}[/]",
            services.plain(verdict["message"]),
            "\n".join(services.plain(s["label"]) for s in verdict["sources"]),
            verdict["confidence"],
        )
    out.print(table)
    summary = report["summary"]
    out.print(", ".join(_("%s : %d") % (_(STATUS_FR[k]), v) for k, v in summary.items()))
    out.print(_("Simulation : à confirmer auprès de la préfecture et du ministère."))


def funding(
    file: FileArg, date: DateOpt = None, as_json: JsonOpt = False, lang: LangOpt = "fr"
) -> None:
    """Liste les programmes de financement, éligibles d'abord, avec taux, montant et échéance."""
    with languages.speaking(_language(lang)):
        _funding(file, date, as_json)


def _funding(file: Path, date: dt.datetime | None, as_json: bool) -> None:
    project = _load(file)
    report = services.funding(project, date.date() if date else None).to_json()
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    _ = languages.translator()
    table = Table(title=_("Financements au %s") % report["date"])
    for column in ("Programme", "Financeur", "Éligible", "Taux max", "Montant max", "Échéance"):
        table.add_column(_(column))
    labels = {
        True: f"[green]{_('oui')}[/]",
        False: f"[red]{_('non')}[/]",
        None: f"[cyan]{_('à vérifier')}[/]",
    }
    for program in report["programs"]:
        table.add_row(
            program["name"],
            program["funder"],
            labels[program["eligible"]],
            str(program["max_rate"] or "—"),
            str(program["max_amount"] or "—"),
            str(program["next_deadline"] or "—"),
        )
    out.print(table)


def document(
    kind: Annotated[str, typer.Argument(help=KINDS_HELP)],
    file: FileArg,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Fichier produit (.pdf ou .docx).")
    ],
    date: DateOpt = None,
    bilingual: Annotated[
        bool,
        typer.Option(
            "--bilingue",
            "--bilingual",
            help="Version français et anglais, article par article (convention).",
        ),
    ] = False,
) -> None:
    """Produit un document (PDF ou DOCX) rempli à partir du fichier de projet."""
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in documents.FORMATS:
        err.print(
            f"coopdec : extension non prise en charge : {output.name} (attendues : .pdf, .docx)"
        )
        raise typer.Exit(2)
    project = _load(file)
    try:
        rendered = services.document(
            kind, project, fmt, date.date() if date else None, bilingual=bilingual
        )
    except (
        documents.MissingFieldsError,
        documents.UnknownDocumentKindError,
        documents.DeadlineExceeded,
    ) as exc:
        err.print(str(exc), markup=False, highlight=False)
        raise typer.Exit(2) from exc
    output.write_bytes(rendered.content)
    err.print(f"{output} écrit ({len(rendered.content):,} octets)".replace(",", " "))
