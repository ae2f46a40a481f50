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
import functools
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from coopdec.assistant import programs as progs
from coopdec.assistant import reference as assistant_reference
from coopdec.assistant.funding import criteria, evaluate_program
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


# The finder reads an authority's code only to find its région and département: authorities
# of the same kind and territory, with the same themes and fund countries, share one answer.
_CACHE: OrderedDict[tuple[object, ...], list[FundingLine]] = OrderedDict()
CACHE_SIZE = 4096


def _listed_countries() -> frozenset[str]:
    found: set[str] = set()
    for data in assistant_reference.programs_by_id().values():
        found |= {c.split("-")[0] for c in _country_list(data) or []}
    return frozenset(found)


@functools.cache
def _reserved_themes() -> frozenset[str]:
    return frozenset(t for wanted in criteria.PROGRAM_THEMES.values() for t in wanted)


def open_programmes(
    kind: str | None,
    code: str | None,
    themes: frozenset[str],
    countries: tuple[str, ...],
    on: dt.date,
) -> list[FundingLine]:
    """Programmes this authority may apply to: open ones first, the thematic ones that match
    its themes first, then by next deadline."""
    assistant_kind = ASSISTANT_KIND.get(kind, kind) if kind else None
    listed = _listed_countries()
    # The finder reads themes only to compare them with a programme's reserved themes (and
    # to ask for them when there are none): two authorities whose themes meet the reserved
    # ones alike get the same answer, so they share one cache entry.
    key = (
        assistant_kind,
        assistant_reference.region_of_authority(assistant_kind, code),
        assistant_reference.departement_of_authority(assistant_kind, code),
        bool(themes),
        themes & _reserved_themes(),
        tuple(c for c in countries if c in listed),
        on,
    )
    found = _CACHE.get(key)
    if found is None:
        found = _judge(kind, code, themes, countries, on)
        _CACHE[key] = found
        if len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return list(found)


def _judge(
    kind: str | None,
    code: str | None,
    themes: frozenset[str],
    countries: tuple[str, ...],
    on: dt.date,
) -> list[FundingLine]:
    lead = (
        AuthorityRef(kind=ASSISTANT_KIND.get(kind, kind), code=code, project_owner=True)
        if kind
        else None
    )
    base = ProjectFile(lead_authority=lead, themes=tuple(sorted(themes)))
    found: list[FundingLine] = []
    region = assistant_reference.region_of_authority(lead.kind, code) if lead else None
    departement = assistant_reference.departement_of_authority(lead.kind, code) if lead else None
    for pid, data in assistant_reference.programs_by_id().items():
        if data.get("status") in CLOSED or pid in criteria.NOT_FOR_AUTHORITIES:
            continue
        # What the finder would reject at once, left out before asking it (same tables).
        if region and criteria.PROGRAM_REGION.get(pid, region) != region:
            continue
        if departement and criteria.PROGRAM_DEPARTEMENT.get(pid, departement) != departement:
            continue
        wanted = criteria.PROGRAM_THEMES.get(pid)
        if wanted and themes and not set(wanted) & themes:
            continue
        listed = _country_list(data)
        project = base
        if listed is not None:
            matching = [c for c in countries if any(x.split("-")[0] == c for x in listed)]
            if not matching:
                continue  # a fund for countries the authority neither knows nor considers
            project = ProjectFile(
                lead_authority=lead,
                themes=base.themes,
                partners=(Partner(country=matching[0], kind="local_authority"),),
            )
        match = evaluate_program(project, pid, on)
        period_reason = match.reasons[0]
        if [r for r in match.failed if r != period_reason]:
            continue
        valid_to = data.get("valid_to")
        ended = valid_to is not None and int(valid_to) < on.year
        deadlines = progs.deadlines(pid)
        last = deadlines[-1].day if deadlines else None
        state = OPEN if match.eligible is True and not ended else TO_CHECK
        found.append(
            FundingLine(
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
        )
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
