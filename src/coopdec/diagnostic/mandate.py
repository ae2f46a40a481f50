"""From mandate priorities to SDG targets, arguments, examples, funding and the legal frame.

The use case behind /pourquoi-agir/ (and ``GET /api/v1/mandate-priorities``): an elected
official picks priorities in their own words, optionally a zone or a country, optionally their
authority; this answers with the SDG targets the priorities serve, the sourced arguments for the
territory, the catalogue's examples (peers' first when the authority is known), the funding
that fits and the legal frame in three rules of the rules engine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from coopdec.assistant import list_rules
from coopdec.catalogue.models import FrenchAuthority
from coopdec.languages import assistant_messages
from coopdec.recommendations import Action, similar_authorities
from coopdec.reference.models import Country, SdgTarget, Zone
from coopdec.textnorm import normalize_name

from . import arguments, funding, priorities, snapshot
from .report import ActionLine, Named, SourceRef
from .service import AuthorityNotFoundError, action_line, find, today
from .wording import Namer, kind_label

# The legal frame in three rules of the rules engine (docs/rules.md): decide, transmit, declare.
LEGAL_RULES = ("acts.council_deliberation", "l1115_1.prefect_transmission", "apd.declaration")
EXAMPLE_LIMIT, FUNDING_LIMIT, SEARCH_LIMIT = 6, 8, 10


@dataclass(frozen=True)
class TargetLine:
    code: str
    label: str
    goal: int
    goal_label: str


@dataclass(frozen=True)
class ArgumentLine:
    text: str
    source: SourceRef
    section: str


@dataclass(frozen=True)
class AudienceArguments:
    audience: Named
    arguments: list[ArgumentLine]


@dataclass(frozen=True)
class RuleLine:
    id: str
    title: str
    description: str
    sources: list[SourceRef]
    confidence: str


@dataclass(frozen=True)
class MandateView:
    priorities: list[Named]  # every priority, in list order
    chosen: list[Named]
    zone: Named | None
    country: Named | None
    authority: Named | None  # value: "kind/code"
    targets: list[TargetLine]
    arguments: list[AudienceArguments]
    examples: list[ActionLine]
    funding: list[funding.FundingLine]
    legal: list[RuleLine]
    on: dt.date

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["funding"] = [line.to_json() for line in self.funding]
        data["on"] = self.on.isoformat()
        return data


def _targets(picked: tuple[priorities.Priority, ...], namer: Namer) -> list[TargetLine]:
    codes = list(dict.fromkeys(t for p in picked for t in p.targets))
    found = {t.code: t for t in SdgTarget.objects.filter(code__in=codes).select_related("goal")}
    return [
        TargetLine(
            code, found[code].label, found[code].goal.number, namer.goal(found[code].goal.number)
        )
        for code in codes
        if code in found
    ]


def _arguments(codes: frozenset[str]) -> list[AudienceArguments]:
    chosen = arguments.for_priorities(codes)
    return [
        AudienceArguments(
            Named(audience, str(label)),
            [
                ArgumentLine(
                    str(a.text), SourceRef(a.source.label, a.source.url, a.source.date), a.section
                )
                for a in chosen
                if a.audience == audience
            ],
        )
        for audience, label in arguments.AUDIENCES.items()
    ]


def _legal() -> list[RuleLine]:
    with assistant_messages():
        rules = {r.id: r for r in list_rules()}
    return [
        RuleLine(
            rule.id,
            rule.title,
            rule.description,
            [SourceRef(s.label, s.url, "") for s in rule.sources],
            rule.confidence,
        )
        for rule in (rules[i] for i in LEGAL_RULES if i in rules)
    ]


def _examples(data: snapshot.Snapshot, themes: frozenset[str], countries: frozenset[str],
              authority_id: int | None, namer: Namer) -> list[ActionLine]:  # fmt: skip
    """Actions on these themes: the authority's peers' first, then those in the chosen
    countries, then the most recent."""
    catalogue = data.catalogue
    peer_ids: set[int] = set()
    if authority_id is not None:
        authority = catalogue.authorities[authority_id]
        peer_ids = {p.authority.id for p in similar_authorities(catalogue, authority, themes, 50)}

    def rank(action: Action) -> tuple[int, int, int, str]:
        by_peer = 0 if peer_ids & set(action.authorities) else 1
        in_country = 0 if action.countries & countries else 1
        return by_peer, in_country, -(action.start_year or 0), action.title

    matching = [
        a for a in catalogue.actions.values() if a.themes & themes and a.authorities
    ]  # fmt: skip
    if countries:
        matching = [a for a in matching if a.countries & countries] or matching
    matching.sort(key=rank)
    return [action_line(a, catalogue, namer, carried=True) for a in matching[:EXAMPLE_LIMIT]]


def view(
    chosen: list[str] | tuple[str, ...],
    *,
    zone: str = "",
    country: str = "",
    authority: tuple[str, str] | None = None,
    on: dt.date | None = None,
) -> MandateView:
    """What the chosen priorities lead to; ``authority`` is (kind, code) when known."""
    picked = priorities.parse(tuple(chosen))
    on = on or today()
    data = snapshot.current()
    namer = Namer(data.labels)
    themes = priorities.themes_of(picked)
    zone_row = Zone.objects.filter(code=zone).first() if zone else None
    country_row = Country.objects.filter(iso2=country.upper()).first() if country else None
    countries: set[str] = set()
    if zone_row is not None:
        countries |= set(Country.objects.filter(zone=zone_row).values_list("iso2", flat=True))
    if country_row is not None:
        countries.add(country_row.iso2)
    who: Named | None = None
    kind = code = None
    authority_id: int | None = None
    if authority is not None:
        _data, found = find(*authority)
        kind, code, authority_id = found.kind, found.code, found.id
        who = Named(f"{found.kind}/{found.code}", found.name)
    lines = (
        funding.open_programmes(kind, code, themes, tuple(sorted(countries)), on) if picked else []
    )
    return MandateView(
        priorities=[Named(p.code, str(p.label)) for p in priorities.PRIORITIES],
        chosen=[Named(p.code, str(p.label)) for p in picked],
        zone=Named(zone_row.code, zone_row.label) if zone_row else None,
        country=Named(country_row.iso2, country_row.name) if country_row else None,
        authority=who,
        targets=_targets(picked, namer),
        arguments=_arguments(frozenset(p.code for p in picked)),
        examples=_examples(data, themes, frozenset(countries), authority_id, namer)
        if picked
        else [],
        funding=lines[:FUNDING_LIMIT],
        legal=_legal(),
        on=on,
    )


@dataclass(frozen=True)
class GoalLine:
    number: int
    label: str
    themes: list[str]


def goals_with_themes() -> list[GoalLine]:
    """The 17 SDGs with the catalogue's themes that serve each (reference tables)."""
    data = snapshot.current()
    namer = Namer(data.labels)
    themes: dict[int, list[str]] = {}
    for code, goals in data.labels.theme_goals.items():
        for number in goals:
            themes.setdefault(number, []).append(namer.theme(code))
    return [GoalLine(n, namer.goal(n), themes.get(n, [])) for n in sorted(data.labels.goals)]


