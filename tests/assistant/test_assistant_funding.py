"""Funding finder and financing-plan check."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from coopdec.assistant import (
    check_financing_plan,
    find_funding,
    load_project_file,
    parse_project,
    reference,
)
from coopdec.projectfile import model as m

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "coopdec" / "assistant" / "examples"
ON = date(2025, 5, 15)


def _carmaux() -> m.ProjectFile:
    return load_project_file(EXAMPLES / "carmaux-koudougou-eau.yaml")


def test_every_programme_is_listed_once_with_the_documented_keys() -> None:
    report = find_funding(_carmaux(), ON).to_json()
    ids = [p["id"] for p in report["programs"]]
    assert sorted(ids) == sorted(reference.programs_by_id())
    assert report["date"] == "2025-05-15"
    for item in report["programs"]:
        assert set(item) == {
            "id",
            "name",
            "funder",
            "eligible",
            "reasons",
            "max_rate",
            "max_amount",
            "next_deadline",
            "warnings",
        }
        assert item["eligible"] in (True, False, None)
        assert item["reasons"], item["id"]


def test_eligible_programmes_come_first_ranked_by_amount() -> None:
    programs = find_funding(_carmaux(), ON).programs
    flags = [p.eligible for p in programs]
    order = {True: 0, None: 1, False: 2}
    assert [order[f] for f in flags] == sorted(order[f] for f in flags)
    eligible = [p.max_amount or Decimal(0) for p in programs if p.eligible]
    assert eligible == sorted(eligible, reverse=True)
    assert programs[0].id == "dctciv-aap-generaliste"
    assert programs[0].max_amount == Decimal("70000.00")
    assert programs[0].next_deadline == date(2025, 5, 30)


def test_daect_and_dctciv_are_one_funder() -> None:
    funders = {p.funder for p in find_funding(_carmaux(), ON).programs if p.id.startswith("dctciv")}
    assert funders == {reference.CANONICAL_DCTCIV}


def test_one_percent_amount_is_the_cap_of_the_service() -> None:
    match = find_funding(_carmaux(), ON).get("one-percent-eau")
    assert match.eligible is True
    assert match.max_amount == Decimal("12500.00")
    mobility = find_funding(_carmaux(), ON).get("one-percent-mobilite")
    assert mobility.eligible is False  # the project is about water, not mobility


def test_regional_scheme_needs_the_authority_in_the_region() -> None:
    occitanie = find_funding(_carmaux(), ON).get("region-grand-est-cooperation-ct")
    assert occitanie.eligible is False
    grand_est = replace(_carmaux(), lead_authority=m.AuthorityRef("commune", "67482", None, True))
    match = find_funding(grand_est, ON).get("region-grand-est-cooperation-ct")
    assert match.eligible is True
    assert match.max_amount == Decimal("15000")  # 25 % of 100 000 € capped at 15 000 €


def test_rate_changes_between_2024_and_2025() -> None:
    project = _carmaux()
    assert find_funding(project, date(2024, 4, 1)).get(
        "dctciv-aap-generaliste"
    ).max_rate == Decimal("0.9")
    assert find_funding(project, ON).get("dctciv-aap-generaliste").max_rate == Decimal("0.7")


def test_missing_prerequisites_make_dctciv_unknown_then_ineligible() -> None:
    unknown = replace(_carmaux(), prerequisites=None)
    assert find_funding(unknown, ON).get("dctciv-aap-generaliste").eligible is None
    refused = replace(_carmaux(), prerequisites=m.Prerequisites(False, True, True))
    assert find_funding(refused, ON).get("dctciv-aap-generaliste").eligible is False


def test_joint_fund_country_excludes_generalist_call() -> None:
    morocco = replace(_carmaux(), partners=(m.Partner("Chefchaouen", "MA", "local_authority"),))
    report = find_funding(morocco, date(2025, 7, 1))
    assert report.get("dctciv-aap-generaliste").eligible is False
    assert report.get("joint-fund-maroc").eligible is True


def test_plan_of_the_example_is_balanced() -> None:
    plan = check_financing_plan(_carmaux(), ON)
    assert plan.summary["blocking"] == 0
    assert plan.summary["unknown"] == 0
    assert plan.sources_total == plan.total == Decimal(100000)
    assert set(plan.to_json()) == {"date", "total", "sources_total", "checks", "summary"}


def test_plan_detects_a_gap() -> None:
    project = replace(_carmaux(), financing=_carmaux().financing[:-1])
    check = check_financing_plan(project, ON).checks[0]
    assert check.rule == "plan.balance"
    assert check.status == "blocking"
    assert "manque de 50000 €" in check.message


def test_plan_needs_amounts_and_total() -> None:
    project = parse_project({"coopdec_project": 1, "financing": [{"source": "own_cash"}]})
    check = check_financing_plan(project, ON).checks[0]
    assert check.status == "unknown"
    assert "financing[0].amount" in check.message


def test_plan_caps_each_programme() -> None:
    data = {
        "coopdec_project": 1,
        "lead_authority": {"kind": "commune", "code": "67482", "project_owner": True},
        "partners": [{"name": "Parakou", "country": "BJ", "kind": "local_authority"}],
        "budget": {"total": 100000},
        "financing": [
            {"source": "own_cash", "amount": 80000},
            {"source": "program", "program": "region-grand-est-cooperation-ct", "amount": 20000},
        ],
    }
    plan = check_financing_plan(parse_project(data), ON)
    cap = next(c for c in plan.checks if c.rule.startswith("plan.program_cap"))
    assert cap.status == "blocking"
    assert "15000" in cap.message


def test_plan_flags_ineligible_programme_and_own_contribution_rules() -> None:
    data = {
        "coopdec_project": 1,
        "lead_authority": {"kind": "commune", "code": "81060", "project_owner": True},
        "partners": [{"name": "Koudougou", "country": "BF", "kind": "local_authority"}],
        "themes": ["eau_assainissement"],
        "budget": {"total": 100000},
        "financing": [
            {"source": "own_cash", "amount": 2000},
            {"source": "own_in_kind", "amount": 6000},
            {"source": "partner", "amount": 22000},
            {"source": "program", "program": "dctciv-aap-generaliste", "amount": 60000},
            {"source": "program", "program": "ae-adour-garonne", "amount": 10000},
        ],
        "prerequisites": {
            "apd_declared_previous_year": True,
            "atlas_up_to_date": True,
            "previous_reports_submitted": True,
        },
    }
    plan = check_financing_plan(parse_project(data), ON)
    status = {c.rule: c.status for c in plan.checks}
    assert status["plan.balance"] == "ok"
    # The data stop in 2024: "à vérifier" with the last known edition, never "non éligible".
    assert status["plan.program_cap[ae-adour-garonne]"] == "unknown"
    message = next(c.message for c in plan.checks if c.rule == "plan.program_cap[ae-adour-garonne]")
    assert "dernière édition connue : 2024" in message
    assert status["meae.own_contribution"] == "blocking"  # 8 % < 10 %
    assert status["meae.in_kind_limit"] == "blocking"  # 75 % > 50 %
    assert status["plan.program_cap[dctciv-aap-generaliste]"] == "ok"
