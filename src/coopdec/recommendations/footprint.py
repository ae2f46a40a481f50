"""An authority's footprint as figures: its actions in listing order, by country, by theme.

Computed once per authority when the catalogue view is built (``Catalogue.warm``): a région
or a large city has thousands of actions, and sorting and grouping them on every diagnostic
was most of its cost. Codes only (no names): the service layer names them in the reader's
language.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Action


@dataclass(frozen=True, slots=True)
class CountryFigures:
    """The authority's actions in one country."""

    country: str  # ISO alpha-2
    actions: int
    first_year: int | None  # earliest start year known
    last_year: int | None  # latest end (or start) year known
    themes: tuple[str, ...]  # theme codes of those actions, sorted


@dataclass(frozen=True, slots=True)
class Footprint:
    """``own``: its actions, latest start first, then by title; ``by_country``: most actions
    first, then by country code; ``by_theme``: (theme code, actions), most first."""

    own: tuple[Action, ...]
    by_country: tuple[CountryFigures, ...]
    by_theme: tuple[tuple[str, int], ...]


def footprint(actions: Iterable[Action]) -> Footprint:
    """The figures of these actions (an authority's own)."""
    own = tuple(sorted(actions, key=lambda a: (-(a.start_year or 0), a.title)))
    if not own:
        return Footprint((), (), ())
    per_country: dict[str, list[Action]] = defaultdict(list)
    theme_counts: Counter[str] = Counter()
    for action in own:
        for country in action.countries:
            per_country[country].append(action)
        theme_counts.update(action.themes)
    by_country = tuple(
        CountryFigures(
            country=c,
            actions=len(found),
            first_year=min((a.start_year for a in found if a.start_year), default=None),
            last_year=max((a.end_year or a.start_year or 0 for a in found), default=0) or None,
            themes=tuple(sorted({t for a in found for t in a.themes})),
        )
        for c, found in sorted(per_country.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )
    by_theme = tuple(sorted(theme_counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return Footprint(own, by_country, by_theme)
