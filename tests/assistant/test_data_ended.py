"""Issue 15 "Right answers when the data stop" and issue 22.6 (finder logic).

The funding data end in 2025; the clock (and only the clock) is set to 2026 and 2027. Every
programme whose last known edition has passed answers "à vérifier — dernière édition
connue", never "non éligible" for that reason, and the rules, the finder and the financing
plan agree on which call covers a country.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from coopdec import projectfile_service as services
from coopdec.assistant import programs as progs
from coopdec.assistant import reference

LATE_DATES = [dt.date(2026, 12, 5), dt.date(2027, 3, 1)]


def _senegal_water() -> dict[str, Any]:
    """The first-time user's project: a Finistère commune, a Senegalese commune, water."""
    return {
        "coopdec_project": 1,
        "title": "Eau potable à Fissel",
        "lead_authority": {"kind": "commune", "code": "29019", "project_owner": True},
        "partners": [{"name": "Commune de Fissel", "country": "SN", "kind": "local_authority"}],
        "themes": ["eau_assainissement"],
        "budget": {"total": 100000},
        "financing": [
            {"source": "own_cash", "amount": 30000},
            {"source": "partner", "amount": 10000},
            {"source": "program", "program": "dctciv-aap-generaliste", "amount": 60000},
        ],
    }


