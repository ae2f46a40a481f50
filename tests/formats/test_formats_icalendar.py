"""RFC 5545 output: structure, escaping, folding, CRLF — checked by a strict reader written here."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdec.formats.icalendar import CalendarEvent, escape_text, fold, write_calendar

STAMP = datetime(2025, 3, 1, 13, 30, tzinfo=timezone(timedelta(hours=1)))


def _unfold(text: str) -> list[str]:
    """A strict reader: CRLF only, lines <= 75 octets, folds are CRLF + one space."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def _unescape(value: str) -> str:
    # Any backslash not followed by one of \ ; , n N is invalid TEXT (RFC 5545 3.3.11).
    assert re.fullmatch(r"(?:[^\\;,]|\\[\\;,nN])*", value), value
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _properties(text: str) -> list[tuple[str, str]]:
    result = []
    for line in _unfold(text):
        name, _, value = line.partition(":")
        result.append((name, value))
    return result


def test_calendar_structure() -> None:
    events = [
        CalendarEvent(
            uid="appel-2025-dispositif-1@coopdec",
            day=date(2025, 4, 30),
            summary="Date limite : appel à projets, jeunesse",
            description="Dépôt sur la plateforme;\nvoir le règlement",
            url="https://example.org/appel?x=1,2",
        )
    ]
    text = write_calendar(events, name="Échéances des financements", stamp=STAMP)
    props = _properties(text)
    names = [name for name, _ in props]
    assert names[:6] == ["BEGIN", "PRODID", "VERSION", "CALSCALE", "METHOD", "X-WR-CALNAME"]
    assert ("VERSION", "2.0") in props and ("METHOD", "PUBLISH") in props
    assert props[-1] == ("END", "VCALENDAR")
    event = dict(props[props.index(("BEGIN", "VEVENT")) + 1 : props.index(("END", "VEVENT"))])
    assert event["DTSTAMP"] == "20250301T123000Z"  # converted to UTC
    assert event["DTSTART;VALUE=DATE"] == "20250430"
    assert event["DTEND;VALUE=DATE"] == "20250501"  # exclusive end
    assert _unescape(event["SUMMARY"]) == "Date limite : appel à projets, jeunesse"
    assert _unescape(event["DESCRIPTION"]) == "Dépôt sur la plateforme;\nvoir le règlement"
    assert event["URL"] == "https://example.org/appel?x=1,2"  # URIs are not escaped
    assert _unescape(dict(props)["X-WR-CALNAME"]) == "Échéances des financements"


def test_escaping_order() -> None:
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_folding_never_splits_a_multibyte_character() -> None:
    line = "SUMMARY:" + "é" * 100 + "€" * 30
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 2
    for part in parts:
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")  # each physical line is valid UTF-8 on its own
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line
    assert fold("SHORT:x") == "SHORT:x"
    assert len(fold("X:" + "a" * 73)) == 75  # exactly 75 octets: not folded


@given(
    st.lists(
        st.builds(
            CalendarEvent,
            uid=st.uuids().map(str),
            day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 1, 1)),
            summary=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200),
            description=st.none()
            | st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
        ),
        max_size=4,
    )
)
def test_any_text_survives_a_strict_reader(events: list[CalendarEvent]) -> None:
    text = write_calendar(events, name="Échéances", stamp=STAMP)
    props = _properties(text)
    summaries = [_unescape(v) for name, v in props if name == "SUMMARY"]
    expected = [e.summary.replace("\r\n", "\n").replace("\r", "\n") for e in events]
    assert summaries == expected
    assert sum(name == "BEGIN" and value == "VEVENT" for name, value in props) == len(events)


def test_invalid_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="fuseau"):
        write_calendar([], name="x", stamp=datetime(2025, 1, 1))
    bad_url = CalendarEvent(uid="u", day=date(2025, 1, 1), summary="s", url="https://x\r\nX:y")
    with pytest.raises(ValueError, match="URL"):
        write_calendar([bad_url], name="x", stamp=datetime(2025, 1, 1, tzinfo=UTC))
    backwards = CalendarEvent(uid="u", day=date(2025, 1, 2), summary="s", last_day=date(2025, 1, 1))
    with pytest.raises(ValueError, match="précède"):
        write_calendar([backwards], name="x", stamp=datetime(2025, 1, 1, tzinfo=UTC))
