"""What a shipped dataset is: its files, its load function, what it depends on.

Pure declarations (no Django import), so that each app can list its datasets without importing
the platform that loads them: ``coopdec.platform.load_datasets`` hashes the files and reloads a
dataset only when they changed, or when a dataset it depends on was reloaded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

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
    seconds: float = 0.0  # time this load took (0 when skipped)


def checksum(data_dir: Path, files: Iterable[str]) -> str:
    """SHA-256 over the files' names and bytes, in the dataset's order."""
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode())
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()
