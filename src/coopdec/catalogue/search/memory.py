"""The per-process part of the index: the column store, the vocabulary, a postings cache.

Each process (each gunicorn worker) keeps one ``MemoryIndex`` and checks the generation row of
the database (one indexed read) before a search, at most every ``CHECK_SECONDS``. When another
process changed the index, it applies the changes it missed (the documents written since its
own generation: each document row carries the generation that wrote it) as long as no full
rebuild happened since, and reloads everything otherwise. That work is done by a background
thread, at most once every ``BUILD_SECONDS``, while searches go on with the index it replaces:
under a stream of publications a search never waits for a reload, and a change is visible in
every process within about ``CHECK_SECONDS + BUILD_SECONDS`` plus the build itself
(docs/benchmarks.md, "Publication → recherche"). A change made by this process (the indexer
calls ``note_local_change``) is applied before its next search: a process reads its own
writes at once. Term postings fetched from FTS5 or
PostgreSQL are kept in a least-recently-used cache bounded in bytes
(``COOPDEC_SEARCH_CACHE_MB``, 256 by default); a full reload empties it.

Slots are document ids less the index's ``base``, the smallest id when it was loaded whole.
Ids are never reused (a server may still hold an old one after a rebuild: it must find no row
rather than another document), so each full rebuild writes ids after the previous ones; a
store sized by the raw ids grew by the whole catalogue at every rebuild (2.5 times the
documents at a million, after two, and every search scans the store end to end).

A diff costs what changed, not the size of the index: the documents and the vocabulary words
written since the process's generation (both carry the generation that wrote them), the
cached postings carried over less the changed documents (the terms those now hold are read
again), the reference labels kept, the title order updated where the changed documents fall
(``title_order``).
"""

from __future__ import annotations

import bisect
import copy
import os
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np
from django.db import connection

from coopdec.catalogue.search import title_order
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
    recent_tokens: str = ""  # tokens of the changes since the last rebuild, oldest first


RECENT = 64  # changes a process may have missed and still apply as a diff


# "background" (servers): check the generation at most every CHECK_SECONDS and build the next
# index in a thread, at most once every BUILD_SECONDS. "sync" (the test suite, where
# rolled-back transactions change the index under the process): check before every search
# and build at once.
def _background() -> bool:
    return os.environ.get("COOPDEC_SEARCH_REFRESH", "background") != "sync"


CHECK_SECONDS = float(os.environ.get("COOPDEC_SEARCH_CHECK_SECONDS", "0.2"))
BUILD_SECONDS = float(os.environ.get("COOPDEC_SEARCH_BUILD_SECONDS", "1.0"))


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

    def updated(self, rows: list[tuple[str, str, int]]) -> Vocabulary:
        """A copy with these (word, term, df) rows added or replaced: a diff writes a few
        words, and sorting the whole vocabulary again cost more than the rest of the diff
        (docs/benchmarks.md). Copied, not changed in place: searches may be reading it."""
        words, terms, df = list(self.words), list(self.terms), list(self.df)
        for word, term, count in sorted(rows):
            at = bisect.bisect_left(words, word)
            if at < len(words) and words[at] == word:
                terms[at], df[at] = term, count
            else:
                words.insert(at, word)
                terms.insert(at, term)
                df.insert(at, count)
        return Vocabulary(words=words, terms=terms, df=df)


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

    def carried(self, changed: np.ndarray[Any, Any], terms: set[str]) -> PostingsCache:
        """A new cache holding this one's entries brought up to date with a diff: the terms
        of the changed documents (``terms``) are dropped and fetched again when asked for;
        every other term lost the changed slots (``changed``), since none of them holds it.

        Keeping the cache matters under a stream of publications: emptied at each diff, every
        search after it asked the database again for each of its terms. Entries put in this
        cache after the copy are not carried: they may predate the diff's reading.
        """
        other = PostingsCache(self.budget)
        with self.lock:
            entries = list(self.entries.items())
        for term, postings in entries:
            if term in terms:
                continue
            if len(changed):
                postings = Postings(
                    title=_without(postings.title, changed), body=_without(postings.body, changed)
                )
            other.entries[term] = postings
            other.used += postings.nbytes
        return other


