"""Twinnings of French towns from Wikidata (``data/catalogue/wikidata-twinnings-france-2017.tsv``).

Loaded by ``coopdec init`` after the starter catalogue and merged with it on the partnership
key (no duplicates: the 397 starter rows taken from this file are the same partnerships).
Towns that cannot be resolved to one commune are kept in the import report
(``coopdec import report wikidata``), never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coopdec.catalogue.imports import services


def load(data_dir: Path, progress: Callable[[int], None]) -> int:
    report = services.load_wikidata_twinnings(data_dir)
    progress(report.rows)
    return report.partnerships.total
