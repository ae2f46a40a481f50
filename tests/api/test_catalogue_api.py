"""The catalogue over HTTP: search JSON (the service's), record details, contacts, errors."""

from __future__ import annotations

import pytest
from django.test import Client

from coopdec.catalogue.search import SearchQuery, search

pytestmark = pytest.mark.django_db


def test_openapi_lists_the_catalogue_routes(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/search", "/api/v1/projects/{project_id}", "/api/v1/partnerships/{partnership_id}",
        "/api/v1/french-authorities/{kind}/{code}", "/api/v1/contacts", "/api/v1/contacts/{key}",
    ):  # fmt: skip
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "theme", "country", "authority", "year_from", "sort", "page_size"} <= names


def test_search_returns_the_service_json(client: Client, records, by_key) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/search", {"q": "eau potable", "country": "ML"})
    assert response.status_code == 200
    data = response.json()
    expected = search(SearchQuery.from_params({"q": "eau potable", "country": "ML"})).to_dict()
    assert data == expected
    assert {by_key[(r["type"], r["id"])] for r in data["results"]} == {"J1", "J9"}
    assert set(data["facets"]) >= {"theme", "sdg", "country", "zone", "authority", "year"}
    theme = data["facets"]["theme"][0]
    assert set(theme) == {"value", "label", "count", "selected"}
    assert data["results"][0]["url"].startswith("/api/v1/projects/")


def test_repeated_parameters_are_or_ed(client: Client, records, by_key) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/v1/search?theme=sante&theme=dechets&page_size=50").json()
    assert {by_key[(r["type"], r["id"])] for r in data["results"]} == {"P4", "J3", "J6"}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("theme=nope", "theme"), ("country=XX", "country"), ("sdg=0", "sdg"),
        ("authority=abc", "authority"), ("authority=999999999", "authority"),
        ("authority_kind=canton", "authority_kind"), ("region=99", "region"),
        ("departement=000", "departement"), ("zone=lune", "zone"),
        ("relation_type=x", "relation_type"), ("status=x", "status"), ("open=maybe", "open"),
        ("example=maybe", "example"),
        ("year_from=abc", "year_from"), ("year_from=2020&year_to=2000", "year_to"),
        ("sort=random", "sort"), ("page=0", "page"), ("page=abc", "page"),
        ("page_size=101", "page_size"), ("type=person", "type"), ("unknown=1", "unknown"),
        ("q=" + "x" * 201, "q"),
    ],
)  # fmt: skip
def test_bad_parameters_are_400_json_naming_the_parameter(
    client: Client, records, query: str, parameter: str
) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/search?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == parameter and parameter in body["detail"]


def test_project_and_partnership_details(client: Client, records) -> None:  # type: ignore[no-untyped-def]
    project = next(r for r in records if r.key == "J1")
    data = client.get(f"/api/v1/projects/{project.id}").json()
    assert data["title"] == project.title
    assert [c["value"] for c in data["countries"]] == ["ML"]
    partnership = next(r for r in records if r.key == "P3")
    data = client.get(f"/api/v1/partnerships/{partnership.id}").json()
    assert data["partnership"]["title"] == partnership.title
    assert client.get("/api/v1/projects/999999").status_code == 404
    missing = client.get("/api/v1/partnerships/999999").json()
    assert missing == {"detail": "introuvable", "errors": []}
    assert client.get("/api/v1/projects/abc").status_code == 422


def test_french_authority_detail(client: Client, records) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/v1/french-authorities/commune/35238").json()
    assert data["authority"]["name"] == "Rennes"
    assert [p["title"] for p in data["partnerships"]] == ["Jumelage Rennes – Sévaré"]
    assert client.get("/api/v1/french-authorities/commune/00000").status_code == 404


def test_contacts_list_filters_and_detail(client: Client) -> None:
    contacts = client.get("/api/v1/contacts").json()
    assert len(contacts) >= 40
    key = contacts[0]["key"]
    assert client.get(f"/api/v1/contacts/{key}").json()["name"] == contacts[0]["name"]
    water = client.get("/api/v1/contacts", {"theme": "eau_assainissement"}).json()
    assert 0 < len(water) < len(contacts)
    assert client.get("/api/v1/contacts/pas-un-contact").status_code == 404


def test_example_parameter_filters_and_counts_the_flagged_projects(
    client: Client, records, by_key
) -> None:  # type: ignore[no-untyped-def]
    from tests.shared.contract_catalogue import EXAMPLES

    data = client.get("/api/v1/search", {"example": "true", "page_size": "50"}).json()
    assert {by_key[(r["type"], r["id"])] for r in data["results"]} == set(EXAMPLES)
    assert all(r["example"] for r in data["results"])
    # The facet counts the examples among every record (OR within the facet, not filtered).
    facet = {f["value"]: (f["count"], f["selected"]) for f in data["facets"]["example"]}
    assert facet["true"] == (len(EXAMPLES), True)
    assert facet["false"][0] == len(records) - len(EXAMPLES)
    others = client.get("/api/v1/search", {"example": "false", "page_size": "50"}).json()
    assert not {by_key[(r["type"], r["id"])] for r in others["results"]} & set(EXAMPLES)
    assert others["total"] == len(records) - len(EXAMPLES)
