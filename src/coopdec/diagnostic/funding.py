"""Funding programmes open to an authority, judged by the assistant's own funding finder.

The finder judges a project; here the "project" is the authority as lead (its kind and code
give its territory), the themes it cares about and, for a programme reserved to some
countries (joint funds), a country it knows or is advised to consider. A programme is kept
unless a criterion other than the calendar rules it out (another région, another kind of
applicant, another theme). A programme whose known editions stop before this year is "to
check" with its last known dates, never "not eligible" because the data end.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

from coopdec.assistant import programs as progs
from coopdec.assistant import reference as assistant_reference
from coopdec.assistant.funding import criteria, evaluate_program
from coopdec.languages import assistant_messages, reader_language
from coopdec.projectfile import ProjectFile
from coopdec.projectfile.model import AuthorityRef, Partner

OPEN, TO_CHECK = "open", "to_check"
CLOSED = {"closed", "historical"}
# The assistant's project file names EPT among EPCI (an EPT is an EPCI without own taxation).
ASSISTANT_KIND = {"ept": "epci", "collectivite_particuliere": "region"}


@dataclass(frozen=True)
class FundingLine:
    id: str
    name: str
    funder: str
    state: str  # open | to_check
    next_deadline: dt.date | None
    last_known_deadline: dt.date | None
    last_known_year: int | None
    url: str
    sources: tuple[str, ...]
    reasons: tuple[str, ...]  # the finder's reasons, criterion by criterion
    thematic: bool  # reserved to some themes, which the authority's themes match

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "funder": self.funder,
            "state": self.state,
            "next_deadline": self.next_deadline.isoformat() if self.next_deadline else None,
            "last_known_deadline": (
                self.last_known_deadline.isoformat() if self.last_known_deadline else None
            ),
            "last_known_year": self.last_known_year,
            "url": self.url,
            "sources": list(self.sources),
            "reasons": list(self.reasons),
            "thematic": self.thematic,
        }


def _country_list(data: dict[str, Any]) -> list[str] | None:
    spec = data.get("eligible_countries")
    if isinstance(spec, list):
        return [str(c) for c in spec]
    if isinstance(spec, dict) and spec.get("rule") == "list":
        return [str(c) for c in spec.get("iso2") or []]
    return None


# One judgement per programme and per what of the authority that programme reads (see
# ``_inputs``): its kind; its région and département for the territorial schemes; whether
# its themes meet the programme's reserved themes; the partner country of a joint fund.
# A territory seen for the first time then reuses the judgements of its neighbours and of
# every authority of its kind, each computed by the finder once, unchanged.
_CACHE: dict[tuple[object, ...], FundingLine | None] = {}
CACHE_SIZE = 50_000
_lock = threading.Lock()
_UNSEEN = FundingLine("", "", "", "", None, None, None, "", (), (), False)  # not judged yet


def open_programmes(
    kind: str | None,
    code: str | None,
    themes: frozenset[str],
    countries: tuple[str, ...],
    on: dt.date,
) -> list[FundingLine]:
    """Programmes this authority may apply to: open ones first, the thematic ones that match
    its themes first, then by next deadline (each judgement cached, see ``_inputs``)."""
    return _programmes(kind, code, themes, countries, on, cached=True)


def _judge(
    kind: str | None,
    code: str | None,
    themes: frozenset[str],
    countries: tuple[str, ...],
    on: dt.date,
) -> list[FundingLine]:
    """The same answer, every programme judged afresh (what the cache must reproduce)."""
    return _programmes(kind, code, themes, countries, on, cached=False)


def _programmes(
    kind: str | None,
    code: str | None,
    themes: frozenset[str],
    countries: tuple[str, ...],
    on: dt.date,
    cached: bool,
) -> list[FundingLine]:
    lead = (
        AuthorityRef(kind=ASSISTANT_KIND.get(kind, kind), code=code, project_owner=True)
        if kind
        else None
    )
    region = assistant_reference.region_of_authority(lead.kind, code) if lead else None
    departement = assistant_reference.departement_of_authority(lead.kind, code) if lead else None
    found: list[FundingLine] = []
    language = reader_language()
    for pid, data in assistant_reference.programs_by_id().items():
        if data.get("status") in CLOSED or pid in criteria.NOT_FOR_AUTHORITIES:
            continue
        inputs = _inputs(pid, data, lead, region, departement, themes, countries)
        if inputs is None:
            continue
        partner = inputs[-1] if isinstance(inputs[-1], str) else None
        if not cached:
            line = _judge_programme(pid, data, lead, themes, partner, on)
        else:
            # The reasons are written in the reader's language: it keys the judgement too.
            key = (pid, on, language, *inputs)
            line = _CACHE.get(key, _UNSEEN)
            if line is _UNSEEN:
                line = _judge_programme(pid, data, lead, themes, partner, on)
                with _lock:
                    _CACHE[key] = line
                    if len(_CACHE) > CACHE_SIZE:
                        del _CACHE[next(iter(_CACHE))]  # the oldest judgement
        if line is not None:
            found.append(line)
    found.sort(
        key=lambda f: (
            f.state != OPEN,
            f.last_known_year is not None and f.last_known_year < on.year,
            not f.thematic,
            f.next_deadline is None,
            f.next_deadline or dt.date.max,
            f.name,
        )
    )
    return found


def _inputs(
    pid: str,
    data: dict[str, Any],
    lead: AuthorityRef | None,
    region: str | None,
    departement: str | None,
    themes: frozenset[str],
    countries: tuple[str, ...],
) -> tuple[object, ...] | None:
    """What of the authority the finder reads to judge this programme (the cache key), or
    None when a criterion other than the calendar rules the programme out at once (another
    région or département, other reserved themes, a fund for countries it does not know).

    The finder reads the lead's kind everywhere; its code only through its région,
    département and water basin, for the territorial schemes; the themes only against the
    programme's reserved ones; a partner country only for a fund reserved to some
    countries. Nothing else of the authority (not its size) reaches the finder."""
    if region and criteria.PROGRAM_REGION.get(pid, region) != region:
        return None
    if departement and criteria.PROGRAM_DEPARTEMENT.get(pid, departement) != departement:
        return None
    wanted = criteria.PROGRAM_THEMES.get(pid)
    theme_facts: tuple[bool, frozenset[str]] | None = None
    if wanted:
        common = themes & frozenset(wanted)
        if themes and not common:
            return None
        theme_facts = (bool(themes), common)
    partner: str | None = None
    listed = _country_list(data)
    if listed is not None:
        matching = [c for c in countries if any(x.split("-")[0] == c for x in listed)]
        if not matching:
            return None
        partner = matching[0]
    territory: tuple[object, ...] | None = None
    if pid in criteria.TERRITORIAL:
        own = lead is not None and criteria.OWN_SCHEMES.get(pid) == (lead.kind, lead.code)
        territory = (region, departement, own)
    return (lead.kind if lead else None, territory, theme_facts, partner)


def _judge_programme(
    pid: str,
    data: dict[str, Any],
    lead: AuthorityRef | None,
    themes: frozenset[str],
    partner: str | None,
    on: dt.date,
) -> FundingLine | None:
    """The finder's verdict on one programme, as a line; None when a criterion other than
    the calendar rules it out."""
    project = ProjectFile(
        lead_authority=lead,
        themes=tuple(sorted(themes)),
        partners=(Partner(country=partner, kind="local_authority"),) if partner else (),
    )
    with assistant_messages():
        match = evaluate_program(project, pid, on)
    period_reason = match.reasons[0]
    if [r for r in match.failed if r != period_reason]:
        return None
    valid_to = data.get("valid_to")
    ended = valid_to is not None and int(valid_to) < on.year
    deadlines = progs.deadlines(pid)
    last = deadlines[-1].day if deadlines else None
    state = OPEN if match.eligible is True and not ended else TO_CHECK
    return FundingLine(
        id=pid,
        name=match.name,
        funder=match.funder,
        state=state,
        next_deadline=match.next_deadline,
        last_known_deadline=None if match.next_deadline else last,
        last_known_year=int(valid_to) if valid_to is not None else None,
        url=str(data.get("url") or ""),
        sources=tuple(str(u) for u in (data.get("sources") or [])[:2]),
        reasons=match.reasons,
        thematic=bool(criteria.PROGRAM_THEMES.get(pid)),
    )
