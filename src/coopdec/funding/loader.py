"""Load funding_programs.yaml into FundingProgram (upsert on the programme id)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from coopdec.datasets import Dataset
from coopdec.funding.models import FundingProgram
from coopdec.reference.loaders.upsert import upsert


def _year(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


def load(data_dir: Path, progress: Callable[[int], None]) -> int:
    data = yaml.safe_load((data_dir / "reference" / "funding_programs.yaml").read_text("utf-8"))
    programs = data["programs"]
    upsert(
        FundingProgram,
        [
            FundingProgram(
                key=p["id"],
                name=p["name"],
                kind=p["kind"],
                funder=p.get("funder", ""),
                funder_key=p.get("funder_id") or "",
                valid_from=_year(p.get("valid_from")),
                valid_to=_year(p.get("valid_to")),
                confidence=p.get("confidence", ""),
                url=p.get("url") or "",
                sources=list(p.get("sources", [])),
                details=p,  # the file holds no YAML dates, so the entry is JSON as it is
            )
            for p in programs
        ],
        key="key",
    )
    FundingProgram.objects.exclude(key__in=[p["id"] for p in programs]).delete()
    progress(len(programs))
    return len(programs)


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "funding_programs",
        "Programmes de financement",
        ("reference/funding_programs.yaml",),
        load,
    ),
)
