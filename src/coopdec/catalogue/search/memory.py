"""The per-process part of the index: the column store, the vocabulary, a postings cache.

Each process (each gunicorn worker) keeps one ``MemoryIndex`` and checks, before every
search, the generation row of the database (one indexed read). When another process changed
the index it applies the last change if it had seen the one before (documents of the new
generation only), or reloads everything otherwise. Term postings fetched from FTS5 or
PostgreSQL are kept in a least-recently-used cache bounded in bytes
(``COOPDEC_SEARCH_CACHE_MB``, 256 by default) and dropped on any change.
"""

from __future__ import annotations

import bisect
import copy
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from coopdec.catalogue.search.backends import Backend, get_backend, parse_ids
from coopdec.catalogue.search.documents import ENCODED
from coopdec.catalogue.search.engine import Postings, Store

_FETCH = 20_000
MAX_EXPANSIONS = 50  # terms a type-ahead prefix may expand to (the most frequent words first)


@dataclass(frozen=True)
class State:
    generation: int
    token: str
    previous_token: str


@dataclass
class Vocabulary:
    words: list[str] = field(default_factory=list)  # sorted
    terms: list[str] = field(default_factory=list)
    df: list[int] = field(default_factory=list)

    def expand(self, prefix: str, limit: int = MAX_EXPANSIONS) -> list[str]:
        """Terms of the indexed words that start with ``prefix``, most frequent first."""
        start = bisect.bisect_left(self.words, prefix)
        end = bisect.bisect_left(self.words, prefix + "\U0010ffff", lo=start)
        candidates = sorted(range(start, end), key=lambda i: (-self.df[i], self.words[i]))
        out: list[str] = []
        for index in candidates:
            if self.terms[index] not in out:
                out.append(self.terms[index])
            if len(out) >= limit:
                break
        return out


class PostingsCache:
    def __init__(self, budget_bytes: int) -> None:
        self.budget = budget_bytes
        self.used = 0
        self.entries: OrderedDict[str, Postings] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, term: str) -> Postings | None:
        with self.lock:
            found = self.entries.get(term)
            if found is not None:
                self.entries.move_to_end(term)
            return found

    def put(self, term: str, postings: Postings) -> None:
        with self.lock:
            if term in self.entries or postings.nbytes > self.budget:
                return
            self.entries[term] = postings
            self.used += postings.nbytes
            while self.used > self.budget:
                _, dropped = self.entries.popitem(last=False)
                self.used -= dropped.nbytes


class MemoryIndex:
    def __init__(self, backend: Backend, state: State) -> None:
        self.backend = backend
        self.state = state
        self.store = Store()
        self.vocabulary = Vocabulary()
        megabytes = int(os.environ.get("COOPDEC_SEARCH_CACHE_MB", "256"))
        self.cache = PostingsCache(megabytes * 1024 * 1024)

    def postings(self, term: str) -> Postings:
        found = self.cache.get(term)
        if found is None:
            with connection.cursor() as cursor:
                title, body = self.backend.postings(cursor, term)
            found = Postings(title=parse_ids(title), body=parse_ids(body))
            self.cache.put(term, found)
        return found

    def load(self, *, generation: int | None = None) -> None:
        """Read documents (all, or those of one generation) into the store."""
        sql = "SELECT id, start_year, end_year, values, deleted FROM search_document"
        params: list[int] = []
        if generation is None:
            sql += " WHERE NOT deleted"
        else:
            sql += " WHERE generation = %s"
            params.append(generation)
        sql = sql.replace("values", connection.ops.quote_name("values"), 1)
        # A chunked cursor is server-side on PostgreSQL: a plain psycopg cursor would hold the
        # whole result (1.6 million rows at a million projects) in the client at once.
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql + " ORDER BY id", params)
            while rows := cursor.fetchmany(_FETCH):
                live = [r for r in rows if not r[4]]
                self.store.remove([r[0] for r in rows if r[4]])
                if live:
                    self.store.load_encoded(
                        [r[0] for r in live],
                        [r[1] for r in live],
                        [r[2] for r in live],
                        [bytes(r[3]) for r in live],
                        ENCODED,
                    )
        self.store.title_rank = None
        self.store.whole = {}

    def load_vocabulary(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT word, term, df FROM search_word")
            rows = sorted(cursor.fetchall())
        self.vocabulary = Vocabulary(
            words=[r[0] for r in rows], terms=[r[1] for r in rows], df=[r[2] for r in rows]
        )

    def ensure_title_rank(self) -> None:
        if self.store.title_rank is not None:
            return
        parts = []
        with connection.chunked_cursor() as cursor:  # in chunks, as in ``load``
            cursor.execute(self.backend.title_order_sql())
            while rows := cursor.fetchmany(10 * _FETCH):
                parts.append(np.fromiter((row[0] for row in rows), np.int64, count=len(rows)))
        ids = np.concatenate(parts) if parts else np.zeros(0, np.int64)
        rank = np.full(self.store.capacity, len(ids), np.int32)
        ids = ids[ids < self.store.capacity]
        rank[ids] = np.arange(len(ids), dtype=np.int32)
        self.store.title_rank = rank

    def advanced(self, state: State) -> MemoryIndex:
        """A copy with the last change applied (the store is copied: searches may be running)."""
        other = MemoryIndex.__new__(MemoryIndex)
        other.backend, other.state = self.backend, state
        other.store = copy.deepcopy(self.store)
        other.cache = PostingsCache(self.cache.budget)
        other.load(generation=state.generation)
        other.load_vocabulary()
        return other


_current: MemoryIndex | None = None
_lock = threading.Lock()


def read_state() -> State:
    with connection.cursor() as cursor:
        cursor.execute("SELECT generation, token, previous_token FROM search_state WHERE id = 1")
        row = cursor.fetchone()
    return State(*row) if row else State(0, "", "")


def current() -> MemoryIndex:
    """This process's index, brought up to date with the database."""
    global _current
    state = read_state()
    index = _current
    if (
        index is not None
        and index.state.token == state.token
        and index.backend.name == connection.vendor
    ):
        index.ensure_title_rank()
        return index
    with _lock:
        index = _current
        if index is None or index.backend.name != connection.vendor:
            index = None
        if index is not None and index.state.token == state.token:
            pass
        elif (
            index is not None and state.previous_token and index.state.token == state.previous_token
        ):
            index = index.advanced(state)
        else:
            index = MemoryIndex(get_backend(), state)
            index.load()
            index.load_vocabulary()
        index.ensure_title_rank()
        _current = index
    return index


def reset() -> None:
    """Forget this process's index (tests switch databases)."""
    global _current
    _current = None
