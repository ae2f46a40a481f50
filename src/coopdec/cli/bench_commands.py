"""``coopdec bench search``: load a synthetic catalogue into a new database and time searches.

SQLite: a new database in a temporary data directory (or ``--data-dir``). PostgreSQL: the
database of ``COOPDEC_DATABASE_URL`` when it is one (it must be empty), otherwise a
throw-away cluster started by ``scripts/pg_test_cluster.py`` (from a source checkout).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from coopdec.bootstrap import setup_django
from coopdec.config.env import ConfigurationError

bench_app = typer.Typer(help="Mesures de performance (benchmarks).", no_args_is_help=True)
out = Console()
REPO = Path(__file__).resolve().parents[3]


@bench_app.command("search")
def bench_search(
    size: Annotated[int, typer.Option(help="Nombre de projets synthétiques.")] = 10_000,
    backend: Annotated[str, typer.Option(help="sqlite ou postgresql.")] = "sqlite",
    seed: Annotated[int, typer.Option(help="Graine du catalogue synthétique.")] = 1,
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="Dossier (SQLite).")] = None,
    no_api: Annotated[bool, typer.Option("--no-api", help="Sans le serveur HTTP.")] = False,
    no_datasette: Annotated[bool, typer.Option("--no-datasette", help="Sans Datasette.")] = False,
    datasette_queries: Annotated[
        int | None, typer.Option(help="Datasette : seulement les N premières requêtes du mélange.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
) -> None:
    """Temps de recherche (service, API, requête brute, Datasette) sur un catalogue synthétique."""
    _database(backend, data_dir)
    from coopdec.bench import search as bench

    figures = bench.run(
        size,
        seed=seed,
        api=not no_api,
        datasette=not no_datasette,
        datasette_queries=datasette_queries,
    )
    _show(figures, f"Recherche — {size} projets, {figures['backend']}", as_json)


def _show(figures: dict[str, Any], title: str, as_json: bool) -> None:
    """The figures as JSON, or as a two-column table."""
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    table = Table(title=title)
    table.add_column("mesure")
    table.add_column("valeur", justify="right")
    for key, value in figures.items():
        table.add_row(key, str(value))
    out.print(table)


def _database(backend: str, data_dir: Path | None) -> None:
    """Point the process at a new database: SQLite in a temporary data directory (or
    ``data_dir``), PostgreSQL at ``COOPDEC_DATABASE_URL`` or, from a source checkout, a
    throw-away cluster (the command runs again inside it)."""
    if backend not in ("sqlite", "postgresql"):
        typer.echo("coopdec : --backend sqlite ou postgresql", err=True)
        raise typer.Exit(2)
    url = os.environ.get("COOPDEC_DATABASE_URL", "")
    if backend == "postgresql" and not url.startswith("postgres"):
        cluster = REPO / "scripts" / "pg_test_cluster.py"
        if not cluster.exists():
            typer.echo("coopdec : COOPDEC_DATABASE_URL=postgresql://… requis", err=True)
            raise typer.Exit(2)
        command = [
            sys.executable,
            str(cluster),
            "--",
            sys.executable,
            "-m",
            "coopdec",
            *sys.argv[1:],
        ]
        raise typer.Exit(subprocess.run(command, check=False).returncode)  # noqa: S603
    if backend == "sqlite":
        os.environ.pop("COOPDEC_DATABASE_URL", None)
        os.environ["COOPDEC_DATA_DIR"] = str(data_dir or tempfile.mkdtemp(prefix="coopdec-bench-"))
    try:
        setup_django(creates_database=True)
    except ConfigurationError as exc:
        typer.echo(f"coopdec : {exc}", err=True)
        raise typer.Exit(2) from exc


@bench_app.command("publish")
def bench_publish(
    backend: Annotated[str, typer.Option(help="sqlite ou postgresql.")] = "sqlite",
    publishes: Annotated[int, typer.Option(min=1, help="Publications chronométrées.")] = 30,
    rate: Annotated[float, typer.Option(min=0.1, help="Publications par seconde en charge.")] = 5.0,
    workers: Annotated[int, typer.Option(min=1, help="Processus du serveur.")] = 2,
    searches: Annotated[
        int, typer.Option(min=20, help="Recherches chronométrées au calme, puis en charge.")
    ] = 300,
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="Dossier (SQLite).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
) -> None:
    """Délai entre une publication et sa découverte par une recherche servie par un autre
    processus, et temps de recherche pendant des publications (docs/benchmarks.md)."""
    _database(backend, data_dir)
    from coopdec.bench import publish as bench

    figures = bench.run(publishes, rate, workers, searches)
    _show(figures, f"Publication → recherche — {figures['backend']}", as_json)
