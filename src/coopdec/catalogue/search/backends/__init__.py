"""The two search backends, one per database vendor, behind one small interface.

A backend only answers "which documents hold this term, in the title and elsewhere", the
raw reference query of the benchmark, and how a full rebuild replaces the documents; ranking,
filters and facets are shared (``engine``), so both backends return the same results for the
same data.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from django.db import connection

Cursor = Any


class Backend(Protocol):
    name: str

    def install(self, cursor: Cursor) -> None:
        """Create the text index (migration)."""

    def uninstall(self, cursor: Cursor) -> None:
        """Drop it (migration rollback)."""

    def postings(self, cursor: Cursor, term: str) -> tuple[str, str]:
        """Comma-separated ids of the documents holding ``term`` in the title, then elsewhere."""

    def raw_search(self, cursor: Cursor, terms: list[tuple[str, bool]], limit: int) -> list[int]:
        """The engine's own ranked query: (term, is_prefix) ANDed, best ``limit`` ids."""

    def replacing(self) -> AbstractContextManager[str]:
        """Within a full rebuild's transaction: the name of an empty document table to fill;
        when the block ends it holds the documents, text index included, under the name
        ``search_document`` (readers see the old documents until the commit)."""

    def title_order_sql(self) -> str:
        """Ids of live documents in title order (byte order, the same on both engines)."""


def get_backend(vendor: str | None = None) -> Backend:
    vendor = vendor or connection.vendor
    if vendor == "sqlite":
        from coopdec.catalogue.search.backends.sqlite import SqliteBackend

        return SqliteBackend()
    if vendor == "postgresql":
        from coopdec.catalogue.search.backends.postgresql import PostgresqlBackend

        return PostgresqlBackend()
    raise NotImplementedError(f"pas de moteur de recherche pour la base « {vendor} »")


def parse_ids(joined: str | None) -> npt.NDArray[np.int32]:
    """``"3,5,9"`` -> int32 array (the fastest way to get many ids out of either engine)."""
    if not joined:
        return np.zeros(0, np.int32)
    return np.array(joined.split(","), dtype=np.int64).astype(np.int32)
