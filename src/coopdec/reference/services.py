"""Use cases of the reference data: load the shipped files, count the tables."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from coopdec.reference.loaders import DATASETS, Dataset
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


@dataclass(frozen=True)
class LoadResult:
    name: str
    label: str
    rows: int
    skipped: bool  # files unchanged since the last load


def checksum(data_dir: Path, files: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode())
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()


def load_datasets(
    datasets: Iterable[Dataset] = DATASETS,
    *,
    force: bool = False,
    data_dir: Path | None = None,
    on_start: Callable[[Dataset], None] = lambda d: None,
    on_progress: Callable[[int], None] = lambda n: None,
) -> list[LoadResult]:
    """Load each dataset whose files changed (or all with ``force``), one transaction each."""
    data_dir = data_dir or settings.SHIPPED_DATA_DIR
    results: list[LoadResult] = []
    reloaded: set[str] = set()
    for dataset in datasets:
        digest = checksum(data_dir, dataset.files)
        previous = DatasetLoad.objects.filter(name=dataset.name).first()
        stale = force or previous is None or previous.checksum != digest
        if not stale and not reloaded.intersection(dataset.depends_on):
            results.append(LoadResult(dataset.name, dataset.label, previous.rows, True))  # type: ignore[union-attr]
            continue
        on_start(dataset)
        with transaction.atomic():
            rows = dataset.load(data_dir, on_progress)
            DatasetLoad.objects.update_or_create(
                name=dataset.name, defaults={"checksum": digest, "rows": rows}
            )
        reloaded.add(dataset.name)
        results.append(LoadResult(dataset.name, dataset.label, rows, False))
    return results


# Keys are the names users see in ``coopdec stats --json`` (one per reference table).
COUNTED_TABLES = {
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
}


def table_counts() -> dict[str, int]:
    return {key: model._default_manager.count() for key, model in COUNTED_TABLES.items()}
