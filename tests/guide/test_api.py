"""The guide and the workbook through the API: the same services as the pages and the CLI."""

from __future__ import annotations

from django.test import Client

from coopdec.guide import services
from coopdec.guide import workbook_service as workbook


def test_pages_and_one_page(client: Client) -> None:
    parts = client.get("/api/v1/guide/pages", {"lang": "en"}).json()
    assert [p["number"] for p in parts] == [1, 2, 3]
    page = client.get("/api/v1/guide/pages/cadre-juridique").json()
    assert page["explains"]["l1115_5.foreign_state"] == "/guide/cadre-juridique/#etat-etranger"
    assert client.get("/api/v1/guide/pages/nulle-part").status_code == 404


def test_search_and_rule_link(client: Client) -> None:
    hits = client.get("/api/v1/guide/search", {"q": "préfet"}).json()
    assert hits and hits[0]["url"].startswith("/guide/")
    assert [h["url"] for h in hits] == [
        services.page_url(h.page_id, h.anchor) for h in services.search("préfet", "fr")
    ]
    rule = client.get("/api/v1/guide/rules/one_percent.cap").json()
    assert rule["guide_url"] == services.rule_guide_url("one_percent.cap")
    assert client.get("/api/v1/guide/rules/none.such").status_code == 404


def test_workbook_answers_match_the_service(client: Client) -> None:
    listed = client.get("/api/v1/workbook/exercises").json()
    assert len(listed) == len(workbook.exercises())
    answer = client.post(
        "/api/v1/workbook/exercises/plafond-eau-depasse/answer",
        {"answer": "no"},
        content_type="application/json",
    ).json()
    assert answer["correct"] is True
    assert answer["citations"][0]["id"] == "one_percent.cap"
    bad = client.post(
        "/api/v1/workbook/exercises/plafond-eau-depasse/answer",
        {"answer": "peut-être"},
        content_type="application/json",
    )
    assert bad.status_code == 422


def test_openapi_lists_the_guide_routes(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/guide/pages",
        "/api/v1/guide/pages/{page_id}",
        "/api/v1/guide/search",
        "/api/v1/guide/rules/{rule_id}",
        "/api/v1/guide/editions/{fmt}",
        "/api/v1/workbook/exercises",
        "/api/v1/workbook/exercises/{exercise_id}/answer",
    ):
        assert path in spec["paths"], path
