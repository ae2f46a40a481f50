"""The platform-wide set-up use case behind ``coopdec init`` and ``coopdec serve``.

Apps contribute datasets in dependency order; the reference data come first, the starter
catalogue (which points to authorities and countries) after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from coopdec.catalogue.loaders import DATASETS as CATALOGUE_DATASETS
from coopdec.catalogue.search import indexer
from coopdec.catalogue.search.models import SearchDocument
from coopdec.catalogue.services import catalogue_counts
from coopdec.datasets import Dataset, LoadResult, load_datasets
from coopdec.projectfile.codes import programs_by_id
from coopdec.reference import services as reference
from coopdec.reference.loaders import DATASETS as REFERENCE_DATASETS
from coopdec.reference.models import DatasetLoad

# Dependency order: reference data first, then what points to it.
DATASETS: tuple[Dataset, ...] = (*REFERENCE_DATASETS, *CATALOGUE_DATASETS)


@dataclass(frozen=True)
class InitReport:
    migrations_applied: int
    datasets: list[LoadResult]


def pending_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def needs_initialisation() -> bool:
    if pending_migrations():
        return True
    return DatasetLoad.objects.count() < len(DATASETS)


def initialise(
    *,
    force: bool = False,
    on_start: Callable[[str], None] = lambda label: None,
    on_progress: Callable[[int], None] = lambda rows: None,
) -> InitReport:
    """Apply migrations, then load every dataset whose files changed. Idempotent."""
    pending = pending_migrations()
    if pending:
        on_start("Migrations")
        call_command("migrate", interactive=False, verbosity=0)
        on_progress(pending)
    results = load_datasets(
        DATASETS,
        force=force,
        on_start=lambda dataset: on_start(dataset.label),
        on_progress=on_progress,
    )
    # The search index is derived from the catalogue tables: rebuild it whenever a catalogue
    # dataset was (re)loaded, or when it has never been built (a fresh database).
    catalogue_names = {dataset.name for dataset in CATALOGUE_DATASETS}
    reloaded = any(not r.skipped and r.name in catalogue_names for r in results)
    if reloaded or not SearchDocument.objects.exists():
        on_start("Index de recherche")
        indexer.rebuild_index(on_progress)
    return InitReport(migrations_applied=pending, datasets=results)


def table_counts() -> dict[str, int]:
    """Rows of every reference and catalogue table, keyed by table name."""
    return {
        **reference.table_counts(),
        # Read from the shipped YAML, as the funding finder reads them (no table).
        "funding_programs": len(programs_by_id()),
        **catalogue_counts(),
    }
