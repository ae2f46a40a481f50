"""The baselines the offline evaluation compares the country scores with."""

from __future__ import annotations

from .countries import HOME
from .model import Authority, Catalogue


def popularity_ranking(catalogue: Catalogue, authority: Authority) -> list[str]:
    """Countries most frequent among the authorities of its kind, those it knows left out."""
    known = catalogue.countries_of(authority.id) | {HOME}
    counts = catalogue.kind_counts(authority.kind)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [country for country, _n in ranked if country not in known]


def random_recall(candidates: int, k: int) -> float:
    """Expected recall@k of a uniformly random ranking of ``candidates`` countries, one of
    which is the right one (exact expectation, no sampling noise)."""
    if candidates <= 0:
        return 0.0
    return min(k, candidates) / candidates
