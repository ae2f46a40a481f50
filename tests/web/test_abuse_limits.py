"""Abuse limits: per-address rates on search, suggestions, exports, documents and sign-in
(HTTP 429: the API's JSON error, a French or English page), and a 413 for an oversized body
on every page and endpoint, not only the project endpoints."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client

from coopdec.config.env import ConfigurationError
from coopdec.config.limits import parse_rate, rate_limits

pytestmark = pytest.mark.django_db


# The start of a one-minute window (1 800 000 000 is a multiple of 60).
WINDOW_START = 1_800_000_000.0


@pytest.fixture
def limits(settings: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[int, int]]:
    caches["ratelimit"].clear()
    # Windows are fixed: requests that straddle a window's end start a new count, and a slow
    # request (an export on PostgreSQL) made the test fail now and then. The rate limiter's
    # clock is held at the start of a window (the clock is the one thing tests may mock).
    monkeypatch.setattr("coopdec.web.abuse.time", SimpleNamespace(time=lambda: WINDOW_START))
    settings.COOPDEC_RATE_LIMITS = {
        "search": (3, 60),
        "suggestions": (3, 60),
        "exports": (2, 60),
        "documents": (2, 60),
        "signin": (2, 60),
    }
    return dict(settings.COOPDEC_RATE_LIMITS)


def test_the_api_search_answers_429_in_its_error_shape(
    client: Client, limits: dict[str, Any]
) -> None:
    for _ in range(3):
        assert client.get("/api/v1/search?q=eau").status_code == 200
    refused = client.get("/api/v1/search?q=eau")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    body = refused.json()
    assert set(body) == {"detail", "errors"} and body["errors"] == []
    assert "trop de requêtes" in body["detail"]
    # Another address has its own count.
    assert client.get("/api/v1/search?q=eau", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_the_catalogue_page_answers_a_french_or_english_page(
    client: Client, limits: dict[str, Any]
) -> None:
    for _ in range(3):
        assert client.get("/catalogue/?q=eau").status_code == 200
    refused = client.get("/catalogue/?q=eau")
    assert refused.status_code == 429
    assert "Trop de requêtes" in refused.content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/catalogue/?q=eau")
    assert english.status_code == 429
    assert "Too many requests" in english.content.decode()


@pytest.mark.parametrize(
    ("scope", "method", "path"),
    [
        ("suggestions", "get", "/catalogue/suggestions/?q=ea"),
        ("exports", "get", "/api/v1/exports/catalogue.json"),
        ("exports", "get", "/catalogue/export.csv?q=eau"),
        ("documents", "post", "/api/v1/documents/candidature?format=pdf"),
        ("signin", "post", "/compte/connexion/"),
        ("signin", "post", "/admin/login/"),
    ],
)
def test_each_costly_request_is_counted(
    client: Client, limits: dict[str, Any], scope: str, method: str, path: str
) -> None:
    allowed = limits[scope][0]

    from django.core.signals import request_finished
    from django.db import close_old_connections

    def status() -> int:
        response = getattr(client, method)(path)
        if response.streaming:
            b"".join(response.streaming_content)
        # Closing a response sends request_finished, whose close_old_connections would end
        # the test's transaction on PostgreSQL: the test client keeps it off during requests.
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
        return int(response.status_code)

    for _ in range(allowed):
        assert status() != 429
    assert status() == 429


def test_a_trusted_proxy_forwards_the_client_address(
    client: Client, limits: dict[str, Any], settings: Any
) -> None:
    settings.COOPDEC_TRUSTED_PROXIES = frozenset({"10.0.0.2"})
    proxied = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(3):
        client.get("/api/v1/search", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxied)
    assert (
        client.get("/api/v1/search", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxied).status_code
        == 429
    )
    # A second client behind the same proxy is not refused for the first one.
    second = client.get("/api/v1/search", HTTP_X_FORWARDED_FOR="198.51.100.2", **proxied)
    assert second.status_code == 200
    # An untrusted address cannot choose its counter by sending the header.
    for _ in range(3):
        client.get("/api/v1/search", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="192.0.2.9")
    spoofed = client.get(
        "/api/v1/search", HTTP_X_FORWARDED_FOR="203.0.113.10", REMOTE_ADDR="192.0.2.9"
    )
    assert spoofed.status_code == 429


def test_an_oversized_body_is_413_everywhere(client: Client, settings: Any) -> None:
    settings.COOPDEC_MAX_BODY_BYTES = 1000
    body = "x" * 2000
    api = client.post("/api/v1/search", body, content_type="application/json")
    assert api.status_code == 413
    assert set(api.json()) == {"detail", "errors"}
    page = client.post("/compte/connexion/", body, content_type="application/x-www-form-urlencoded")
    assert page.status_code == 413
    assert "Envoi trop volumineux" in page.content.decode()
    # Under the limit, the request reaches its view as before.
    small = client.post(
        "/compte/connexion/", "username=a", content_type="application/x-www-form-urlencoded"
    )
    assert small.status_code != 413


def test_rates_are_read_from_the_environment() -> None:
    assert rate_limits({"COOPDEC_RATELIMIT_SEARCH": "5/s"})["search"] == (5, 1)
    assert "exports" not in rate_limits({"COOPDEC_RATELIMIT_EXPORTS": "off"})
    assert rate_limits({"COOPDEC_RATELIMIT_ENABLED": "0"}) == {}
    assert parse_rate("X", "10/h") == (10, 3600)
    with pytest.raises(ConfigurationError, match="COOPDEC_RATELIMIT_SEARCH"):
        rate_limits({"COOPDEC_RATELIMIT_SEARCH": "beaucoup"})
