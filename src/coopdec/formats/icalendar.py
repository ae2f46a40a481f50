"""An RFC 5545 iCalendar writer for deadline feeds (no dependency).

What the RFC demands and readers check: CRLF line endings (3.1), lines of at most 75 octets
folded with CRLF + one space and never inside a UTF-8 sequence (3.1), TEXT values with
backslash, semicolon, comma and newline escaped (3.3.11), DTSTAMP in UTC (3.8.7.2), and for
all-day events DTSTART;VALUE=DATE with an exclusive DTEND (3.6.1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from coopdec.formats.i18n import _

PRODID = "-//coopdec//Cooperation decentralisee//FR"
MAX_OCTETS = 75
CRLF = "\r\n"


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """An all-day event; ``last_day`` (inclusive) defaults to ``day``."""

    uid: str
    day: date
    summary: str
    description: str | None = None
    url: str | None = None
    last_day: date | None = None


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash first, so that the escapes added after are not doubled."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets, never splitting a character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_OCTETS:
        return line
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append("".join(current))
            current, size = [], 0
            limit = MAX_OCTETS - 1  # continuation lines start with one space
        current.append(char)
        size += width
    chunks.append("".join(current))
    return (CRLF + " ").join(chunks)


def _date(value: date) -> str:
    return value.strftime("%Y%m%d")


def _uri(value: str) -> str:
    # URI values are not TEXT: no escaping, but a control character would break the line.
    if any(ord(char) < 32 for char in value):
        raise ValueError(_("URL invalide (caractère de contrôle) : %(url)r") % {"url": value})
    return value


def _event_lines(event: CalendarEvent, stamp: str) -> list[str]:
    last_day = event.last_day or event.day
    if last_day < event.day:
        raise ValueError(_("événement %(uid)s : la fin précède le début") % {"uid": event.uid})
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(event.day)}",
        f"DTEND;VALUE=DATE:{_date(last_day + timedelta(days=1))}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{_uri(event.url)}")
    lines.append("END:VEVENT")
    return lines


def write_calendar(
    events: Iterable[CalendarEvent],
    *,
    name: str,
    stamp: datetime,
    prodid: str = PRODID,
) -> str:
    """The whole VCALENDAR as text with CRLF endings; encode it as UTF-8 to serve it
    (``text/calendar; charset=utf-8``). ``stamp`` (timezone-aware) becomes every DTSTAMP."""
    if stamp.utcoffset() is None:
        raise ValueError(_("l'horodatage du calendrier doit porter un fuseau horaire"))
    utc_stamp = stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{escape_text(prodid)}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event_lines(event, utc_stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
