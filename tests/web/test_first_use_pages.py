"""Pages as a first-time user met them (issue 15): the API documentation offline, compressed
public pages, paginated country and authority pages, the record's own date, the way back to
the catalogue with its filters, the contacts of a selection."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _duplicated_keys(text: str) -> list[str]:
    found: list[str] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _value in pairs]
        found.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    json.loads(text, object_pairs_hook=hook)
    return found


def test_the_api_documentation_is_served_from_the_package(client: Client) -> None:
    page = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in page and "https://" not in page
    assert "/static/ninja/swagger-ui-bundle.js" in page
    script = client.get("/static/ninja/swagger-ui-bundle.js")
    assert script.status_code == 200
    script.close()
    # The page's script reads the published document; a duplicated key made it refuse it.
    assert _duplicated_keys(client.get("/api/v1/openapi.json").content.decode()) == []
