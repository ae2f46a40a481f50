"""The Atlas project sheets (``data/catalogue/atlas_projects.csv``): 113 real project sheets
of the ministry's public Atlas, loaded by ``coopdec init`` as catalogue projects keyed by the
Atlas's ``prjId`` (rules: ``catalogue/imports/atlas_projects.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coopdec.catalogue.imports import services


def load(data_dir: Path, progress: Callable[[int], None]) -> int:
    report = services.load_atlas_projects(data_dir)
    progress(report.rows)
    return report.projects.total
