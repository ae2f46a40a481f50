"""``coopdec init``, ``coopdec serve`` and ``coopdec stats``."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from coopdec.bootstrap import setup_django

console = Console(stderr=True)


def init(
    force: Annotated[
        bool, typer.Option("--force", help="Recharger toutes les données, même inchangées.")
    ] = False,
) -> None:
    """Crée ou met à jour la base : migrations, données de référence, catalogue de départ."""
    setup_django(creates_database=True)
    from coopdec.platform import initialise

    started = time.perf_counter()
    # The bars are transient: while a step runs they show its progress; once it is done, the
    # one table below reports what was loaded, with each step's own duration.
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} lignes"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        current: list[TaskID] = []

        def on_start(label: str) -> None:
            if current:
                progress.stop_task(current.pop())
            current.append(progress.add_task(label, total=None))

        def on_progress(rows: int) -> None:
            if current:
                progress.update(current[-1], advance=rows)

        report = initialise(force=force, on_start=on_start, on_progress=on_progress)
    table = Table(title="coopdec init", show_lines=False)
    table.add_column("Étape")
    table.add_column("Lignes", justify="right")
    table.add_column("Durée", justify="right")
    table.add_column("État")
    for step in report.steps:
        table.add_row(
            step.label,
            f"{step.count:,}".replace(",", "\u202f"),
            "—" if step.skipped else f"{step.seconds:.1f} s",
            "inchangé" if step.skipped else "chargé",
        )
    console.print(table)
    applied = f"{report.migrations_applied} migration(s) appliquée(s)"
    console.print(f"{applied} — terminé en {time.perf_counter() - started:.1f} s")


def serve(
    host: Annotated[str, typer.Option(help="Adresse d'écoute.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port d'écoute.")] = 8000,
    workers: Annotated[int, typer.Option(help="Processus de service.")] = 2,
) -> None:
    """Sert la plateforme (initialise d'abord une base neuve)."""
    setup_django(creates_database=True)
    from coopdec.platform import initialise, needs_initialisation
    from coopdec.web.server import run_server

    if needs_initialisation():
        console.print("Base neuve : initialisation…")
        initialise()
    else:
        _catch_up_search_index()
    console.print(f"coopdec sert http://{host}:{port}/ (Ctrl-C pour arrêter)")
    # gunicorn forks its workers from this process: they must not inherit its database
    # connection (a PostgreSQL session shared by several processes, or an open SQLite file).
    from django.db import connections

    connections.close_all()
    run_server(host=host, port=port, workers=workers)


def _catch_up_search_index() -> None:
    """At start-up: an import killed after its commit left the index behind; catch up."""
    from coopdec.platform import repair_search_index, search_index_health

    if not search_index_health().ok:
        console.print("Index de recherche en retard sur le catalogue : rattrapage…")
        repair_search_index()


def doctor(
    repair: Annotated[
        bool, typer.Option("--repair", help="Reconstruire l'index de recherche en entier.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
) -> None:
    """Vérifie que l'index de recherche concorde avec le catalogue (code 1 sinon)."""
    setup_django()
    from coopdec.platform import repair_search_index, search_index_health

    health = search_index_health()
    before = health
    if repair:
        health = repair_search_index(rebuild=True)
    if as_json:
        out = health.to_dict()
        if repair:
            out["before"] = before.to_dict()
        typer.echo(json.dumps(out, ensure_ascii=False))
    else:
        table = Table(title="coopdec doctor — index de recherche")
        table.add_column("Fiches")
        table.add_column("Catalogue", justify="right")
        table.add_column("Index", justify="right")
        table.add_column("État")
        labels = {"partnership": "partenariats", "project": "projets"}
        for kind in health.kinds:
            table.add_row(
                labels.get(kind.kind, kind.kind),
                str(kind.records),
                str(kind.documents),
                "concorde" if kind.agrees else "écart",
            )
        console.print(table)
        if health.pending:
            console.print(f"{health.pending} modification(s) du catalogue non indexée(s)")
        if repair:
            state = "concordait" if before.ok else "ne concordait pas"
            console.print(f"Index reconstruit (il {state} avant la réparation).")
        elif not health.ok:
            console.print("L'index ne concorde pas : « coopdec doctor --repair » le reconstruit.")
        else:
            console.print("L'index de recherche concorde avec le catalogue.")
    if not health.ok:
        raise typer.Exit(1)


def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
) -> None:
    """Compte les lignes de chaque table de référence."""
    setup_django()
    from coopdec.platform import table_counts

    counts = table_counts()
    if as_json:
        typer.echo(json.dumps(counts, ensure_ascii=False))
        return
    table = Table(title="coopdec stats")
    table.add_column("Table")
    table.add_column("Lignes", justify="right")
    for key, value in counts.items():
        table.add_row(key, f"{value:,}".replace(",", " "))
    Console().print(table)


def backup(
    out: Annotated[Path, typer.Argument(help="Fichier de sauvegarde à écrire (.tar).")],
) -> None:
    """Sauvegarde la base (cohérente même pendant le service)."""
    setup_django()
    from coopdec.backups import BackupError
    from coopdec.backups import backup as make_backup

    try:
        report = make_backup(out)
    except BackupError as exc:
        typer.echo(f"coopdec : {exc}", err=True)
        raise typer.Exit(2) from exc
    total = sum(report.counts.values())
    console.print(
        f"Sauvegarde {report.engine} écrite dans {out} ({total} lignes, {report.created})"
    )


def restore(
    source: Annotated[Path, typer.Argument(help="Sauvegarde écrite par « coopdec backup ».")],
) -> None:
    """Remplace le contenu de la base par celui d'une sauvegarde, puis vérifie les comptes."""
    setup_django(creates_database=True)
    from coopdec.backups import BackupError
    from coopdec.backups import restore as apply_backup

    if not source.is_file():
        typer.echo(f"coopdec : sauvegarde introuvable : {source}", err=True)
        raise typer.Exit(2)
    try:
        report = apply_backup(source)
    except BackupError as exc:
        typer.echo(f"coopdec : {exc}", err=True)
        raise typer.Exit(2) from exc
    console.print(
        f"Base restaurée depuis {source} (sauvegarde du {report.created}), comptes vérifiés"
    )
