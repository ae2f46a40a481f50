"""Tables read from the catalogue, kept per search-index generation (one policy for all).

The search index moves to a new generation after any import or edit of the catalogue
(``catalogue_changed`` -> ``catalogue.search.refresh_index`` / ``rebuild_index``), in the same
transaction as the change. A table built from the catalogue is therefore right as long as the
generation it was built under is the current one: ``per_index_generation`` reads the
generation token (one indexed read of one row) and builds the table afresh (never patched)
when it changed, so nothing outlives the records it was read from. The web layer's small
tables (``coopdec.web.caches``) and the diagnostic's view of the whole catalogue
(``coopdec.diagnostic.snapshot``) both use it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from coopdec.catalogue.search.memory import read_state

T = TypeVar("T")


def index_generation() -> str:
    """The search index's current generation token (one indexed read of one row)."""
    return read_state().token


class PerIndexGeneration(Generic[T]):
    """``build()`` once per search-index generation; call the object for the table."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._made: dict[str, T] = {}
        # One build at a time: threads of a server asking at once wait for the first one's
        # table instead of each building their own (the diagnostic's takes seconds).
        self._lock = threading.Lock()
        self.__doc__ = build.__doc__
        self.__wrapped__ = build

    def __call__(self) -> T:
        generation = index_generation()
        try:
            return self._made[generation]
        except KeyError:
            pass
        with self._lock:
            if generation not in self._made:
                self._made.clear()
                self._made[generation] = self._build()
            return self._made[generation]

    def forget(self) -> None:
        """Drop the table: the next call builds it (tests that change the catalogue tables
        directly, without moving the index)."""
        with self._lock:
            self._made.clear()


def per_index_generation(build: Callable[[], T]) -> PerIndexGeneration[T]:
    """``build()`` once per search-index generation: for tables read from the catalogue,
    which change only when the index does."""
    return PerIndexGeneration(build)
