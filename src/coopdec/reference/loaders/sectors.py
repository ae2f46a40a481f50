"""OECD DAC sectors (5-digit purpose codes) and their 3-digit categories."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coopdec.reference.loaders.codelist import read_codelist
from coopdec.reference.loaders.upsert import upsert
from coopdec.reference.models import DacSector, DacSectorCategory


def load(data_dir: Path, progress: Callable[[int], None]) -> int:
    folder = data_dir / "iati" / "codelists" / "non_embedded"
    categories = read_codelist(folder / "SectorCategory.xml")
    upsert(
        DacSectorCategory,
        [
            DacSectorCategory(code=c.code, label_fr=c.name_fr, label_en=c.name_en, active=c.active)
            for c in categories
        ],
    )
    category_ids = dict(DacSectorCategory.objects.values_list("code", "id"))
    sectors = read_codelist(folder / "Sector.xml")
    upsert(
        DacSector,
        [
            DacSector(
                code=s.code,
                category_id=category_ids[s.category],
                label_fr=s.name_fr,
                label_en=s.name_en,
                active=s.active,
            )
            for s in sectors
        ],
    )
    progress(len(categories) + len(sectors))
    return len(categories) + len(sectors)
