"""The funding deadlines as an iCalendar feed, valid per RFC 5545."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client

from coopdec.assistant import programs
from coopdec.assistant.reference import programs_by_id
from coopdec.opendata.deadlines import calendar
from tests.opendata.ics import events

STAMP = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def test_every_known_deadline_is_an_event() -> None:
    found = events(calendar(STAMP))
    expected = {
        (program_id, deadline.day)
        for program_id in programs_by_id()
        for deadline in programs.deadlines(program_id)
    }
    program_events = [e for e in found if not e["UID"].startswith("apd-")]
    assert len(program_events) >= len(expected) >= 50
    days = {e["DTSTART;VALUE=DATE"] for e in program_events}
    assert {d.strftime("%Y%m%d") for _p, d in expected} == days
    generaliste = [e for e in found if e["UID"].startswith("dctciv-aap-generaliste-")]
    assert any(e["DTSTART;VALUE=DATE"] == "20250530" for e in generaliste)
    event = generaliste[0]
    assert event["SUMMARY"].startswith("Date limite : Appel à projets généraliste")
    assert "MEAE" in event["DESCRIPTION"] and "Source : http" in event["DESCRIPTION"]
    assert all(e["DTSTAMP"] == "20250301T093000Z" for e in found)


def test_apd_campaigns_close_on_31_may() -> None:
    found = {e["UID"]: e for e in events(calendar(STAMP))}
    campaign = found["apd-declaration-2025@coopdec"]
    assert campaign["DTSTART;VALUE=DATE"] == "20250531"
    assert "L1115-6" in campaign["DESCRIPTION"] and "2024" in campaign["SUMMARY"]


@pytest.mark.django_db
def test_the_feed_is_served_as_text_calendar(client: Client) -> None:
    response = client.get("/api/v1/funding/deadlines.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert len(events(response.content.decode("utf-8"))) >= 50
