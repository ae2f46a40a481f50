"""Countries to consider: a score per country, as the sum of facts each stated as a reason.

The facts, for an authority and a country where it does not act yet:

- its peers (same kind and size band) in its région, and nationwide, that act there;
- the authorities that cover it (EPCI, EPT, département, région) and already have a partner
  there, named ("votre département a déjà un partenariat avec Thiès");
- the authorities it covers (for an EPCI, a département, a région) that act there;
- the authorities of its own département that act there (neighbours);
- co-occurrence: the share of authorities working with a country it already knows that also
  work with this one;
- its themes (own actions and mandate priorities) in its peers' actions there;
- how common the country is for its kind (the popularity baseline, kept as a small prior).

Each weight below multiplies a share between 0 and 1, so a reason's weight is its part of the
score. The weights were set on the offline evaluation (benchmarks/eval_recommendations.py,
figures in docs/benchmarks.md), not guessed.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from . import reasons as R
from .bands import peer_kind
from .model import PARTNERS_SHOWN, Authority, Catalogue
from .reasons import Reason

WEIGHTS: dict[str, float] = {
    R.PEERS_IN_REGION: 1.0,
    R.PEERS_NATIONWIDE: 4.0,
    R.COVERING_LINK: 0.25,  # costs a little recall, but it is the first fact an official asks
    R.COVERED_LINKS: 0.25,
    R.NEIGHBOURS: 6.0,  # 2.0 then 6.0 and région peers 0.25 then 1.0: tuned on seed 1, not 17
    R.CO_OCCURRENCE: 1.0,
    R.THEMES_THERE: 4.0,
    R.KIND_POPULARITY: 1.0,
}
HOME = "FR"


@dataclass(frozen=True)
class CountryScore:
    country: str  # ISO alpha-2
    score: float
    reasons: tuple[Reason, ...]  # heaviest first
    partners: tuple[tuple[str, str], ...] = ()  # (partner name, who works with it) to consider

    def to_json(self) -> dict[str, object]:
        return {
            "country": self.country,
            "score": round(self.score, 4),
            "reasons": [r.to_json() for r in self.reasons],
            "partners": [{"name": n, "with": w} for n, w in self.partners],
        }


class _Scores:
    """Reasons gathered per country, then summed; a reason is written out (a
    :class:`Reason`) only for the countries kept."""

    def __init__(self, weights: Mapping[str, float], known: frozenset[str]) -> None:
        self.weights = weights
        self.known = known | {HOME}
        # country -> [(code, params, weight)]: hundreds of countries are scored, ten are kept.
        self.reasons: dict[str, list[tuple[str, dict[str, object], float]]] = defaultdict(list)
        self.partners: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def add(self, code: str, country: str, share: float, params: dict[str, object]) -> None:
        weight = self.weights.get(code, 0.0) * share
        if country in self.known or weight <= 0:
            return
        self.reasons[country].append((code, params, weight))

    def result(self, limit: int) -> list[CountryScore]:
        totals = [(sum(r[2] for r in found), country) for country, found in self.reasons.items()]
        kept = heapq.nsmallest(limit, totals, key=lambda t: (-t[0], t[1]))
        return [
            CountryScore(
                country,
                score,
                tuple(
                    Reason(code, {**params, "country": country}, weight)
                    for code, params, weight in sorted(self.reasons[country], key=lambda r: -r[2])
                ),
                tuple(dict.fromkeys(self.partners.get(country, ())))[:PARTNERS_SHOWN],
            )
            for score, country in kept
        ]


def _peer_facts(scores: _Scores, catalogue: Catalogue, authority: Authority,
                themes: frozenset[str]) -> None:  # fmt: skip
    band_json = authority.band.to_json() if authority.band else None
    scopes = [(R.PEERS_IN_REGION, catalogue.peer_group(authority, authority.region))]
    if not authority.region:
        scopes = []
    scopes.append((R.PEERS_NATIONWIDE, catalogue.peer_group(authority)))
    for scope, group in scopes:
        for country, n in group.countries.items():
            params: dict[str, object] = {"count": n, "active": group.size, "band": band_json}
            if scope == R.PEERS_IN_REGION:
                params["region"] = authority.region
            scores.add(scope, country, n / group.size, params)
    if not themes:
        return
    on_themes: Counter[str] = Counter()
    matched: dict[str, set[str]] = defaultdict(set)
    for action_themes, per_country in catalogue.peer_signatures(authority).items():
        common = action_themes & themes
        if common:
            for country, n in per_country.items():
                on_themes[country] += n
                matched[country] |= common
    top = max(on_themes.values(), default=0)
    for country, n in on_themes.items():
        params = {"count": n, "themes": sorted(matched[country]), "band": band_json}
        scores.add(R.THEMES_THERE, country, n / top, params)


def _territory_facts(scores: _Scores, catalogue: Catalogue, authority: Authority) -> None:
    parents = [p for p in catalogue.covering.get(authority.id, ()) if catalogue.countries_of(p)]
    for parent_id in parents:
        parent = catalogue.authorities[parent_id]
        for country, (names, key) in catalogue.partners_by_country(parent_id).items():
            scores.partners[country] += [(name, parent.name) for name in names]
            params: dict[str, object] = {
                "authority": parent.name,
                "authority_kind": parent.kind,
                "partner": names[0],
                "action": key,
            }
            scores.add(R.COVERING_LINK, country, 1 / len(parents), params)
    # Inside it (for an EPCI, a département, a région) or beside it (same département).
    inside = catalogue.covered_counts(authority.id)
    if inside.size:
        _count_facts(scores, inside.countries, inside.size, R.COVERED_LINKS, {})
    if authority.departement and peer_kind(authority.kind) in {"commune", "epci", "ept"}:
        departement = catalogue.by_code.get(("departement", authority.departement))
        around = catalogue.covered_counts(departement or -1)
        size, counts = around.size, around.countries
        mine = catalogue.countries_of(authority.id)
        if mine and departement in catalogue.covering.get(authority.id, ()):
            size, counts = size - 1, counts - Counter(mine)  # the others of its département
        if size:
            params = {"departement": authority.departement}
            _count_facts(scores, counts, size, R.NEIGHBOURS, params)


def _count_facts(scores: _Scores, counts: Counter[str], size: int, code: str,
                 params: dict[str, object]) -> None:  # fmt: skip
    for country, n in counts.items():
        scores.add(code, country, n / size, {**params, "count": n, "active": size})


def _co_occurrence(scores: _Scores, catalogue: Catalogue, authority: Authority,
                   known: frozenset[str]) -> None:  # fmt: skip
    """For each country it knows, the share of the other authorities acting there that also
    act in a given country; the best share over its countries is the fact kept."""
    pairs = catalogue.pairs()
    best: dict[str, tuple[float, str]] = {}
    for country in sorted(known):
        # The authority itself counts in its own countries' pairs only: never in a pair with a
        # country it does not know, which are the only ones scored.
        others = len(catalogue.acting_in(country)) - 1
        if others <= 0:
            continue
        for other, n in pairs.get(country, {}).items():
            if other in known:
                continue
            share = n / others
            # Below one in a hundred, the fact would read "0 %": not a reason.
            if share >= 0.01 and share > best.get(other, (0.0, ""))[0]:
                best[other] = (share, country)
    for other, (share, via) in best.items():
        params = {"percent": round(100 * share), "known": via}
        scores.add(R.CO_OCCURRENCE, other, share, params)


def recommend_countries(
    catalogue: Catalogue,
    authority: Authority,
    themes: frozenset[str] = frozenset(),
    limit: int = 10,
    weights: Mapping[str, float] = WEIGHTS,
    avoid: frozenset[str] = frozenset(),
) -> list[CountryScore]:
    """The countries where the authority does not act yet, best first, each with its reasons.

    ``themes`` are the authority's mandate priorities (theme codes) added to the themes of its
    own actions; ``avoid`` are countries never to recommend (partner restrictions)."""
    known = catalogue.countries_of(authority.id)
    scores = _Scores(weights, known | avoid)
    _peer_facts(scores, catalogue, authority, themes | catalogue.themes_of(authority.id))
    _territory_facts(scores, catalogue, authority)
    _co_occurrence(scores, catalogue, authority, known)
    counts = catalogue.kind_counts(authority.kind)
    active = max(1, len(catalogue.active(authority.kind)))
    for country, n in counts.items():
        own = 1 if country in known else 0  # never counts itself
        scores.add(R.KIND_POPULARITY, country, (n - own) / active, {"count": n - own})
    return scores.result(limit)
