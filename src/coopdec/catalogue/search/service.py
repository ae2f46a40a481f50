"""The search use case: a ``SearchQuery`` in, a ``SearchResult`` out (web, API and CLI).

1. the query words become index terms (``text``), the last one expanded as a prefix; in
   English (the reader's language) a word also matches its English stem;
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
from django.utils import timezone

from coopdec.catalogue.search import engine, memory, text
from coopdec.catalogue.search.engine import IntArray
from coopdec.catalogue.search.labels import Labels, english
from coopdec.catalogue.search.query import DIMENSIONS, SearchQuery
from coopdec.catalogue.search.results import FacetValue, Hit, Labelled, SearchResult

_labels: tuple[str, str, Labels] | None = None
_labels_lock = threading.Lock()


def labels(index: memory.MemoryIndex) -> Labels:
    """Reference labels, read again when the index is loaded in full (reference tables
    change with imports, which rebuild the index). A diff keeps them and forgets only the
    French authorities' names, read again on demand: reading every table again at each
    publication cost each search that followed it as much as the search itself."""
    global _labels
    key = f"{connection.vendor}:{index.lineage}"
    cached = _labels
    if cached is None or cached[0] != key:
        with _labels_lock:
            cached = (key, index.state.token, Labels())
            _labels = cached
    elif cached[1] != index.state.token:
        fresh = cached[2].with_new_authority_names()
        cached = (key, index.state.token, fresh)
        _labels = cached
    return cached[2]


def expand(index: memory.MemoryIndex, word: text.QueryWord) -> list[str]:
    """The terms a query word matches: its own, and for a prefix those of longer words."""
    terms = word.terms
    if word.prefix:
        terms += [t for t in index.vocabulary.expand(word.word) if t not in terms]
    return terms


# (vendor, index token, day) -> slots of the calls for partners closed that day; any change
# to the catalogue moves the token, so a new or changed call is seen at once.
_closed: tuple[tuple[str, str, Any], IntArray] | None = None
_OPEN, _CLOSED = 2, 1  # stored values of the "open" dimension (labels.py)


def closed_calls(index: memory.MemoryIndex) -> IntArray:
    """Slots of the calls for partners indexed as open whose closing date has passed: they
    read as closed from the next day on, at query time (docs/contributing-data.md)."""
    global _closed
    today = timezone.localdate()
    key = (connection.vendor, index.state.token, today)
    cached = _closed
    if cached is not None and cached[0] == key:
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.id FROM catalogue_project p JOIN search_document d "
            "ON d.kind = 'project' AND d.object_id = p.id "
            "WHERE p.call_closes_on < %s AND p.open_to_new_members",
            [today],
        )
        slots = np.asarray(sorted(row[0] - index.base for row in cursor.fetchall()), np.int64)
    slots = slots[slots >= 0]
    _closed = (key, slots)
    return slots


def search(query: SearchQuery) -> SearchResult:
    index = memory.current()
    names = labels(index)
    words = text.parse_text(query.text, english=english())
    request = _request(query, index, names, words)
    filters = request.filters
    outcome = engine.execute(index.store, request, DIMENSIONS)
    closed = set(request.overrides["open"][0].tolist()) if "open" in request.overrides else set()
    return SearchResult(
        query=query,
        total=outcome.total,
        results=_hits(outcome.slots, outcome.scores, names, english(), closed, index.base),
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
    words = text.parse_text(query.text, english=english())
    request = _request(query, index, labels(index), words)
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
            for document_id, object_id in cursor.fetchall():
                slot = document_id - index.base
                if 0 <= slot < len(selected) and selected[slot]:
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
    closed = closed_calls(index)
    return engine.Request(
        overrides={"open": (closed, _OPEN, _CLOSED)} if len(closed) else {},
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
    slots: list[int],
    scores: list[float | None],
    names: Labels,
    in_english: bool,
    closed: set[int] | frozenset[int] = frozenset(),
    base: int = 0,
) -> list[Hit]:
    """The hits at these slots (document ids less ``base``), read from the documents."""
    if not slots:
        return []
    marks = ", ".join(["%s"] * len(slots))
    columns = "id, kind, object_id, title, summary, start_year, end_year, payload"
    sql = f"SELECT {columns} FROM search_document WHERE id IN ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [slot + base for slot in slots])
        rows = {row[0] - base: row for row in cursor.fetchall()}
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
                open_to_new_members=bool(data["open"]) and slot not in closed,
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
                example=bool(data.get("example")),  # absent from documents indexed before it
            )
        )
    return hits


def _json(raw: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(raw)
    return loaded
