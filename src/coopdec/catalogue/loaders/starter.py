"""The sourced starter catalogue (``data/catalogue/partnerships.csv``, 811 partnerships).

Loaded by ``coopdec init`` through the catalogue CSV importer with the starter policy (see
``coopdec.catalogue.imports.catalogue_csv``): provenance is an ``ImportBatch`` of kind
``starter`` (one per file, reused on reload), each row keeps its source URLs and date.
Rows of relation type ``projet`` also get a ``Project`` linked to their partnership.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coopdec.catalogue.imports import services


def load(data_dir: Path, progress: Callable[[int], None]) -> int:
    report = services.load_starter(data_dir)
    progress(report.rows)
    return report.partnerships.total
