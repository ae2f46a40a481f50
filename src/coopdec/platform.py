"""The platform as a whole: set it up (``coopdec init``, ``coopdec serve``) and count it.

Apps contribute datasets in dependency order; the reference data come first, the starter
catalogue (which points to authorities and countries) after. The row counts of every table
(``coopdec stats``) live here too: they are a view of the whole platform, not a use case of
one app.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Model

from coopdec.catalogue.loaders import DATASETS as CATALOGUE_DATASETS
from coopdec.catalogue.models import (
    Contact,
    Example,
    ForeignAuthority,
    FrenchAuthority,
    ImportBatch,
    Partnership,
    Project,
)
from coopdec.catalogue.search import consistency, indexer
from coopdec.catalogue.search.models import SearchDocument
from coopdec.datasets import Dataset, LoadResult, Progress, checksum
from coopdec.projectfile.codes import programs_by_id
from coopdec.reference.loaders import DATASETS as REFERENCE_DATASETS
from coopdec.reference.models import (
    Commune,
    Country,
    DacSector,
    DacSectorCategory,
    DatasetLoad,
    Departement,
    Epci,
    Ept,
    OdaRecipient,
    Region,
    SdgGoal,
    SdgTarget,
    Theme,
    Zone,
)

# Dependency order: reference data first, then what points to it.
DATASETS: tuple[Dataset, ...] = (*REFERENCE_DATASETS, *CATALOGUE_DATASETS)

# Keys are the names users see in ``coopdec stats --json`` (one per table).
COUNTED_TABLES: dict[str, type[Model] | None] = {
    "regions": Region,
    "departements": Departement,
    "communes": Commune,
    "epci": Epci,
    "ept": Ept,
    "countries": Country,
    "zones": Zone,
    "oda_recipients": OdaRecipient,
    "sdg_goals": SdgGoal,
    "sdg_targets": SdgTarget,
    "dac_sector_categories": DacSectorCategory,
    "dac_sectors": DacSector,
    "themes": Theme,
    "funding_programs": None,  # no table: read from the shipped YAML, as the finder reads them
    "french_authorities": FrenchAuthority,
    "foreign_authorities": ForeignAuthority,
    "partnerships": Partnership,
    "projects": Project,
    "examples": Example,
    "contacts": Contact,
    "imports": ImportBatch,
}


@dataclass(frozen=True)
class InitStep:
    """One thing ``initialise`` did, as the report shows it: what, how many, how long."""

    label: str
    count: int
    seconds: float
    skipped: bool = False


@dataclass(frozen=True)
class InitReport:
    migrations_applied: int
    datasets: list[LoadResult]
    # Migrations, every dataset and the search index, in the order they ran.
    steps: list[InitStep] = field(default_factory=list)


def pending_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def needs_initialisation() -> bool:
    if pending_migrations():
        return True
    return DatasetLoad.objects.count() < len(DATASETS)


def load_datasets(
    datasets: Iterable[Dataset],
    *,
    force: bool = False,
    data_dir: Path | None = None,
    on_start: Callable[[Dataset], None] = lambda d: None,
    on_progress: Progress = lambda n: None,
) -> list[LoadResult]:
    """Load each dataset whose files changed (or all with ``force``), one transaction each."""
    data_dir = data_dir or Path(settings.SHIPPED_DATA_DIR)
    results: list[LoadResult] = []
    reloaded: set[str] = set()
    for dataset in datasets:
        digest = checksum(data_dir, dataset.files)
        previous = DatasetLoad.objects.filter(name=dataset.name).first()
        depends_reloaded = bool(reloaded.intersection(dataset.depends_on))
        if previous and previous.checksum == digest and not force and not depends_reloaded:
            results.append(LoadResult(dataset.name, dataset.label, previous.rows, True))
            continue
        on_start(dataset)
        started = time.perf_counter()
        with transaction.atomic():
            rows = dataset.load(data_dir, on_progress)
            DatasetLoad.objects.update_or_create(
                name=dataset.name, defaults={"checksum": digest, "rows": rows}
            )
        reloaded.add(dataset.name)
        seconds = time.perf_counter() - started
        results.append(LoadResult(dataset.name, dataset.label, rows, False, seconds))
    return results


def initialise(
    *,
    force: bool = False,
    on_start: Callable[[str], None] = lambda label: None,
    on_progress: Callable[[int], None] = lambda rows: None,
) -> InitReport:
    """Apply migrations, then load every dataset whose files changed. Idempotent."""
    steps: list[InitStep] = []
    pending = pending_migrations()
    if pending:
        on_start("Migrations")
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        on_progress(pending)
        steps.append(InitStep("Migrations", pending, time.perf_counter() - started))
    # The rate-limit counters shared by every app server (COOPDEC_RATELIMIT_CACHE=database).
    call_command("createcachetable", verbosity=0)
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
    steps += [InitStep(r.label, r.rows, r.seconds, r.skipped) for r in results]
    if reloaded or not SearchDocument.objects.exists():
        on_start("Index de recherche")
        started = time.perf_counter()
        documents = indexer.rebuild_index(on_progress)
        steps.append(InitStep("Index de recherche", documents, time.perf_counter() - started))
    else:
        # An import killed after its commit leaves the index behind the tables: catch up.
        started = time.perf_counter()
        health = consistency.check()
        if not health.ok:
            on_start("Index de recherche (rattrapage)")
            health = consistency.catch_up()
            repaired = sum(k.documents for k in health.kinds)
            steps.append(
                InitStep("Index de recherche (rattrapage)", repaired, time.perf_counter() - started)
            )
    return InitReport(migrations_applied=pending, datasets=results, steps=steps)


def table_counts() -> dict[str, int]:
    """Rows of every reference, funding and catalogue table, keyed by table name."""
    return {
        key: len(programs_by_id()) if model is None else model._default_manager.count()
        for key, model in COUNTED_TABLES.items()
    }


def search_index_health() -> consistency.IndexHealth:
    """Does the search index agree with the catalogue tables (``coopdec doctor``, /healthz)?"""
    return consistency.check()


def repair_search_index(*, rebuild: bool = False) -> consistency.IndexHealth:
    """Bring the index back in step: apply what an interrupted import left (``catch_up``), or
    rebuild it whole (``rebuild``); returns the state afterwards."""
    return consistency.rebuild() if rebuild else consistency.catch_up()
