"""The search use case: a ``SearchQuery`` in, a ``SearchResult`` out (web, API and CLI).

1. the query words become index terms (``text``), the last one expanded as a prefix;
2. the backend (FTS5 or PostgreSQL) gives each term's documents, cached per process;
3. the engine ranks, filters, counts facets and picks the page on the column store;
4. the page's documents are read back from the table (one query) and labelled.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from typing import Any

import numpy as np
from django.db import connection

from coopdec.catalogue.search import engine, memory, text
from coopdec.catalogue.search.labels import Labels, english
from coopdec.catalogue.search.query import DIMENSIONS, SearchQuery
from coopdec.catalogue.search.results import FacetValue, Hit, Labelled, SearchResult

_labels: tuple[str, Labels] | None = None
_labels_lock = threading.Lock()


def labels(index: memory.MemoryIndex) -> Labels:
    """Reference labels, read again when the index generation changes."""
    global _labels
    key = f"{connection.vendor}:{index.state.token}"
    cached = _labels
    if cached is None or cached[0] != key:
        with _labels_lock:
            cached = (key, Labels())
            _labels = cached
    return cached[1]


def expand(index: memory.MemoryIndex, word: text.QueryWord) -> list[str]:
    """The terms a query word matches: its own, and for a prefix those of longer words."""
    terms = [word.term]
    if word.prefix:
        terms += [t for t in index.vocabulary.expand(word.word) if t != word.term]
    return terms


def search(query: SearchQuery) -> SearchResult:
    index = memory.current()
    names = labels(index)
    words = text.parse_text(query.text)
    request = _request(query, index, names, words)
    filters = request.filters
    outcome = engine.execute(index.store, request, DIMENSIONS)
    return SearchResult(
        query=query,
        total=outcome.total,
        results=_hits(outcome.slots, outcome.scores, names, english()),
        facets=_facets(query, outcome, names, filters),
        words=[w.word for w in words],
    )


def matching(query: SearchQuery, records: Iterable[tuple[str, int]]) -> set[tuple[str, int]]:
    """Which of these records (``("project" | "partnership", id)``) the query selects.

    Raises ``QueryError`` as ``search`` does. Records not (yet) in the index never match."""
    wanted = set(records)
    if not wanted:
        return set()
    index = memory.current()
    request = _request(query, index, labels(index), text.parse_text(query.text))
    selected = engine.select(index.store, request)
    found: set[tuple[str, int]] = set()
    with connection.cursor() as cursor:
        for kind in sorted({kind for kind, _ in wanted}):
            ids = sorted(object_id for k, object_id in wanted if k == kind)
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(
                f"SELECT id, object_id FROM search_document "  # noqa: S608
                f"WHERE kind = %s AND object_id IN ({marks})",
                [kind, *ids],
            )
            for slot, object_id in cursor.fetchall():
                if slot < len(selected) and selected[slot]:
                    found.add((kind, object_id))
    return found


def _request(
    query: SearchQuery, index: memory.MemoryIndex, names: Labels, words: list[text.QueryWord]
) -> engine.Request:
    """The engine's request for a query: index terms of the words, stored filter values."""
    filters = {
        name: np.asarray(names.stored(name, values), np.int32)
        for name, values in query.filters().items()
        if name != "year"
    }
    postings = [[index.postings(t) for t in expand(index, word)] for word in words]
    return engine.Request(
        words=postings or None,
        filters=filters,
        year_from=query.year_from,
        year_to=query.year_to,
        sort=query.sort,
        offset=query.offset,
        limit=query.page_size,
    )


def _facets(
    query: SearchQuery,
    outcome: engine.Outcome,
    names: Labels,
    filters: dict[str, np.ndarray[Any, Any]],
) -> dict[str, list[FacetValue]]:
    """The ``facet_limit`` most frequent values of each dimension, plus the selected ones."""
    in_english = english()
    out: dict[str, list[FacetValue]] = {}
    for name in DIMENSIONS:
        values, counts = outcome.facets.get(name, (np.zeros(0), np.zeros(0)))
        chosen = filters.get(name)
        if chosen is not None and len(values) > query.facet_limit:
            extra = np.flatnonzero(np.isin(values[query.facet_limit :], chosen))
            picked = np.concatenate([np.arange(query.facet_limit), extra + query.facet_limit])
            stored, numbers = values[picked].tolist(), counts[picked].tolist()
        else:
            stored = values[: query.facet_limit].tolist()
            numbers = counts[: query.facet_limit].tolist()
        label_of = names.labels(name, stored, english=in_english)
        selected = set(chosen.tolist()) if chosen is not None else set()
        facet = [
            FacetValue(names.value(name, v), label_of.get(v, str(v)), c, v in selected)
            for v, c in zip(stored, numbers, strict=True)
        ]
        missing = selected - set(stored)
        facet += [
            FacetValue(names.value(name, v), names.labels(name, [v], english=in_english).get(v, ""),
                       0, True)
            for v in sorted(missing)
        ]  # fmt: skip
        out[name] = facet
    return out


def _hits(
    slots: list[int], scores: list[float | None], names: Labels, in_english: bool
) -> list[Hit]:
    if not slots:
        return []
    marks = ", ".join(["%s"] * len(slots))
    columns = "id, kind, object_id, title, summary, start_year, end_year, payload"
    sql = f"SELECT {columns} FROM search_document WHERE id IN ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, slots)
        rows = {row[0]: row for row in cursor.fetchall()}
    hits = []
    for slot, score in zip(slots, scores, strict=True):
        if slot not in rows:
            # A full rebuild (an import) committed after this process's index matched the
            # slot: the document is gone until the next build replaces that index. Measured
            # under load on PostgreSQL: HTTP 500 (KeyError) otherwise (docs/benchmarks.md).
            continue
        _, kind, object_id, title, summary, start, end, payload = rows[slot]
        data: dict[str, Any] = payload if isinstance(payload, dict) else _json(payload)
        hits.append(
            Hit(
                type=kind,
                id=object_id,
                title=title,
                summary=summary,
                start_year=start,
                end_year=end,
                status=Labelled(
                    data["status"], names.label("status", data["status"], english=in_english)
                ),
                relation_type=Labelled(
                    data["relation_type"],
                    names.label("relation_type", data["relation_type"], english=in_english),
                ),
                open_to_new_members=bool(data["open"]),
                themes=[
                    Labelled(c, names.label("theme", c, english=in_english)) for c in data["themes"]
                ],
                countries=[
                    Labelled(c, names.label("country", c, english=in_english))
                    for c in data["countries"]
                ],
                french_authorities=[Labelled(str(i), n) for i, n in data["authorities"]],
                foreign_authorities=list(data["foreign"]),
                score=round(score, 4) if score is not None else None,
            )
        )
    return hits


def _json(raw: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(raw)
    return loaded
