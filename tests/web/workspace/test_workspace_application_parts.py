"""The application's parts are entered in the workspace's forms, without JavaScript: the
context, objectives and expected results, the logical framework with its indicators, the
partner's commitment, the budget by expense category and by year (issue 15)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from .helpers import exported, form_values

pytestmark = pytest.mark.django_db


def post_step(client: Client, slug: str, changes: dict[str, Any]) -> Any:
    return client.post(f"/projet/{slug}/", {**form_values(client, slug), **changes})


def test_the_narrative_the_logframe_and_the_commitment_are_saved(client: Client) -> None:
    client.post("/projet/exemple/")
    response = post_step(
        client,
        "identification",
        {
            "context": "Quartiers périurbains sans réseau d'eau.",
            "objectives": "Desservir 5 000 habitants\r\n\r\nFormer les fontainiers\r\n",
            "expected_results": "Dix bornes-fontaines en service",
            "partners-0-commitment": "Un agent technique et un local.",
            "logframe-0-result": "Dix bornes-fontaines en service",
            "logframe-0-indicator": "Nombre de bornes en service",
            "logframe-0-baseline": "0",
            "logframe-0-target": "10",
            "logframe-0-source": "Rapport du service des eaux",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = exported(client)
    assert saved["context"] == "Quartiers périurbains sans réseau d'eau."
    assert saved["objectives"] == ["Desservir 5 000 habitants", "Former les fontainiers"]
    assert saved["expected_results"] == ["Dix bornes-fontaines en service"]
    assert saved["partners"][0]["commitment"] == "Un agent technique et un local."
    assert saved["logframe"] == [
        {
            "result": "Dix bornes-fontaines en service",
            "indicator": "Nombre de bornes en service",
            "baseline": "0",
            "target": "10",
            "source": "Rapport du service des eaux",
        }
    ]
    # Shown again as entered, and saved again untouched without change.
    assert client.post("/projet/identification/", form_values(client, "identification"))
    assert exported(client) == saved


def test_the_budget_by_category_and_year_is_saved(client: Client) -> None:
    client.post("/projet/exemple/")
    response = post_step(
        client,
        "financement",
        {
            "budget-lines-0-category": "travaux",
            "budget-lines-0-year": "2026",
            "budget-lines-0-amount": "40 000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert exported(client)["budget"]["lines"] == [
        {"category": "travaux", "year": 2026, "amount": 40000}
    ]


def test_a_wrong_year_is_refused_next_to_its_field_with_its_label(client: Client) -> None:
    client.post("/projet/exemple/")
    before = exported(client)
    response = post_step(
        client,
        "financement",
        {"budget-lines-0-category": "travaux", "budget-lines-0-year": "20x6"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_budget-lines-0-year-errors"' in html  # the message next to its input
    assert 'for="id_budget-lines-0-year">Année' in html  # which has its label
    assert "budget.lines[" not in html  # never a path
    assert exported(client) == before


def test_the_forms_speak_english(client: Client) -> None:
    client.get("/langue/en/?next=/")
    identification = client.get("/projet/identification/").content.decode()
    assert "Project context" in identification and "Logical framework" in identification
    financing = client.get("/projet/financement/").content.decode()
    assert "Budget by expense category and by year" in financing and "Works" in financing
