"""The funding page lists every programme with its calendar, as the iCalendar feed does."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from coopdec import projectfile_service as services
from coopdec.assistant.reference import programs_by_id

pytestmark = pytest.mark.django_db


def test_every_programme_with_its_calendar(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "today", lambda: dt.date(2025, 3, 1))
    response = client.get("/financements/")
    assert response.status_code == 200
    html = response.content.decode()
    assert set(re.findall(r'<tr data-program="([^"]+)"', html)) == set(programs_by_id())
    generalist = html[html.index('data-program="dctciv-aap-generaliste"') :]
    generalist = generalist[: generalist.index("</tr>")]
    assert "30 mai 2025" in generalist  # the 2025 call's deadline
    assert 'href="/api/v1/funding/deadlines.ics"' in html
    assert 'href="/financements/"' in client.get("/monter-un-projet/").content.decode()


def test_a_passed_deadline_reads_to_check_with_the_last_known_edition(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "today", lambda: dt.date(2027, 3, 1))
    html = client.get("/financements/").content.decode()
    generalist = html[html.index('data-program="dctciv-aap-generaliste"') :]
    generalist = generalist[: generalist.index("</tr>")]
    assert "À vérifier" in generalist and "dernière édition connue" in generalist
    assert "non éligible" not in html.lower()


def test_the_funding_page_in_english(client: Client) -> None:
    client.get("/langue/en/?next=/")
    html = client.get("/financements/").content.decode()
    assert "Funding and calendar" in html and "Subscribe to the calendar" in html
