"""Filling the project cycle step by step through the pages builds the project file."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from coopdec import projectfile_service as services

from .helpers import STEP_SLUGS, example, exported, form_values

pytestmark = pytest.mark.django_db


def test_the_workspace_starts_at_identification_with_the_eight_steps(client: Client) -> None:
    response = client.get("/projet/")
    assert response.status_code == 302
    assert response["Location"] == "/projet/identification/"
    for number, slug in enumerate(STEP_SLUGS, start=1):
        html = client.get(f"/projet/{slug}/").content.decode()
        assert f"Étape {number} sur 8" in html
        assert f'data-fr-current-step="{number}" data-fr-steps="8"' in html
        assert f'href="/projet/{slug}/" aria-current="step"' in html
    assert client.get("/projet/inconnue/").status_code == 404


def test_an_empty_workspace_exports_an_empty_project(client: Client) -> None:
    assert exported(client) == {"coopdec_project": 1}


def post_step(client: Client, slug: str, changes: dict[str, Any]) -> Any:
    data = {**form_values(client, slug), **changes}
    return client.post(f"/projet/{slug}/", data)


FILLED: list[tuple[str, dict[str, Any]]] = [
    (
        "identification",
        {
            "title": "Accès à l'eau potable dans les secteurs périurbains de Koudougou",
            "lead_kind": "commune",
            "lead_code": "81060",
            "lead_name": "Commune de Carmaux",
            "lead_project_owner": "oui",
            "partners-0-name": "Commune de Koudougou",
            "partners-0-country": "BF",
            "partners-0-kind": "local_authority",
            "partners-0-area": "Région du Centre-Ouest",
        },
    ),
    # A second partner goes in the blank row the page offers after the first save.
    (
        "identification",
        {
            "partners-1-name": "Association Eau Vive Burkina",
            "partners-1-country": "BF",
            "partners-1-kind": "ngo",
        },
    ),
    (
        "diagnostic",
        {
            "themes": ["eau_assainissement", "gouvernance_locale"],
            "sdg_targets": ["6.1", "6.b", "11.3"],
        },
    ),
    (
        "formalisation",
        {
            "convention_signed": "oui",
            "convention_signed_on": "2025-03-20",
            "convention_transmitted": "oui",
            "convention_states_purpose": "oui",
            "convention_states_commitment": "oui",
            "deliberation_adopted": "oui",
            "deliberation_adopted_on": "2025-02-27",
            "deliberation_transmitted": "oui",
            "twinning": "non",
            "charter": "non",
        },
    ),
    (
        "financement",
        {
            "budget_total": "100 000",
            "eau_assainissement": "1 250 000,00 €",
            "financing-0-source": "own_cash",
            "financing-0-amount": "25000",
        },
    ),
]
LINES = [
    {"source": "own_in_kind", "amount": "8000"},
    {"source": "one_percent", "service": "eau_assainissement", "amount": "12000"},
    {"source": "partner", "amount": "5 000"},
    {"source": "program", "program": "dctciv-aap-generaliste", "amount": "50000,00"},
]
LATER: list[tuple[str, dict[str, Any]]] = [
    ("mise-en-oeuvre", {"start_date": "2025-09-01", "end_date": "2027-08-31"}),
    ("suivi", {"monitoring_evaluation": "7500", "previous_reports_submitted": "oui"}),
    ("capitalisation", {"atlas_up_to_date": "oui"}),
    ("declaration-annuelle", {"apd_declared_previous_year": "oui"}),
]


def test_filling_each_step_gives_the_example_project_file(client: Client) -> None:
    steps = list(FILLED)
    steps += [
        ("financement", {f"financing-{n}-{k}": v for k, v in line.items()})
        for n, line in enumerate(LINES, start=1)
    ]
    steps += LATER
    for slug, changes in steps:
        response = post_step(client, slug, changes)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert response["Location"] == f"/projet/{slug}/"
        page = client.get(response["Location"]).content.decode()
        assert "enregistrée ; les vérifications sont à jour" in page
    assert exported(client) == services.normalise(example())


def test_saving_every_step_untouched_changes_nothing(client: Client) -> None:
    client.post("/projet/exemple/")
    before = exported(client)
    assert before == services.normalise(example())
    for slug in STEP_SLUGS:
        response = client.post(f"/projet/{slug}/", form_values(client, slug))
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
    assert exported(client) == before


def test_a_wrong_amount_is_refused_with_its_field_and_nothing_changes(client: Client) -> None:
    client.post("/projet/exemple/")
    before = exported(client)
    response = post_step(client, "financement", {"financing-2-amount": "douze mille"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Montant en euros attendu" in html
    assert 'aria-describedby="id_financing-2-amount-errors"' in html
    assert 'id="id_financing-2-amount-errors"' in html
    assert "Rien n'est enregistré" in html
    assert exported(client) == before


def test_the_project_file_rules_reach_the_field_they_are_about(client: Client) -> None:
    """End before start is the parser's rule: its message lands on the end date input."""
    client.post("/projet/exemple/")
    before = exported(client)
    response = post_step(client, "mise-en-oeuvre", {"end_date": "2024-01-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "la date de fin précède la date de début" in html
    assert 'id="id_end_date-errors"' in html
    response = post_step(client, "identification", {"lead_code": "ABC"})
    assert "code officiel invalide pour le type « commune »" in response.content.decode()
    response = post_step(client, "financement", {"financing-2-service": ""})
    assert "le service du 1 % est requis" in response.content.decode()
    assert 'id="id_financing-2-service-errors"' in response.content.decode()
    assert exported(client) == before


def test_not_supplied_removes_the_answer_and_delete_removes_a_row(client: Client) -> None:
    client.post("/projet/exemple/")
    post_step(client, "declaration-annuelle", {"apd_declared_previous_year": ""})
    post_step(client, "identification", {"partners-1-DELETE": "on"})
    post_step(client, "financement", {"financing-0-source": "", "financing-0-amount": ""})
    project = exported(client)
    assert "apd_declared_previous_year" not in project["prerequisites"]
    assert [p["name"] for p in project["partners"]] == ["Commune de Koudougou"]
    assert [line["source"] for line in project["financing"]] == [
        "own_in_kind",
        "one_percent",
        "partner",
        "program",
    ]
    post_step(client, "capitalisation", {"atlas_up_to_date": ""})
    post_step(client, "suivi", {"previous_reports_submitted": "", "monitoring_evaluation": ""})
    assert "prerequisites" not in exported(client)


def test_the_lead_authority_is_named_from_the_directory(client: Client) -> None:
    post_step(client, "identification", {"lead_kind": "epci", "lead_code": "248100737"})
    html = client.get("/projet/identification/").content.decode()
    assert "Communauté d&#x27;agglomération de l&#x27;Albigeois" in html
    post_step(client, "identification", {"lead_kind": "commune", "lead_code": "99999"})
    html = client.get("/projet/identification/").content.decode()
    assert "code absent du répertoire des collectivités" in html


def test_search_then_choose_an_authority(client: Client) -> None:
    html = client.get("/projet/identification/?q=carmau").content.decode()
    assert "<td>Carmaux</td><td>Commune</td><td>81060</td>" in html
    assert "<td>CC Carmausin-Ségala</td>" in html  # a later word of the name matches
    assert "Saint-Benoît-de-Carmaux" in html
    assert "Foucarmont" not in html  # the middle of a word does not
    html = client.get("/projet/identification/?q=81060").content.decode()
    assert "<td>Carmaux</td><td>Commune</td><td>81060</td>" in html
    response = client.post(
        "/projet/collectivite/", {"kind": "commune", "code": "81060", "role": "lead"}
    )
    assert response.status_code == 302
    client.post("/projet/collectivite/", {"kind": "departement", "code": "81", "role": "co"})
    client.post("/projet/collectivite/", {"kind": "departement", "code": "81", "role": "co"})
    project = exported(client)
    assert project["lead_authority"] == {"kind": "commune", "code": "81060"}
    assert project["co_authorities"] == [{"kind": "departement", "code": "81"}]
    client.post("/projet/collectivite/", {"kind": "state", "code": "1", "role": "lead"})
    assert exported(client) == project


def test_save_and_continue_goes_to_the_next_step(client: Client) -> None:
    response = post_step(client, "suivi", {"continue": "1", "previous_reports_submitted": "oui"})
    assert response.status_code == 302
    assert response["Location"] == "/projet/capitalisation/"
    # Through htmx the page is left for the next one rather than swapped in place.
    data = {**form_values(client, "capitalisation"), "continue": "1"}
    response = client.post(
        "/projet/capitalisation/?date=2025-03-01", data, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/projet/declaration-annuelle/?date=2025-03-01"
    # The last step has no next one: it stays.
    data = {**form_values(client, "declaration-annuelle"), "continue": "1"}
    response = client.post("/projet/declaration-annuelle/", data)
    assert response["Location"] == "/projet/declaration-annuelle/"
