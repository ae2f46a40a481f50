"""Reference lists over HTTP, with the OpenAPI document and JSON errors."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_openapi_document_lists_the_reference_routes(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/v1/themes", "/api/v1/sdgs", "/api/v1/countries", "/api/v1/zones"):
        assert path in spec["paths"]


def test_themes_with_sdg_and_dac_mapping(client: Client) -> None:
    themes = {t["id"]: t for t in client.get("/api/v1/themes").json()}
    assert len(themes) == 22
    assert themes["eau_assainissement"]["sdg_goals"] == [3, 6, 11]
    assert themes["eau_assainissement"]["default_dac_sector"] == "14030"


def test_sdgs_with_targets(client: Client) -> None:
    goals = client.get("/api/v1/sdgs").json()
    assert len(goals) == 17
    assert sum(len(g["targets"]) for g in goals) == 169


def test_country_detail_with_oda_status_and_confidence(client: Client) -> None:
    senegal = client.get("/api/v1/countries/sn").json()
    assert senegal["name_fr"] == "Sénégal"
    assert senegal["zone"] == "afrique_subsaharienne"
    assert senegal["oda"][0]["group"] == "LDC"
    assert senegal["oda"][0]["confidence"] in {"medium", "low", "high"}


def test_unknown_country_is_a_json_404(client: Client) -> None:
    response = client.get("/api/v1/countries/ZZ")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_zones(client: Client) -> None:
    zones = client.get("/api/v1/zones").json()
    assert [z["code"] for z in zones][:2] == ["afrique_subsaharienne", "afrique_nord"]
    assert "MA" in zones[1]["countries"]
