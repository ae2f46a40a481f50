"""What a diagnostic says, as typed data: the page, the API, the CLI and the note read it.

``to_json`` is the API's and the CLI's answer; the page and the note read the same objects, so
the four show the same figures. Labels are already in the reader's language.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .funding import FundingLine


@dataclass(frozen=True)
class Named:
    """A code and its label (a country, a theme, a kind, a région...)."""

    value: str
    label: str


@dataclass(frozen=True)
class SourceRef:
    label: str
    url: str
    date: str


@dataclass(frozen=True)
class AuthorityInfo:
    kind: Named
    code: str
    name: str
    population: int | None
    population_source: str
    departement: Named | None
    region: Named | None
    zone: str | None


@dataclass(frozen=True)
class ActionLine:
    """A partnership or a project, with who carries it when it is not the authority itself."""

    type: str  # partnership | project
    id: int
    title: str
    countries: list[Named]
    themes: list[Named]
    partners: list[str]
    start_year: int | None
    end_year: int | None
    status: str
    open_to_new_members: bool
    sources: list[str]
    source_date: str
    carried_by: list[Named] = field(default_factory=list)  # value: "kind/code"


@dataclass(frozen=True)
class CountryLine:
    country: Named
    actions: int
    first_year: int | None
    last_year: int | None
    themes: list[Named]


@dataclass(frozen=True)
class RelatedAuthority:
    """An authority that covers this one (its EPCI, département, région) or that it covers."""

    authority: Named  # value: "kind/code"
    kind: Named
    relation: str  # covering | covered
    actions: int
    countries: list[Named]


@dataclass(frozen=True)
class Footprint:
    own: list[ActionLine]
    by_country: list[CountryLine]
    by_theme: list[tuple[Named, int]]
    related: list[RelatedAuthority]  # covering first, then the most active it covers
    covered_active: int  # authorities inside it with at least one action (EPCI, dép., région)


@dataclass(frozen=True)
class ContactLine:
    key: str
    name: str
    acronym: str
    kind: str
    role: str
    website: str
    email: str
    phone: str
    sources: list[str]


@dataclass(frozen=True)
class Network:
    rrma: list[ContactLine]  # the région's multi-actor network(s)
    regional: list[ContactLine]
    national: list[ContactLine]


@dataclass(frozen=True)
class Scope:
    """Peers in the région or nationwide."""

    peers: int
    active: int
    countries: list[tuple[Named, int]]
    themes: list[tuple[Named, int]]


@dataclass(frozen=True)
class PeerLine:
    authority: Named  # value: "kind/code"
    population: int | None
    departement: Named | None
    countries: list[Named]
    themes: list[Named]
    reasons: list[str]
    score: float


@dataclass(frozen=True)
class Peers:
    band: dict[str, object] | None
    band_text: str  # "communes de 10 000 à 49 999 habitants"
    region: Scope | None
    national: Scope
    similar: list[PeerLine]


@dataclass(frozen=True)
class ReasonLine:
    code: str
    text: str
    weight: float
    params: dict[str, object]


@dataclass(frozen=True)
class CountryAdvice:
    country: Named
    score: float
    reasons: list[ReasonLine]
    partners: list[tuple[str, str]]  # (partner abroad, the French authority that works with it)


@dataclass(frozen=True)
class Coverage:
    """How much of French decentralised cooperation the catalogue holds."""

    partnerships: int
    projects: int
    authorities: int  # French authorities with at least one action
    last_change: str
    headline_partnerships: int
    headline_authorities: int
    headline_source: SourceRef
    percent: int  # partnerships / headline_partnerships


@dataclass(frozen=True)
class Diagnostic:
    authority: AuthorityInfo
    on: dt.date
    priorities: list[Named]
    coverage: Coverage
    known: bool  # at least one action of its own in the catalogue
    statement: str | None  # what "no known action" means, with the coverage
    footprint: Footprint
    network: Network
    peers: Peers
    countries: list[CountryAdvice]
    funding: list[FundingLine]
    open_calls: list[ActionLine]

    def to_json(self) -> dict[str, Any]:
        """The API's and the CLI's answer (dates as ISO strings)."""
        data: dict[str, Any] = _plain(self)
        data["funding"] = [line.to_json() for line in self.funding]
        return data


def _plain(value: Any) -> Any:
    if isinstance(value, FundingLine):
        return value.to_json()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4)
    return value
