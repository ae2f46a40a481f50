"""UN SDGs: 17 goals and 169 targets (IATI codelists) with short labels (open-sdg)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from coopdec.reference.loaders.codelist import read_codelist
from coopdec.reference.loaders.upsert import upsert
from coopdec.reference.models import SdgGoal, SdgTarget


def _strip_goal_prefix(text: str) -> str:
    # IATI names read "Goal 1. End poverty..." / "Objectif 1. Éliminer...": keep the statement.
    head, sep, tail = text.partition(". ")
    return tail if sep and head.split()[0] in {"Goal", "Objectif"} else text


def load(data_dir: Path, progress: Callable[[int], None]) -> int:
    folder = data_dir / "sdg"
    short = {
        lang: yaml.safe_load(
            (folder / "open-sdg-translations" / lang / "global_goals.yml").read_text("utf-8")
        )
        for lang in ("fr", "en")
    }
    goals = read_codelist(folder / "UNSDG-Goals.xml")
    upsert(
        SdgGoal,
        [
            SdgGoal(
                number=int(item.code),
                label_fr=_strip_goal_prefix(item.name_fr),
                label_en=_strip_goal_prefix(item.name_en),
                short_fr=short["fr"][f"{item.code}-short"],
                short_en=short["en"][f"{item.code}-short"],
            )
            for item in goals
        ],
        key="number",
    )
    goal_ids = dict(SdgGoal.objects.values_list("number", "id"))
    targets = read_codelist(folder / "UNSDG-Targets.xml")
    upsert(
        SdgTarget,
        [
            SdgTarget(
                code=item.code,
                goal_id=goal_ids[int(item.code.split(".")[0])],
                label_fr=item.name_fr,
                label_en=item.name_en,
                position=position,
            )
            for position, item in enumerate(targets)
        ],
    )
    progress(len(goals) + len(targets))
    return len(goals) + len(targets)
