"""Funding programmes are loaded from the shipped YAML, with their sources and dates."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coopdec.funding.models import FundingProgram
from coopdec.platform import table_counts

pytestmark = pytest.mark.django_db


def test_every_programme_is_loaded_with_sources(shipped_data: Path) -> None:
    data = yaml.safe_load((shipped_data / "reference/funding_programs.yaml").read_text("utf-8"))
    assert FundingProgram.objects.count() == len(data["programs"]) == 54
    assert table_counts()["funding_programs"] == 54
    generalist = FundingProgram.objects.get(key="dctciv-aap-generaliste")
    assert generalist.kind == FundingProgram.Kind.CALL
    assert generalist.funder_key == "dctciv"
    assert generalist.valid_from == 2018
    assert generalist.confidence == "high"
    assert generalist.sources and all(s.startswith("http") for s in generalist.sources)
    assert generalist.details["id"] == "dctciv-aap-generaliste"
    kinds = set(FundingProgram.objects.values_list("kind", flat=True))
    assert kinds == {choice for choice, _label in FundingProgram.Kind.choices}
