"""A strict reader of RFC 5545 text, for the deadline feed's tests."""

from __future__ import annotations

import re
from datetime import date


def unfold(text: str) -> list[str]:
    """Logical lines: CRLF only (3.1), physical lines of 75 octets at most, folds CRLF+space."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    logical: list[str] = []
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75, line
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def text_value(value: str) -> str:
    """Unescape a TEXT value (3.3.11); any other backslash sequence is invalid."""
    assert re.fullmatch(r"(?:[^\\;,]|\\[\\;,nN])*", value), value
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def events(text: str) -> list[dict[str, str]]:
    """The VEVENTs of a VCALENDAR, checked for structure and required properties."""
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    header = dict(line.split(":", 1) for line in lines[1:] if not line.startswith(" "))
    assert header["VERSION"] == "2.0" and header["PRODID"]
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines[1:-1]:
        name, _sep, value = line.partition(":")
        assert re.fullmatch(r"[A-Z-]+(;[A-Z-]+=[A-Z-]+)*", name), line
        if line == "BEGIN:VEVENT":
            assert current is None
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            for required in ("UID", "DTSTAMP", "DTSTART;VALUE=DATE"):
                assert required in current, (required, current)
            start = date(*map(int, _ymd(current["DTSTART;VALUE=DATE"])))
            end = date(*map(int, _ymd(current["DTEND;VALUE=DATE"])))
            assert end > start  # DTEND is exclusive for all-day events (3.6.1)
            assert re.fullmatch(r"\d{8}T\d{6}Z", current["DTSTAMP"])
            found.append(current)
            current = None
        elif current is not None:
            assert name not in current, name  # each property once per event
            current[name] = text_value(value) if name in ("SUMMARY", "DESCRIPTION") else value
    assert current is None
    uids = [event["UID"] for event in found]
    assert len(uids) == len(set(uids))
    return found


def _ymd(value: str) -> tuple[str, str, str]:
    assert re.fullmatch(r"\d{8}", value), value
    return value[:4], value[4:6], value[6:]