def choices() -> tuple[list[Named], list[Named]]:
    """The zones, and the countries where French authorities act, to narrow the examples."""
    data = snapshot.current()
    namer = Namer(data.labels)
    zones = [Named(z.code, z.label) for z in Zone.objects.all()]
    countries = sorted(
        (Named(c, namer.country(c)) for c in data.catalogue.countries() if c != "FR"),
        key=lambda n: n.label,
    )
    return zones, countries


@dataclass(frozen=True)
class AuthorityChoice:
    kind: str
    kind_label: str
    code: str
    name: str
    where: str  # département code, to tell homonyms apart


def search_authorities(text: str, limit: int = SEARCH_LIMIT) -> list[AuthorityChoice]:
    """French authorities whose name starts with ``text`` (accents and case ignored), the
    most populated first; an official code (INSEE, SIREN, département) matches too."""
    needle = normalize_name(text)
    if len(needle) < 2:
        return []
    found = (
        FrenchAuthority.objects.filter(code__isnull=False)
        .filter(search_name__startswith=needle)
        .select_related("departement")
        .order_by("-population", "name")[:limit]
    )
    rows = list(found) or list(FrenchAuthority.objects.filter(code=text.strip())[:limit])
    return [
        AuthorityChoice(
            a.kind,
            kind_label(a.kind),
            a.code or "",
            a.name,
            a.departement.code if a.departement else "",
        )
        for a in rows
    ]


__all__ = [
    "AuthorityNotFoundError",
    "MandateView",
    "search_authorities",
    "view",
]
