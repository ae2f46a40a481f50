"""Catalogue search: one service for the web pages, the API and the CLI.

Public interface::

    from coopdec.catalogue.search import SearchQuery, SearchResult, QueryError, search

    query = SearchQuery.from_params(request.GET.lists())   # raises QueryError (French message)
    result: SearchResult = search(query)
    result.total, result.results (list[Hit]), result.facets (dict[str, list[FacetValue]])
    result.to_dict()                                        # the JSON of GET /api/v1/search

    rebuild_index()                 # full rebuild (imports, ``coopdec init``)
    refresh_index(partnerships={..}, projects={..})   # incremental (``catalogue_changed``)

Filters (``SearchQuery`` attributes / request parameters): types/type, themes/theme (Theme.code),
sdgs/sdg (goal number), countries/country (ISO alpha-2), zones/zone, authorities/authority
(FrenchAuthority.id), authority_kinds/authority_kind, regions/region (code),
departements/departement (code), relation_types/relation_type, statuses/status,
open_to_new_members/open, example/example (flagged as good practice), year_from, year_to;
sort (relevance, title, -title, start_year, -start_year), page, page_size. Facets are keyed by
the same names (``DIMENSIONS``), each counted on the result set filtered by every *other*
dimension (multi-select facets).

This package is also the Django app ``coopdec.catalogue.search`` (label ``search``) that owns
the index tables; the modules with no Django import are ``query``, ``results``, ``text`` and
``engine``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopdec.catalogue.search.query import DIMENSIONS, SORTS, QueryError, SearchQuery
from coopdec.catalogue.search.results import FacetValue, Hit, Labelled, SearchResult

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "DIMENSIONS",
    "SORTS",
    "FacetValue",
    "Hit",
    "Labelled",
    "QueryError",
    "SearchQuery",
    "SearchResult",
    "matching",
    "rebuild_index",
    "refresh_index",
    "search",
]


def search(query: SearchQuery) -> SearchResult:
    """Run a search on the catalogue index (SQLite FTS5 or PostgreSQL, by database vendor)."""
    from coopdec.catalogue.search import service

    return service.search(query)


def matching(query: SearchQuery, records: Iterable[tuple[str, int]]) -> set[tuple[str, int]]:
    """Which of these records (``("project" | "partnership", id)``) the query selects."""
    from coopdec.catalogue.search import service

    return service.matching(query, records)


def rebuild_index(on_progress: Callable[[int], None] = lambda n: None) -> int:
    """Rebuild the whole index from the catalogue tables; returns the number of documents.
    ``on_progress(n)``: after each chunk of ``n`` documents written (in the transaction)."""
    from coopdec.catalogue.search import indexer

    return indexer.rebuild_index(on_progress)


def refresh_index(*, partnerships: Iterable[int] = (), projects: Iterable[int] = ()) -> None:
    """Re-index these records (removing those that no longer exist)."""
    from coopdec.catalogue.search import indexer

    indexer.refresh_index(partnerships=set(partnerships), projects=set(projects))
