"""The API's errors have the documented shape, and a date is a day written AAAA-MM-JJ."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PROJECT = {"coopdec_project": 1}


@pytest.mark.parametrize("value", ["0", "1700000000", "05/12/2026", "2026-13-01"])
def test_a_date_that_is_not_a_day_is_refused_with_the_documented_shape(
    client: Client, value: str
) -> None:
    response = client.post(f"/api/v1/check?date={value}", PROJECT, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert body["errors"][0]["path"] == "date"
    assert set(body["errors"][0]) == {"path", "message"}


def test_an_iso_day_is_accepted(client: Client) -> None:
    response = client.post(
        "/api/v1/check?date=2026-12-05", PROJECT, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["date"] == "2026-12-05"


def test_the_published_document_declares_the_project_file_and_the_common_errors(
    client: Client,
) -> None:
    document = client.get("/api/v1/openapi.json").json()
    check = document["paths"]["/api/v1/check"]["post"]
    body = check["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/ProjectFile"}
    project_file = document["components"]["schemas"]["ProjectFile"]
    assert project_file["required"] == ["coopdec_project"]
    assert {"400", "413", "422"} <= set(check["responses"])
    detail = document["paths"]["/api/v1/countries/{iso2}"]["get"]["responses"]
    assert "404" in detail


def test_a_nul_character_in_a_parameter_is_refused_on_every_engine(client: Client) -> None:
    """PostgreSQL cannot take a NUL character: refused before any query, on both engines."""
    response = client.get("/api/v1/contacts?country=S%00N")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"path": "country", "message": "caractère nul interdit dans le paramètre"}
    ]
    page = client.get("/contacts/?country=S%00N")
    assert page.status_code == 400
    assert "country" in page.content.decode()