class MemoryIndex:
    def __init__(self, backend: Backend, state: State) -> None:
        self.backend = backend
        self.state = state
        # Which full load this index descends from (diffs keep it): what is read once per
        # full load, such as the reference labels, is keyed on it.
        self.lineage = state.token or uuid.uuid4().hex
        self.store = Store()
        # A document's slot is its id less ``base`` (the module's note), set by a full load.
        self.base = 0
        # Slots of the live documents in title order (``store.title_rank`` is its inverse),
        # kept to update it by a diff; None until computed.
        self.title_order: np.ndarray[Any, Any] | None = None
        self.vocabulary = Vocabulary()
        megabytes = int(os.environ.get("COOPDEC_SEARCH_CACHE_MB", "256"))
        self.cache = PostingsCache(megabytes * 1024 * 1024)

    def postings(self, term: str) -> Postings:
        found = self.cache.get(term)
        if found is None:
            with connection.cursor() as cursor:
                title, body = self.backend.postings(cursor, term)
            # The database may already hold documents this index has not loaded yet (another
            # process published them; the next build brings them): keep the slots it knows.
            capacity, base = self.store.capacity, self.base
            found = Postings(
                title=_known(parse_ids(title) - base, capacity),
                body=_known(parse_ids(body) - base, capacity),
            )
            self.cache.put(term, found)
        return found

    def load(self, *, since: int | None = None) -> tuple[list[int], set[str]]:
        """Read documents (all, or those written after generation ``since``) into the store.
        After ``since``: returns the slots read and the index terms they now hold."""
        sql = "SELECT id, start_year, end_year, values, deleted{terms} FROM search_document"
        params: list[int] = []
        slots: list[int] = []
        terms: set[str] = set()
        if since is None:
            sql = sql.format(terms="") + " WHERE NOT deleted"
            with connection.cursor() as cursor:
                cursor.execute("SELECT MIN(id) FROM search_document")
                (first,) = cursor.fetchone()
            self.base = (first or 1) - 1
        else:
            sql = sql.format(terms=", title_terms, body_terms") + " WHERE generation > %s"
            params.append(since)
        sql = sql.replace("values", connection.ops.quote_name("values"), 1)
        # A chunked cursor is server-side on PostgreSQL: a plain psycopg cursor would hold the
        # whole result (1.6 million rows at a million projects) in the client at once.
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql + " ORDER BY id", params)
            base = self.base
            while rows := cursor.fetchmany(_FETCH):
                if since is not None:
                    slots += [r[0] - base for r in rows]
                    for row in rows:
                        terms.update(row[5].split(), row[6].split())
                live = [r for r in rows if not r[4]]
                self.store.remove([r[0] - base for r in rows if r[4]])
                if live:
                    self.store.load_encoded(
                        [r[0] - base for r in live],
                        [r[1] for r in live],
                        [r[2] for r in live],
                        [bytes(r[3]) for r in live],
                        ENCODED,
                    )
        self.store.title_rank = None
        self.store.changed()
        return slots, terms

    def load_vocabulary(self, *, since: int | None = None) -> None:
        """Read the type-ahead vocabulary (all, or the words written after ``since``)."""
        sql = "SELECT word, term, df FROM search_word"
        params: list[int] = []
        if since is not None:
            sql += " WHERE generation > %s"
            params.append(since)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if since is not None:
            self.vocabulary = self.vocabulary.updated(rows)
            return
        rows.sort()
        self.vocabulary = Vocabulary(
            words=[r[0] for r in rows], terms=[r[1] for r in rows], df=[r[2] for r in rows]
        )

    def ensure_title_rank(self) -> None:
        """Read the title order whole, unless the store has it (a diff keeps it up to date)."""
        if self.store.title_rank is not None:
            return
        capacity = self.store.capacity
        order = title_order.read_whole(self.backend.title_order_sql(), capacity, self.base)
        self.title_order = order
        self.store.title_rank = title_order.ranks(order, capacity)

    def can_advance_to(self, state: State) -> bool:
        """Whether the changes since this index can be applied as a diff: its own change is
        one of the database's recent ones (no rebuild since, same history)."""
        return (
            self.state.token in state.recent_tokens.split()
            and self.state.generation < state.generation
        )

    def advanced(self, state: State) -> MemoryIndex:
        """A copy with the missed changes applied (the store is copied: searches may be
        running on this one)."""
        other = MemoryIndex.__new__(MemoryIndex)
        other.backend, other.state, other.lineage = self.backend, state, self.lineage
        other.base = self.base
        other.store = copy.deepcopy(self.store)
        other.title_order = None
        other.vocabulary = self.vocabulary
        slots, terms = other.load(since=self.state.generation)
        changed = np.asarray(sorted(slots), np.int64)
        other.cache = self.cache.carried(changed, terms)
        other.load_vocabulary(since=self.state.generation)
        if self.title_order is not None and self.store.title_rank is not None:
            order = title_order.updated(
                self.title_order, changed, other.store.live,
                keys_of=partial(title_order.read_keys, base=self.base),
                probe_keys=partial(
                    title_order.read_keys, base=self.base, unchanged_since=self.state.generation
                ),
            )  # fmt: skip
            if order is not None:  # else ``ensure_title_rank`` reads it whole
                other.title_order = order
                other.store.title_rank = title_order.ranks(order, other.store.capacity)
        return other


