from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from coopdec.documents import build_context
from coopdec.documents.names import AuthorityName, ProgramName, SdgTargetName
from coopdec.projectfile import ProjectFileError, parse_project

from .conftest import TODAY, parsed


def test_names_are_resolved_from_the_shipped_reference_data(project: dict[str, Any]) -> None:
    context = build_context(parsed(project), today=TODAY)
    assert context.problems == ()
    assert context.lead is not None
    assert context.lead.designation == "Commune de Gaillac"
    assert context.lead.with_article == "la Commune de Gaillac"
    assert context.lead.seat == "Gaillac"
    assert context.co_authorities[0].designation == "Communauté d'agglomération Gaillac-Graulhet"
    assert context.partners[0].country == "Burkina Faso"
    assert [t.label for t in context.themes] == ["Eau et assainissement", "Santé"]
    assert context.sdg_targets[0].goal == "ODD 6 : Eau propre et assainissement"
    assert context.today.text == "12 mars 2026"


def test_articles_follow_insee_liaison() -> None:
    assert AuthorityName("Tarn", 2).of_form == "du Tarn"
    assert AuthorityName("Ain", 5).of_form == "de l'Ain"
    assert AuthorityName("Albi", 1).of_form == "d'Albi"
    assert AuthorityName("Le Havre", 2).of_form == "du Havre"
    assert AuthorityName("Landes", 4).of_form == "des Landes"
    project = {"lead_authority": {"kind": "departement", "code": "81"}}
    lead = build_context(parsed(project), today=TODAY).lead
    assert lead is not None
    assert lead.designation == "Département du Tarn"
    assert lead.with_article == "le Département du Tarn"
    assert lead.seat == "Albi"


def test_money_is_decimal_and_formatted(project: dict[str, Any]) -> None:
    project["financing"][0]["amount"] = 32500.5  # a float from YAML goes through str()
    project["budget"]["total"] = "125000.50"
    context = build_context(parsed(project), today=TODAY)
    assert context.budget_total is not None
    assert context.budget_total.amount == Decimal("125000.50")
    cash = context.financing[0]
    assert cash.amount.amount == Decimal("32500.5")
    assert isinstance(cash.amount.amount, Decimal)
    assert cash.amount.text == "32\u202f500,50\u00a0€"
    assert context.financing_gap is None
    assert context.own_contribution is not None
    assert context.own_contribution.amount == Decimal("62500.5")


def test_financing_lines_say_who_pays_and_why(project: dict[str, Any]) -> None:
    lines = build_context(parsed(project), today=TODAY).financing
    assert [ln.funder for ln in lines] == [
        "Commune de Gaillac",
        "Commune de Gaillac",
        "Commune de Gaillac",
        "MEAE – DCTCIV (ex-DAECT)",
        "Commune de Réo",
    ]
    one_percent = lines[2]
    assert one_percent.nature == "1 % eau et assainissement"
    assert one_percent.legal_key == "cgct_l1115_1_1"
    assert lines[3].detail is not None and lines[3].detail.startswith("Appel à projets")
    assert lines[3].share == "42,0\u00a0%"


def test_unbalanced_plan_shows_the_gap(project: dict[str, Any]) -> None:
    project["financing"].pop()  # drop the partner's 10 000
    context = build_context(parsed(project), today=TODAY)
    assert context.financing_gap is not None
    assert context.financing_gap.text == "10\u202f000,00\u00a0€"


def test_invalid_values_are_reported_with_their_path(project: dict[str, Any]) -> None:
    """The one parser reports every wrong value with its path before any document."""
    project["partners"][0]["country"] = "ZZ"
    project["financing"][1]["amount"] = "beaucoup"
    project["financing"][3]["program"] = "programme-inexistant"
    project["financing"].append({"source": "loterie", "amount": 5})
    project["themes"].append("astronautique")
    project["sdg_targets"].append("99.9")
    project["end_date"] = "2025-01-01"
    with pytest.raises(ProjectFileError) as invalid:
        parsed(project)
    paths = {p.path for p in invalid.value.errors}
    assert paths == {
        "partners[0].country",
        "financing[1].amount",
        "financing[3].program",
        "financing[5].source",
        "themes[2]",
        "sdg_targets[2]",
        "end_date",
    }


def test_unknown_authority_code_can_be_named_explicitly() -> None:
    unknown = {"lead_authority": {"kind": "syndicat", "code": "251234567"}}
    assert [p.path for p in build_context(parsed(unknown), today=TODAY).problems] == [
        "lead_authority.code"
    ]
    named = {"lead_authority": {"kind": "syndicat", "code": "251234567", "name": "SIAEP du Lot"}}
    context = build_context(parsed(named), today=TODAY)
    assert context.problems == ()
    assert context.lead is not None and context.lead.designation == "SIAEP du Lot"


class StubResolver:
    """Stands in for the reference database the Django layer will inject."""

    def authority(self, kind: str, code: str) -> AuthorityName | None:
        return AuthorityName("Villeneuve", 0, "Villeneuve") if code == "00001" else None

    def country(self, iso2: str) -> str | None:
        return {"SN": "Sénégal"}.get(iso2)

    def program(self, program_id: str) -> ProgramName | None:
        known = program_id == "joint-fund-senegal"  # the parser knows the shipped ids only
        return ProgramName("Fonds conjoint", "Ambassade") if known else None

    def sdg_target(self, code: str) -> SdgTargetName | None:
        return None


def test_resolver_is_injectable() -> None:
    project = {
        "lead_authority": {"kind": "commune", "code": "00001"},
        "partners": [{"name": "Ville de Thiès", "country": "SN"}],
        "financing": [{"source": "program", "program": "joint-fund-senegal", "amount": 1000}],
    }
    context = build_context(parsed(project), names=StubResolver(), today=TODAY)
    assert context.problems == ()
    assert context.lead is not None and context.lead.designation == "Commune de Villeneuve"
    assert context.partners[0].country == "Sénégal"
    assert context.financing[0].funder == "Ambassade"


def test_anything_may_be_missing() -> None:
    context = build_context(parsed({}), today=TODAY)
    assert context.problems == ()
    assert context.title is None and context.lead is None and context.financing == ()
    with pytest.raises(ProjectFileError) as invalid:
        parse_project([])  # type: ignore[arg-type]
    assert invalid.value.errors[0].path == ""
