"""The verdicts in English through the API (``lang=en``) and the CLI (``--lang en``), the same
as the service's; French stays the default, the JSON keeps its ids (issue 15)."""

from __future__ import annotations

import datetime as dt
import json

from django.test import Client

from coopdec import languages
from coopdec import projectfile_service as services
from tests.projectfile_service.test_three_interfaces import EXAMPLE, cli, project

ON = "2026-03-01"


def test_check_in_english_is_the_same_through_cli_api_and_service(client: Client) -> None:
    from_cli = cli("check", str(EXAMPLE), "--date", ON, "--json", "--lang", "en")
    assert from_cli.returncode == 0, from_cli.stderr
    api = client.post(
        f"/api/v1/check?date={ON}&lang=en", project(), content_type="application/json"
    )
    assert api.status_code == 200, api.content
    with languages.speaking("en"):
        service = services.check(services.parse(project()), dt.date.fromisoformat(ON)).to_json()
    for reports in zip(
        json.loads(from_cli.stdout)["verdicts"],
        api.json()["verdicts"],
        service["verdicts"],
        strict=True,
    ):
        assert reports[0] == reports[1] == reports[2]
    assert json.loads(from_cli.stdout)["summary"] == api.json()["summary"] == service["summary"]
    messages = " ".join(v["message"] for v in service["verdicts"])
    assert "Previous year's ODA declared" in messages
    assert "APD de l'année précédente déclarée" not in messages
    french = client.post(f"/api/v1/check?date={ON}", project(), content_type="application/json")
    assert "APD de l'année précédente déclarée" in " ".join(
        v["message"] for v in french.json()["verdicts"]
    )
    assert [v["rule"] for v in french.json()["verdicts"]] == [
        v["rule"] for v in service["verdicts"]
    ]


def test_funding_in_english_through_cli_and_api(client: Client) -> None:
    from_cli = cli("funding", str(EXAMPLE), "--date", ON, "--json", "--lang", "en")
    assert from_cli.returncode == 0, from_cli.stderr
    api = client.post(
        f"/api/v1/funding?date={ON}&lang=en", project(), content_type="application/json"
    )
    assert json.loads(from_cli.stdout) == api.json()
    by_id = {p["id"]: p for p in api.json()["programs"]}
    assert by_id["ae-loire-bretagne"]["funder"] == "Loire-Brittany Water Agency"
    assert by_id["dctciv-aap-generaliste"]["reasons"][-1].startswith(("Maximum rate", "Rate"))


def test_cli_text_output_reads_in_english() -> None:
    result = cli("check", str(EXAMPLE), "--date", ON, "--lang", "en")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Check as of 2026-03-01" in text
    assert "compliant" in text and "conforme" not in text
    assert "Simulation: to be confirmed with the prefecture and the ministry." in text


def test_an_unknown_language_is_refused_in_one_line(client: Client) -> None:
    result = cli("check", str(EXAMPLE), "--lang", "de")
    assert result.returncode == 2
    assert "langue inconnue : de" in result.stderr and "Traceback" not in result.stderr
    api = client.post("/api/v1/check?lang=de", project(), content_type="application/json")
    assert api.status_code == 422
    assert [e["path"] for e in api.json()["errors"]] == ["lang"]
