"""The catalogue's theme taxonomy with its SDG and DAC mapping (coopdec/data/themes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from coopdec.reference.loaders.upsert import upsert
from coopdec.reference.models import DacSector, DacSectorCategory, SdgGoal, Theme


def load(data_dir: Path, progress: Callable[[int], None]) -> int:
    data = yaml.safe_load((data_dir / "themes" / "themes.yaml").read_text("utf-8"))
    sector_ids = dict(DacSector.objects.values_list("code", "id"))
    upsert(
        Theme,
        [
            Theme(
                code=t["id"],
                label_fr=t["label_fr"],
                label_en=t["label_en"],
                position=i,
                default_dac_sector_id=sector_ids[t["default_dac_sector"]],
            )
            for i, t in enumerate(data["themes"])
        ],
    )
    goals = dict(SdgGoal.objects.values_list("number", "id"))
    categories = dict(DacSectorCategory.objects.values_list("code", "id"))
    for t in data["themes"]:
        theme = Theme.objects.get(code=t["id"])
        theme.sdg_goals.set([goals[n] for n in t["sdg_goals"]])
        theme.dac_categories.set([categories[c] for c in t["dac_categories"]])
    progress(len(data["themes"]))
    return len(data["themes"])
