"""Shipped datasets and their idempotent loading (used by ``coopdec init``).

Each app lists its datasets (files + load function) in dependency order. A dataset is reloaded
only when the SHA-256 of its files changed, or when a dataset it depends on was reloaded, so a
second ``coopdec init`` does nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Dataset:
    name: str
    label: str
    files: tuple[str, ...]  # relative to coopdec/data
    load: Callable[[Path, Progress], int]
    # Datasets whose rows this one points to: reloading them means reloading this one.
    depends_on: tuple[str, ...] = ()


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
    datasets: Iterable[Dataset],
    *,
    force: bool = False,
    data_dir: Path | None = None,
    on_start: Callable[[Dataset], None] = lambda d: None,
    on_progress: Progress = lambda n: None,
) -> list[LoadResult]:
    """Load each dataset whose files changed (or all with ``force``), one transaction each."""
    from coopdec.reference.models import DatasetLoad

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
        with transaction.atomic():
            rows = dataset.load(data_dir, on_progress)
            DatasetLoad.objects.update_or_create(
                name=dataset.name, defaults={"checksum": digest, "rows": rows}
            )
        reloaded.add(dataset.name)
        results.append(LoadResult(dataset.name, dataset.label, rows, False))
    return results
