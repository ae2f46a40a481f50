"""Peers: the authorities of the same kind and size band, in the région and nationwide.

``peer_summary`` says how many there are, how many act abroad at all and where; the figures
behind "12 communes de votre taille en Bretagne travaillent au Sénégal".
``similar_authorities`` ranks the peers that act, each with the facts that make it similar.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from . import reasons as R
from .bands import Band, peer_kind
from .model import Authority, Catalogue
from .reasons import Reason

TOP = 10  # countries and themes listed per scope
# The weight of each fact that makes a peer similar (shared countries and themes: up to three).
SAME_DEPARTEMENT, SAME_REGION, PER_COUNTRY, PER_THEME = 3.0, 1.5, 2.0, 1.0


@dataclass(frozen=True)
class ScopeFigures:
    """Peers in one scope (the région or the whole country)."""

    peers: int  # authorities of the same kind and band (the authority itself excluded)
    active: int  # of which with at least one action in the catalogue
    countries: tuple[tuple[str, int], ...]  # (ISO alpha-2, active peers there), most first
    themes: tuple[tuple[str, int], ...]  # (theme code, active peers on it), most first

    def to_json(self) -> dict[str, object]:
        return {
            "peers": self.peers,
            "active": self.active,
            "countries": [{"country": c, "count": n} for c, n in self.countries],
            "themes": [{"theme": t, "count": n} for t, n in self.themes],
        }


@dataclass(frozen=True)
class PeerSummary:
    band: Band | None
    kind: str  # the peer kind (the Collectivité de Corse is compared with régions)
    region: ScopeFigures | None  # None when the authority has no région (or is one)
    national: ScopeFigures

    def to_json(self) -> dict[str, object]:
        return {
            "band": self.band.to_json() if self.band else None,
            "kind": self.kind,
            "region": self.region.to_json() if self.region else None,
            "national": self.national.to_json(),
        }


@dataclass(frozen=True)
class PeerScore:
    authority: Authority
    score: float
    reasons: tuple[Reason, ...]
    countries: frozenset[str]
    themes: frozenset[str]


def is_peer(authority: Authority, other: Authority) -> bool:
    """Same (peer) kind and same population band; any size when the population is unknown."""
    if other.id == authority.id or peer_kind(other.kind) != peer_kind(authority.kind):
        return False
    band = authority.band
    return band is None or band.contains(other.population)


def _figures(catalogue: Catalogue, authority: Authority, region: str | None) -> ScopeFigures:
    counts = catalogue.band_counts()
    band = authority.band
    key_band = band if band is not None else None
    total = sum(
        n
        for (kind, b, r), n in counts.items()
        if kind == peer_kind(authority.kind)
        and (key_band is None or b == key_band)
        and (region is None or r == region)
    )
    own_scope = region is None or authority.region == region
    if own_scope and (band is None or band.contains(authority.population)):
        total -= 1  # the authority itself
    group = catalogue.peer_group(authority, region)
    countries, themes, active = group.countries, group.themes, group.size
    return ScopeFigures(
        peers=max(total, active),
        active=active,
        countries=tuple(sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]),
        themes=tuple(sorted(themes.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]),
    )


def peer_summary(catalogue: Catalogue, authority: Authority) -> PeerSummary:
    """How many authorities like this one there are, how many act, where and on what."""
    regional = None
    if authority.region and peer_kind(authority.kind) != "region":
        regional = _figures(catalogue, authority, authority.region)
    return PeerSummary(
        band=authority.band,
        kind=peer_kind(authority.kind),
        region=regional,
        national=_figures(catalogue, authority, None),
    )


def similar_authorities(
    catalogue: Catalogue,
    authority: Authority,
    themes: frozenset[str] = frozenset(),
    limit: int = 8,
) -> list[PeerScore]:
    """Peers that act abroad, closest first: same département or région, countries and themes
    in common, then size. ``themes`` adds the themes the authority cares about (its mandate
    priorities) to those of its own actions."""
    own_countries = catalogue.countries_of(authority.id)
    wanted_themes = catalogue.themes_of(authority.id) | themes
    band = authority.band
    # Scores first (plain arithmetic over the whole band), reasons only for the peers kept.
    scored: list[tuple[float, str, int]] = []
    for aid in catalogue.active_in_band(authority.kind, band):
        if aid == authority.id:
            continue
        other = catalogue.authorities[aid]
        # The weights of ``_reasons``, added in the same order.
        score = 0.0
        if authority.departement and other.departement == authority.departement:
            score += SAME_DEPARTEMENT
        elif authority.region and other.region == authority.region:
            score += SAME_REGION
        if own_countries:
            score += PER_COUNTRY * min(len(own_countries & catalogue.countries_of(aid)), 3)
        if wanted_themes:
            score += PER_THEME * min(len(wanted_themes & catalogue.themes_of(aid)), 3)
        closeness = 0.0
        if authority.population and other.population:
            closeness = -abs(math.log10(other.population / authority.population))
        scored.append((score + closeness, other.name, aid))
    kept = heapq.nsmallest(limit, scored, key=lambda s: (-s[0], s[1]))
    out = []
    for score, _name, aid in kept:
        other = catalogue.authorities[aid]
        found = _reasons(authority, other, band, own_countries, wanted_themes, catalogue)
        countries, their_themes = catalogue.countries_of(aid), catalogue.themes_of(aid)
        out.append(PeerScore(other, score, tuple(found), countries, their_themes))
    return out


def _reasons(authority: Authority, other: Authority, band: Band | None,
             own_countries: frozenset[str], wanted_themes: frozenset[str],
             catalogue: Catalogue) -> list[Reason]:  # fmt: skip
    """The facts that make ``other`` like ``authority``, heaviest kinds first."""
    found: list[Reason] = []
    if authority.departement and other.departement == authority.departement:
        params: dict[str, object] = {"departement": other.departement}
        found.append(Reason(R.SAME_DEPARTEMENT, params, SAME_DEPARTEMENT))
    elif authority.region and other.region == authority.region:
        found.append(Reason(R.SAME_REGION, {"region": other.region}, SAME_REGION))
    if own_countries:
        shared = sorted(own_countries & catalogue.countries_of(other.id))
        if shared:
            weight = PER_COUNTRY * min(len(shared), 3)
            found.append(
                Reason(R.SHARED_COUNTRIES, {"count": len(shared), "countries": shared}, weight)
            )
    if wanted_themes:
        common = sorted(wanted_themes & catalogue.themes_of(other.id))
        if common:
            weight = PER_THEME * min(len(common), 3)
            found.append(Reason(R.SHARED_THEMES, {"count": len(common), "themes": common}, weight))
    if band is not None:
        found.append(Reason(R.SAME_BAND, {"band": band.to_json()}, 0.0))
    return found
