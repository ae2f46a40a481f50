"""The web layer's caches, with their two invalidation policies (and no other).

- ``per_language``: tables of fixed words, built once per active language. The words come
  from the process's compiled translations, which do not change while it runs.
- ``per_index_generation``: tables read from the catalogue (an authority's page address,
  say), built again when the search index moves to a new generation, i.e. after any import
  or edit of the catalogue (``catalogue.search.refresh_index`` / ``rebuild_index``). The
  policy is the catalogue's (``coopdec.catalogue.caches``, which the diagnostic's snapshot
  uses too); it is re-exported here so that the web layer names its caches in one place.

Escaping is the template engine's (``catalogue_templates``); nothing here holds HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.utils.translation import get_language

from coopdec.catalogue.caches import index_generation, per_index_generation

T = TypeVar("T")

__all__ = ["index_generation", "per_index_generation", "per_language"]


def per_language(build: Callable[[], T]) -> Callable[[], T]:
    """``build()`` once per active language: for tables of translated fixed words."""
    made: dict[str, T] = {}

    def get() -> T:
        language = get_language() or ""
        try:
            return made[language]
        except KeyError:
            value = made[language] = build()
            return value

    get.__doc__ = build.__doc__
    get.__wrapped__ = build  # type: ignore[attr-defined]
    return get
