"""Peers: the authorities of the same kind and size band, in the région and nationwide.

``peer_summary`` says how many there are, how many act abroad at all and where; the figures
behind "12 communes de votre taille en Bretagne travaillent au Sénégal".
``similar_authorities`` ranks the peers that act, each with the facts that make it similar.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from . import reasons as R
from .bands import Band, peer_kind
from .model import Authority, Catalogue
from .reasons import Reason

TOP = 10  # countries and themes listed per scope


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
    countries: Counter[str] = Counter()
    themes: Counter[str] = Counter()
    active = 0
    for aid in catalogue.active_in_band(authority.kind, authority.band):
        other = catalogue.authorities[aid]
        if aid == authority.id or (region is not None and other.region != region):
            continue
        active += 1
        countries.update(catalogue.countries_of(aid))
        themes.update(catalogue.themes_of(aid))
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
    scored: list[PeerScore] = []
    for aid in catalogue.active_in_band(authority.kind, band):
        other = catalogue.authorities[aid]
        if aid == authority.id:
            continue
        countries, their_themes = catalogue.countries_of(aid), catalogue.themes_of(aid)
        found: list[Reason] = []
        if authority.departement and other.departement == authority.departement:
            found.append(Reason(R.SAME_DEPARTEMENT, {"departement": other.departement}, 3.0))
        elif authority.region and other.region == authority.region:
            found.append(Reason(R.SAME_REGION, {"region": other.region}, 1.5))
        shared = sorted(own_countries & countries)
        if shared:
            weight = 2.0 * min(len(shared), 3)
            found.append(
                Reason(R.SHARED_COUNTRIES, {"count": len(shared), "countries": shared}, weight)
            )
        common = sorted(wanted_themes & their_themes)
        if common:
            weight = 1.0 * min(len(common), 3)
            found.append(Reason(R.SHARED_THEMES, {"count": len(common), "themes": common}, weight))
        if band is not None:
            found.append(Reason(R.SAME_BAND, {"band": band.to_json()}, 0.0))
        closeness = 0.0
        if authority.population and other.population:
            closeness = -abs(math.log10(other.population / authority.population))
        score = sum(r.weight for r in found) + closeness
        scored.append(PeerScore(other, score, tuple(found), countries, their_themes))
    scored.sort(key=lambda p: (-p.score, p.authority.name))
    return scored[:limit]
