"""Issue 22.4 and 22.5: the acts follow the rules and carry the formal mentions.

A blocked partner gets no act; a deliberation cites an annexed convention only when there is
one; the curators' notes never print; the 23,000 € threshold, enforceability, delegation,
voies et délais de recours, the language clause and the yearly split are in the acts.
"""

from __future__ import annotations

from typing import Any

import pytest

from coopdec import documents
from coopdec import projectfile_service as services
from coopdec.documents import MissingFieldsError

from .conftest import TODAY, docx_text, flat, parsed


def _text(kind: str, data: dict[str, Any]) -> str:
    rendered = services.document(kind, parsed(data), "docx", TODAY)
    return flat(docx_text(rendered.content))


@pytest.mark.parametrize("kind", ["convention", "deliberation", "lettre-intention"])
def test_no_act_for_a_partner_in_crimea(project: dict[str, Any], kind: str) -> None:
    # Yalta (Crimea, annexed in 2014): France does not recognise the authorities there.
    project["partners"] = [
        {"name": "Ville de Yalta", "country": "UA", "kind": "local_authority", "area": "Crimée"}
    ]
    with pytest.raises(MissingFieldsError) as raised:
        services.document(kind, parsed(project), "docx", TODAY)
    # The blocked partner; a funding request also names the programme it makes ineligible
    # (issue 15: no request for a programme the finder rules out).
    assert "partners[0]" in raised.value.paths
    assert set(raised.value.paths) <= {"partners[0]", "financing[3].program"}
    assert "reconnaît pas les autorités" in str(raised.value)
    problems = services.document_problems(parsed(project), TODAY)
    assert all(any(p.path == "partners[0]" for p in found) for found in problems.values())


def test_deliberation_cites_no_annexed_convention_without_a_party(
    project: dict[str, Any],
) -> None:
    with_party = _text("deliberation", project)
    assert "convention de partenariat annexé" in with_party
    project["partners"] = [{"name": "Association Eau Vive", "country": "BF", "kind": "ngo"}]
    # Without a foreign authority the ministry's call is out of reach (its partner criterion),
    # and no deliberation asks for it: the act is about the authority's own funding only.
    project["financing"] = [f for f in project["financing"] if f.get("source") != "program"]
    without = _text("deliberation", project)
    assert "annexé à la présente délibération" not in without


def test_curators_notes_never_print_in_an_act(project: dict[str, Any]) -> None:
    project["partners"] = [{"name": "Commune d'Erevan", "country": "AM", "kind": "local_authority"}]
    project["financing"][3] = {
        "source": "program",
        "program": "joint-fund-armenie",
        "amount": 52500,
    }
    for kind in ("deliberation", "convention"):
        text = _text(kind, project)
        assert "non lu" not in text, kind
        assert "autorités arméniennes" in text, kind


def test_subsidy_above_23000_euros_is_stated(project: dict[str, Any]) -> None:
    # 32,500 € cash + 20,000 € from the 1 % budget: above the 23,000 € threshold.
    assert "23 000 €" in _text("convention", project)
    assert "2000-321" in _text("deliberation", project)
    project["financing"][0]["amount"] = 1000
    project["financing"][2]["amount"] = 1000
    project["financing"][1]["amount"] = 91000
    assert "2000-321" not in _text("convention", project)


def test_deliberation_formal_mentions(project: dict[str, Any]) -> None:
    text = _text("deliberation", project)
    assert "exécutoire de plein droit dès sa publication" in text
    assert "Voies et délais de recours" in text
    assert "deux mois" in text
    assert "Télérecours" in text
    assert "R421-1" in text


def test_delegation_visa_for_a_departement(project: dict[str, Any]) -> None:
    project["lead_authority"] = {"kind": "departement", "code": "81"}
    project["co_authorities"] = []
    assert "commission permanente" in _text("deliberation", project)


def test_convention_language_clause(project: dict[str, Any]) -> None:
    assert "établie en langue française" in _text("convention", project)


def test_yearly_split_in_convention_and_deliberation(project: dict[str, Any]) -> None:
    project["financing"][2] = {
        "source": "one_percent",
        "service": "eau_assainissement",
        "amount": 10000,
        "year": 2026,
    }
    project["financing"].insert(
        3,
        {"source": "one_percent", "service": "eau_assainissement", "amount": 10000, "year": 2027},
    )
    for kind in ("convention", "deliberation"):
        text = _text(kind, project)
        assert "Répartition annuelle prévisionnelle" in text, kind
        assert "2026" in text and "2027" in text, kind


def test_twinning_charter_commits_no_money_and_goes_to_the_prefect(
    project: dict[str, Any],
) -> None:
    assert "charte-jumelage" in documents.DOCUMENT_KINDS
    text = _text("charte-jumelage", project)
    assert "Charte de jumelage" in text  # instruments.twinning is true
    assert "aucun engagement financier" in text
    assert "représentant de l'État" in text
    assert "chaque version faisant également foi" in text
    assert "Commune de Réo" in text


def test_no_charter_with_a_partner_in_crimea(project: dict[str, Any]) -> None:
    project["partners"] = [
        {"name": "Ville de Yalta", "country": "UA", "kind": "local_authority", "area": "Crimée"}
    ]
    with pytest.raises(MissingFieldsError):
        services.document("charte-jumelage", parsed(project), "docx", TODAY)
