"""The panel shows what the one project service says, as the CLI and the API do."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from typing import Any

import pytest
from django.test import Client

from coopdec import projectfile_service as services

from .helpers import EXAMPLE, STEP_SLUGS, example, exported, form_values, shown_verdicts

pytestmark = pytest.mark.django_db


def _expected(report: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(
        (
            {
                "rule": v["rule"],
                "status": v["status"],
                "confidence": v["confidence"],
                # The page words the same message for a person: labels, programme names.
                "message": services.plain(v["message"]),
                "sources": [{**s, "label": services.plain(s["label"])} for s in v["sources"]],
            }
            for v in report["verdicts"]
        ),
        key=lambda v: v["rule"],
    )


@pytest.mark.parametrize("on", ["2024-06-01", "2025-03-01"])
def test_the_page_shows_the_verdicts_of_the_service_the_api_and_the_cli(
    client: Client, on: str
) -> None:
    client.post("/projet/exemple/")
    project = exported(client)
    service = services.check(services.parse(project), dt.date.fromisoformat(on)).to_json()
    api = client.post(f"/api/v1/check?date={on}", project, content_type="application/json")
    cli = subprocess.run(
        [sys.executable, "-m", "coopdec", "check", str(EXAMPLE), "--date", on, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert api.json() == service == json.loads(cli.stdout)
    for slug in (*STEP_SLUGS, "documents"):
        html = client.get(f"/projet/{slug}/?date={on}").content.decode()
        verdicts, programs = shown_verdicts(html)
        assert sorted(verdicts, key=lambda v: v["rule"]) == _expected(service), slug
        funding = services.funding(services.parse(project), dt.date.fromisoformat(on)).to_json()
        labels = {True: "true", False: "false", None: "unknown"}
        assert programs == {p["id"]: labels[p["eligible"]] for p in funding["programs"]}


def test_the_panel_follows_the_saved_form(client: Client) -> None:
    """Saving a step changes the verdict at once: no deliberation, L1115-1 objects."""
    client.post("/projet/exemple/")
    on = "2025-03-01"
    html = client.get(f"/projet/formalisation/?date={on}").content.decode()
    before = {v["rule"]: v for v in shown_verdicts(html)[0]}
    assert before["acts.council_deliberation"]["status"] == "ok"
    data = {**form_values(client, "formalisation", f"?date={on}"), "deliberation_adopted": "non"}
    response = client.post(f"/projet/formalisation/?date={on}", data, follow=True)
    shown = {v["rule"]: v for v in shown_verdicts(response.content.decode())[0]}
    report = services.check(services.parse(exported(client)), dt.date.fromisoformat(on)).to_json()
    expected = {v["rule"]: v for v in report["verdicts"]}
    rule = "acts.council_deliberation"
    assert shown[rule]["status"] == expected[rule]["status"] != "ok"
    assert shown[rule]["message"] == services.plain(expected[rule]["message"])


def test_a_rule_that_changed_shows_the_law_of_the_chosen_date(client: Client) -> None:
    """The ministry's co-financing rate is a dated parameter: 2024 and 2025 differ."""
    client.post("/projet/exemple/")
    project = exported(client)
    answers = {}
    for on in ("2024-06-01", "2025-03-01"):
        html = client.get(f"/projet/financement/?date={on}").content.decode()
        answers[on] = {v["rule"]: v for v in shown_verdicts(html)[0]}
        service = services.check(services.parse(project), dt.date.fromisoformat(on)).to_json()
        assert {v["rule"]: services.plain(v["message"]) for v in service["verdicts"]} == {
            rule: v["message"] for rule, v in answers[on].items()
        }
    differing = [
        rule
        for rule in answers["2024-06-01"]
        if answers["2024-06-01"][rule]["message"] != answers["2025-03-01"][rule]["message"]
    ]
    assert differing, "some rule must answer differently in 2024 and 2025"
    html = client.get("/projet/financement/?date=2025-03-01").content.decode()
    assert "Vérifications au 1 mars 2025" in html


def test_default_date_is_today_and_a_bad_date_says_so(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "today", lambda: dt.date(2025, 4, 20))
    client.post("/projet/exemple/")
    html = client.get("/projet/suivi/").content.decode()
    assert "Vérifications au 20 avril 2025" in html
    verdicts, _programs = shown_verdicts(html)
    expected = services.check(services.parse(example()), dt.date(2025, 4, 20)).to_json()
    assert sorted(verdicts, key=lambda v: v["rule"]) == _expected(expected)
    html = client.get("/projet/suivi/?date=2025-13-45").content.decode()
    assert "Date « 2025-13-45 » illisible" in html
    assert "Vérifications au 20 avril 2025" in html


def test_the_panel_states_uncertainty_and_sources_plainly(client: Client) -> None:
    client.post("/projet/exemple/")
    html = client.get("/projet/suivi/?date=2025-03-01").content.decode()
    assert "Fiabilité élevée" in html
    assert "Fiabilité moyenne : une partie des faits est incertaine" in html
    assert "dans sa version en vigueur depuis le" in html
    assert 'href="https://www.legifrance.gouv.fr/codes/article_lc/' in html
    generalist = html[html.index('data-program="dctciv-aap-generaliste"') :]
    assert "Taux maximal : 70\u00a0% —" in generalist
    assert "montant maximal : 70\u202f000,00\u00a0€ —" in generalist
    assert "prochaine échéance : 30 mai 2025" in generalist