@pytest.fixture(params=LATE_DATES, ids=lambda d: d.isoformat())
def late_today(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> dt.date:
    day: dt.date = request.param
    monkeypatch.setattr(services, "today", lambda: day)
    return day


def test_no_programme_is_refused_because_the_data_ended(late_today: dt.date) -> None:
    project = services.parse(_senegal_water())
    report = services.funding(project)
    assert report.date == late_today
    for match in report.programs:
        state = progs.edition_state(match.id, late_today)
        if state.state != progs.DATA_ENDED:
            continue
        # Kept in the list, with the last known edition, and never refused for the date.
        assert not any("Période" in reason for reason in match.failed), match.id
        period = next(r for r in match.reasons if r.startswith("Période"))
        assert "à vérifier — dernière édition connue" in period, match.id


def test_senegal_joint_fund_is_to_check_with_its_last_edition(late_today: dt.date) -> None:
    project = services.parse(_senegal_water())
    fund = services.funding(project).get("joint-fund-senegal")
    assert fund.eligible is None
    assert any("dernière édition connue : 2025" in r for r in fund.reasons)
    assert any("2025-03-21" in r for r in fund.reasons)  # the last known deadline


def test_verdicts_agree_on_which_call_covers_senegal(late_today: dt.date) -> None:
    project = services.parse(_senegal_water())
    assessment = services.assess(project)
    (exclusion,) = assessment.check.by_rule("meae.generalist_exclusion")
    generalist = assessment.funding.get("dctciv-aap-generaliste")
    cap = next(
        c for c in assessment.plan.checks if c.rule == "plan.program_cap[dctciv-aap-generaliste]"
    )
    # The fund is not known closed: "unknown" everywhere, never "ok" nor "blocking".
    assert exclusion.status == "unknown"
    assert generalist.eligible is None
    assert cap.status == "unknown"


def test_generalist_rate_is_the_last_known_one_to_check(late_today: dt.date) -> None:
    project = services.parse(_senegal_water())
    generalist = services.funding(project).get("dctciv-aap-generaliste")
    # Senegal is an LDC: 70 % in 2025, given as the last known rate, to check.
    assert generalist.max_rate is not None
    assert any("dernière édition connue (2025)" in r for r in generalist.reasons)


def test_summary_badge_counts_the_plan_checks_too() -> None:
    project = services.parse(_senegal_water())
    assessment = services.assess(project, dt.date(2025, 2, 1))
    blocking_in_plan = assessment.plan.summary["blocking"]
    assert blocking_in_plan >= 1  # the generalist call is closed to Senegal in 2025
    assert assessment.summary["blocking"] == (
        assessment.check.summary["blocking"] + blocking_in_plan
    )


def test_finistere_commune_gets_loire_bretagne_first_among_agencies() -> None:
    project = services.parse(_senegal_water())
    report = services.funding(project, dt.date(2025, 5, 15))
    assert report.get("ae-loire-bretagne").eligible is True
    for agency in ("ae-rhone-mediterranee-corse", "ae-seine-normandie", "ae-adour-garonne"):
        assert report.get(agency).eligible is False, agency
    ids = [p.id for p in report.programs]
    assert ids.index("ae-loire-bretagne") < ids.index("ae-rhone-mediterranee-corse")


def test_split_departement_is_the_only_to_check_case() -> None:
    data = _senegal_water() | {"lead_authority": {"kind": "commune", "code": "45234"}}
    report = services.funding(services.parse(data), dt.date(2025, 5, 15))
    assert report.get("ae-loire-bretagne").eligible is None  # Loiret: Loire and Seine
    assert report.get("ae-rhin-meuse").eligible is False


def test_basin_table_covers_every_metropolitan_departement_with_known_agencies() -> None:
    table = reference.water_basins()["departements"]
    metropolitan = [c for c in reference.departement_regions() if len(c) == 2]
    assert sorted(table) == sorted(metropolitan)
    agencies = {a for v in table.values() for a in ([v] if isinstance(v, str) else v)}
    assert agencies <= set(reference.programs_by_id())
    assert reference.water_basins()["meta"]["sources"]


def test_one_percent_with_competence_unknown_is_to_check() -> None:
    data = _senegal_water()
    report = services.funding(services.parse(data), dt.date(2025, 5, 15))
    assert report.get("one-percent-eau").eligible is None
    data["service_budgets"] = {"eau_assainissement": 400000}
    report = services.funding(services.parse(data), dt.date(2025, 5, 15))
    assert report.get("one-percent-eau").eligible is True


def test_burkina_faso_project_carries_a_dated_sourced_warning() -> None:
    data = _senegal_water() | {
        "partners": [{"name": "Koudougou", "country": "BF", "kind": "local_authority"}]
    }
    report = services.funding(services.parse(data), dt.date(2026, 12, 5))
    generalist = report.get("dctciv-aap-generaliste")
    assert any("6 août 2023" in w for w in generalist.warnings)
    assert generalist.to_json()["warnings"] == list(generalist.warnings)


def test_authority_is_never_offered_its_own_scheme() -> None:
    data = _senegal_water() | {"lead_authority": {"kind": "region", "code": "53"}}
    report = services.funding(services.parse(data), dt.date(2025, 5, 15))
    assert report.get("region-bretagne-solidarite-multi-acteurs").eligible is False


def test_cerv_town_twinning_is_for_towns() -> None:
    data = _senegal_water() | {
        "lead_authority": {"kind": "departement", "code": "29"},
        "partners": [{"name": "Landkreis X", "country": "DE", "kind": "local_authority"}],
    }
    report = services.funding(services.parse(data), dt.date(2025, 5, 15))
    assert report.get("eu-cerv-town-twinning-networks").eligible is False


def test_ministry_call_needs_a_foreign_local_authority() -> None:
    data = _senegal_water() | {
        "partners": [{"name": "Ministère de l'Hydraulique", "country": "SN", "kind": "state"}]
    }
    report = services.funding(services.parse(data), dt.date(2025, 5, 15))
    assert report.get("joint-fund-senegal").eligible is False
    assert report.get("afd-ficol").eligible is False


def test_empty_project_is_never_conforme() -> None:
    report = services.check(services.parse({"coopdec_project": 1}), dt.date(2026, 12, 5))
    assert report.summary["ok"] == 0
    assert report.summary["not_applicable"] > 0


def test_a_huge_budget_after_the_data_end_is_answered(late_today: dt.date) -> None:
    # The last known rate now applies after 2025: 1e307 € must still be rounded to the cent
    # (the API's contract test found a 500 here).
    project = services.parse(
        {"coopdec_project": 1, "budget": {"currency": "EUR", "total": 3.585205589762229e307}}
    )
    assert services.funding(project).programs
