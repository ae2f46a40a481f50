"""The web layer's caches, with their two invalidation policies (and no other).

- ``per_language``: tables of fixed words, built once per active language. The words come
  from the process's compiled translations, which do not change while it runs.
- ``per_index_generation``: tables read from the catalogue (an authority's page address,
  say), built again when the search index moves to a new generation, i.e. after any import
  or edit of the catalogue (``catalogue.search.refresh_index`` / ``rebuild_index``).

Escaping is the template engine's (``catalogue_templates``); nothing here holds HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.utils.translation import get_language

from coopdec.catalogue.search.memory import read_state

T = TypeVar("T")


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


def index_generation() -> str:
    """The search index's current generation token (one indexed read of one row)."""
    return read_state().token


def per_index_generation(build: Callable[[], T]) -> Callable[[], T]:
    """``build()`` once per search-index generation: for tables read from the catalogue,
    which change only when the index does. The table is built afresh (not patched) when
    the generation changes, so that nothing outlives the records it was read from."""
    made: dict[str, T] = {}

    def get() -> T:
        generation = index_generation()
        try:
            return made[generation]
        except KeyError:
            made.clear()
            value = made[generation] = build()
            return value

    get.__doc__ = build.__doc__
    get.__wrapped__ = build  # type: ignore[attr-defined]
    return get
