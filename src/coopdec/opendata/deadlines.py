"""The iCalendar feed of funding deadlines (``/api/v1/funding/deadlines.ics``, RFC 5545).

One all-day event per known deadline of every programme of ``funding_programs.yaml``, read
through ``coopdec.assistant.programs`` (the single source the rules use as well), plus the
close of each APD declaration campaign (31 May, L1115-6) from the rules' parameters. Each
event says the programme, the funder, the edition, the confidence of the date and its source.
UIDs are stable (programme, edition, day), so calendar clients update events in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.assistant import programs
from coopdec.assistant.params import value_at
from coopdec.assistant.reference import programs_by_id
from coopdec.formats.icalendar import CalendarEvent, write_calendar

DOMAIN = "coopdec"
CONFIDENCE = {"high": "élevée", "medium": "moyenne", "low": "faible"}
APD_SOURCE = "https://www.diplomatie.gouv.fr/fr/politique-etrangere-de-la-france/action-exterieure-des-collectivites-territoriales/aide-publique-au-developpement-apd-des-collectivites"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


def program_events() -> Iterator[CalendarEvent]:
    for program_id, program in sorted(programs_by_id().items()):
        for deadline in programs.deadlines(program_id):
            lines = [
                _("Financeur : %(funder)s") % {"funder": program.get("funder", "?")},
                _("Édition : %(edition)s") % {"edition": deadline.edition},
                _("Fiabilité de la date : %(c)s")
                % {"c": CONFIDENCE.get(deadline.confidence, deadline.confidence)},
            ]
            lines += [_("Source : %(url)s") % {"url": s.url} for s in deadline.sources]
            yield CalendarEvent(
                uid=f"{program_id}-{_slug(deadline.edition)}-{deadline.day:%Y%m%d}@{DOMAIN}",
                day=deadline.day,
                summary=_("Date limite : %(name)s") % {"name": program["name"]},
                description="\n".join(lines),
                url=str(program["url"]) if program.get("url") else None,
            )


def apd_events(years: range) -> Iterator[CalendarEvent]:
    """The last day of each APD declaration campaign known to the rules' parameters."""
    for year in years:
        window = value_at("apd_declaration_window", date(year, 6, 1))
        if window is None:
            continue
        closes = date.fromisoformat(f"{year}-{window.value['closes']}")
        yield CalendarEvent(
            uid=f"apd-declaration-{year}@{DOMAIN}",
            day=closes,
            summary=_("Fin de la déclaration de l'APD %(data_year)d") % {"data_year": year - 1},
            description=_(
                "Déclaration annuelle de l'aide publique au développement versée en %(y)d "
                "(CGCT art. L1115-6), ouverte le %(opens)s ; condition des cofinancements du MEAE."
            )
            % {"y": year - 1, "opens": f"{window.value['opens'][3:]}/{window.value['opens'][:2]}"},
            url=APD_SOURCE,
        )


def calendar(stamp: datetime | None = None) -> str:
    """The whole feed as RFC 5545 text (CRLF line endings); serve it as UTF-8."""
    stamp = stamp or timezone.now().replace(microsecond=0)
    years = range(2018, timezone.localdate().year + 2)
    unique = {event.uid: event for event in [*program_events(), *apd_events(years)]}
    events = sorted(unique.values(), key=lambda event: (event.day, event.uid))
    return write_calendar(events, name=_("Échéances des financements (coopdec)"), stamp=stamp)


def programmes_calendar(today: date, *, english: bool = False) -> list[dict[str, object]]:
    """Every funding programme with its known deadlines, for the funding page (``english``:
    the programmes' and funders' English names).

    The same source as the feed (``assistant.programs``). A programme whose last known
    deadline has passed says so with that date ("à vérifier"), never "closed": a new edition
    may not be in the data yet.
    """
    from coopdec.assistant.funding.finder import funder_name
    from coopdec.textnorm import fold

    rows: list[dict[str, object]] = []
    for program_id, program in programs_by_id().items():
        known = programs.deadlines(program_id)
        upcoming = [d for d in known if d.day >= today]
        rows.append(
            {
                "id": program_id,
                "name": programs.program_name(program_id, english=english),
                "funder": funder_name(program, english=english),
                "url": str(program["url"]) if program.get("url") else None,
                "status": str(program.get("status") or ""),
                "next": upcoming[0] if upcoming else None,
                "last": known[-1] if known else None,
                "deadlines": known,
            }
        )
    # Open calls first (soonest deadline first), then the others by name.
    return sorted(
        rows,
        key=lambda row: (
            row["next"] is None,
            row["next"].day if row["next"] is not None else date.max,  # type: ignore[attr-defined]
            fold(str(row["name"])),
        ),
    )
