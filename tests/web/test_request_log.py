"""Every response carries a request id, and the request's log line is a JSON object with it."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from coopdec.config.logs import JsonLines, logging_settings

pytestmark = pytest.mark.django_db


def test_a_request_gets_an_id_and_one_json_log_line(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="coopdec.request"):
        response = client.get("/healthz")
    given = response["X-Request-ID"]
    assert len(given) == 32
    [record] = [r for r in caplog.records if r.name == "coopdec.request"]
    line = json.loads(JsonLines().format(record))
    assert line["message"] == "GET /healthz 200"
    assert (line["status"], line["path"], line["method"]) == (200, "/healthz", "GET")
    assert line["duration_ms"] >= 0 and line["level"] == "INFO"


def test_the_proxy_request_id_is_kept_when_well_formed(client: Client) -> None:
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-4f2a9c1e")
    assert kept["X-Request-ID"] == "proxy-4f2a9c1e"
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")
    assert replaced["X-Request-ID"] != "<script>" and len(replaced["X-Request-ID"]) == 32


def test_json_is_the_default_without_debug() -> None:
    assert logging_settings(debug=False, environ={})["formatters"]["main"] == {
        "()": "coopdec.config.logs.JsonLines"
    }
    assert "format" in logging_settings(debug=True, environ={})["formatters"]["main"]
    text = logging_settings(debug=False, environ={"COOPDEC_LOG_FORMAT": "text"})
    assert "format" in text["formatters"]["main"]