def _known(slots: np.ndarray[Any, Any], capacity: int) -> np.ndarray[Any, Any]:
    """The slots the store has room for (a document written after this index was loaded
    has none yet; one older than its base is not in the table any more)."""
    if not len(slots) or (slots.min() >= 0 and slots.max() < capacity):
        return slots
    return slots[(slots >= 0) & (slots < capacity)]


def _without(ids: np.ndarray[Any, Any], slots: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """``ids`` less ``slots`` (both sorted)."""
    if not len(ids):
        return ids
    kept = ids[~np.isin(ids, slots, assume_unique=True)]
    return kept if len(kept) < len(ids) else ids


_current: MemoryIndex | None = None
_lock = threading.Lock()
_checked_at = 0.0  # monotonic time of the last read of the generation row
_built_at = 0.0  # monotonic time the last background build started
_building = False
_local_change = False  # this process changed the index: check before the next search


def read_state() -> State:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generation, token, previous_token, recent_tokens FROM search_state WHERE id = 1"
        )
        row = cursor.fetchone()
    return State(*row) if row else State(0, "", "")


def note_local_change() -> None:
    """Called by the indexer: the next search of this process reads the new generation."""
    global _local_change
    _local_change = True


def _built(index: MemoryIndex | None, state: State) -> MemoryIndex:
    if index is not None and index.state.token == state.token:
        return index
    if index is not None and index.can_advance_to(state):
        index = index.advanced(state)
    else:
        index = MemoryIndex(get_backend(), state)
        index.load()
        index.load_vocabulary()
    index.ensure_title_rank()
    return index


def current() -> MemoryIndex:
    """This process's index, brought up to date with the database (see the module's note)."""
    global _current, _checked_at, _local_change
    index = _current
    if index is not None and index.backend.name != connection.vendor:
        index = None
    now = time.monotonic()
    background = _background()
    if background and index is not None and not _local_change and now - _checked_at < CHECK_SECONDS:
        index.ensure_title_rank()
        return index
    local, _local_change = _local_change, False
    state = read_state()
    _checked_at = now
    if index is not None and index.state.token == state.token:
        index.ensure_title_rank()
        return index
    if background and index is not None and not local:
        # Another process changed the index: keep serving this one while a thread builds the
        # next, at most one build at a time and one every BUILD_SECONDS.
        _start_build()
        return index
    with _lock:
        base = (
            _current
            if _current is not None and _current.backend.name == connection.vendor
            else None
        )
        built = _built(base, state)
        _current = built
    return built


def _start_build() -> None:
    global _building, _built_at
    with _lock:
        if _building or time.monotonic() - _built_at < BUILD_SECONDS:
            return
        _building, _built_at = True, time.monotonic()
    threading.Thread(target=_build_in_background, name="search-index", daemon=True).start()


def _build_in_background() -> None:
    global _current, _building
    try:
        state = read_state()
        index = _current
        built = _built(index, state)
        with _lock:
            if _current is index:  # a synchronous build may have gone further meanwhile
                _current = built
    finally:
        with _lock:
            _building = False
        connection.close()  # this thread's own database connection


def reset() -> None:
    """Forget this process's index (tests switch databases)."""
    global _current, _checked_at
    _current = None
    _checked_at = 0.0
