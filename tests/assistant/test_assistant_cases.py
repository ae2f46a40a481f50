"""Run every YAML case in ``cases/``: a situation, a date, the expected verdict per rule.

A case file is readable by a jurist::

    base: {...}                  # optional, project-file keys shared by the cases of the file
    cases:
      - name: what the case shows
        date: 2025-05-15
        situation: {...}         # a project-file fragment (merged over ``base``)
        expected:
          l1115_1.partner: ok                       # the status, or
          one_percent.cap: {status: blocking, message_contains: "versement mobilité"}
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from coopdec.assistant import check_project, list_rules, parse_project

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        base = data.get("base") or {}
        for index, case in enumerate(data["cases"]):
            case_id = f"{path.stem}[{index}] {case['name']}"
            params.append(pytest.param(base, case, id=case_id))
    return params


CASES = _load_cases()


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60


def test_every_rule_has_ok_and_non_ok_cases() -> None:
    seen: dict[str, set[str]] = {}
    for param in CASES:
        _base, case = param.values
        for rule, expected in case["expected"].items():
            status = expected if isinstance(expected, str) else expected["status"]
            seen.setdefault(rule, set()).add(status)
    for info in list_rules():
        statuses = seen.get(info.id, set())
        assert "ok" in statuses, f"{info.id}: pas de cas « ok »"
        assert statuses - {"ok"}, f"{info.id}: pas de cas bloquant, d'avertissement ou inconnu"


@pytest.mark.parametrize(("base", "case"), CASES)
def test_case(base: dict[str, Any], case: dict[str, Any]) -> None:
    situation = {"coopdec_project": 1, **base, **(case.get("situation") or {})}
    project = parse_project(situation)
    on = case["date"]
    assert isinstance(on, dt.date)
    report = check_project(project, on)
    for rule, expected in case["expected"].items():
        verdicts = report.by_rule(rule)
        assert len(verdicts) == 1, f"règle inconnue : {rule}"
        verdict = verdicts[0]
        spec = {"status": expected} if isinstance(expected, str) else expected
        assert verdict.status == spec["status"], f"{rule}: {verdict.status} — {verdict.message}"
        if "message_contains" in spec:
            assert spec["message_contains"] in verdict.message, verdict.message
        if "confidence" in spec:
            assert verdict.confidence == spec["confidence"], verdict.confidence
