"""Funding programmes are read from the shipped YAML, with their sources and dates.

The table that copied them is gone (``funding`` migration 0002): the finder, the rules and the
parser read the YAML, so these assertions are on what they read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from django.db import connection

from coopdec.assistant import find_funding, parse_project
from coopdec.platform import table_counts
from coopdec.projectfile import codes

pytestmark = pytest.mark.django_db

KINDS = {
    "call_for_projects",
    "joint_fund",
    "facility",
    "self_funding_mechanism",
    "regional_scheme",
    "eu_programme",
}


def test_every_programme_is_read_with_sources(shipped_data: Path) -> None:
    data = yaml.safe_load((shipped_data / "reference/funding_programs.yaml").read_text("utf-8"))
    programs = codes.programs_by_id()
    assert len(programs) == len(data["programs"]) == 54
    assert table_counts()["funding_programs"] == 54
    generalist = programs["dctciv-aap-generaliste"]
    assert generalist["kind"] == "call_for_projects"
    assert generalist["funder_id"] == "dctciv"
    assert int(generalist["valid_from"]) == 2018
    assert generalist["confidence"] == "high"
    assert generalist["sources"] and all(s.startswith("http") for s in generalist["sources"])
    assert generalist["id"] == "dctciv-aap-generaliste"
    assert {p["kind"] for p in programs.values()} == KINDS
    # The finder offers every one of them, for any project.
    report = find_funding(parse_project({"coopdec_project": 1}), dt.date(2025, 3, 1))
    assert {m.id for m in report.programs} == set(programs)


def test_the_copy_table_is_dropped() -> None:
    assert "funding_fundingprogram" not in connection.introspection.table_names()
