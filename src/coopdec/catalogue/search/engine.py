"""Ranking, filtering and facet counting over an in-memory column store (pure: numpy only).

The database finds which documents contain a term (FTS5 or a PostgreSQL GIN index); this
module does the rest on arrays indexed by document slot (the ``search_document`` id):

* relevance: for each query word, the best of its terms' weights ``idf × (3 if the term is in
  the title else 1)``, summed over the words; a document must match every word;
* filters: OR within a dimension, AND across dimensions;
* facets: each dimension is counted on the documents that pass the words and every *other*
  filter (multi-select facets), so that a selected value's siblings keep their counts;
* order: relevance, title or start year, ties broken by title then kind and id, so that both
  backends give the same page for the same data.

Values are small positive integers (database ids, or 1-based positions in a fixed list);
0 means "no value". A dimension holds up to ``MAX_COLUMNS`` values per document in dense
columns and the rare extra ones in an overflow list.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

# Loose dtype typing: numpy's precise dtypes do not survive indexing in the stubs.
IntArray = npt.NDArray[Any]
BoolArray = npt.NDArray[Any]
FloatArray = npt.NDArray[Any]

TITLE_BOOST = 3.0
MAX_COLUMNS = 4
# A column after the first that fewer than this share of the slots fill is counted through
# the slots that fill it (most documents have one or two themes, régions, authorities).
SPARSE_COLUMN = 0.25
YEAR_DIMENSION = "year"
_NO_YEAR = 9999


@dataclass
class MultiColumn:
    """Values of one dimension per slot: dense columns, then (owner, value) overflow pairs."""

    columns: list[IntArray] = field(default_factory=list)
    overflow_owner: IntArray = field(default_factory=lambda: np.zeros(0, np.int32))
    overflow_value: IntArray = field(default_factory=lambda: np.zeros(0, np.int32))

    def resize(self, capacity: int) -> None:
        self.columns = [_resized(column, capacity) for column in self.columns]

    def set(self, slots: IntArray, values: Sequence[Sequence[int]]) -> None:
        """Replace the values of these slots."""
        capacity = len(self.columns[0]) if self.columns else 0
        for column in self.columns:
            column[slots] = 0
        if len(self.overflow_owner):
            keep = ~np.isin(self.overflow_owner, slots)
            self.overflow_owner = self.overflow_owner[keep]
            self.overflow_value = self.overflow_value[keep]
        width = min(MAX_COLUMNS, max((len(v) for v in values), default=0))
        while len(self.columns) < width:
            self.columns.append(np.zeros(capacity, np.int32))
        extra_owner: list[int] = []
        extra_value: list[int] = []
        for slot, row in zip(slots.tolist(), values, strict=True):
            for position, value in enumerate(row):
                if position < MAX_COLUMNS:
                    self.columns[position][slot] = value
                else:
                    extra_owner.append(slot)
                    extra_value.append(value)
        if extra_owner:
            self.overflow_owner = np.concatenate([self.overflow_owner, _ints(extra_owner)])
            self.overflow_value = np.concatenate([self.overflow_value, _ints(extra_value)])

    def matches(self, values: IntArray, out: BoolArray, flag: BoolArray) -> BoolArray:
        """Slots holding any of these values, written to ``out`` (``flag``: work space)."""
        out.fill(False)
        for column in self.columns:
            if len(values) == 1:
                np.equal(column, values[0], out=flag)
            else:
                flag[:] = np.isin(column, values)
            out |= flag
        if len(self.overflow_owner):
            out[self.overflow_owner[np.isin(self.overflow_value, values)]] = True
        return out

    def count(
        self,
        slots: IntArray,
        mask: BoolArray,
        gather: IntArray,
        owners: Sequence[IntArray | None] = (),
    ) -> IntArray:
        """Documents per value among ``slots`` (``mask`` is the same set as booleans;
        ``gather``: work space of at least ``len(slots)`` values; ``owners``: for a column
        few documents fill, the slots holding a value in it, ``Store.sparse_owners``)."""
        counts: IntArray = np.zeros(1, np.int64)
        taken = gather[: len(slots)]
        for k, column in enumerate(self.columns):
            filled = owners[k] if k < len(owners) else None
            if filled is not None and len(filled) < len(slots):
                # Fewer documents hold a value in this column than are selected: read those.
                values = column[filled[mask[filled]]]
            else:
                values = np.take(column, slots, out=taken)
            counts = _add(counts, np.bincount(values))
        if len(self.overflow_owner):
            counts = _add(counts, np.bincount(self.overflow_value[mask[self.overflow_owner]]))
        counts[0] = 0
        return counts


@dataclass
class Store:
    """Every indexed document's facet values and sort keys, by slot."""

    capacity: int = 0
    live: BoolArray = field(default_factory=lambda: np.zeros(0, np.bool_))
    dimensions: dict[str, MultiColumn] = field(default_factory=dict)
    start_year: IntArray = field(default_factory=lambda: np.zeros(0, np.int32))
    end_year: IntArray = field(default_factory=lambda: np.zeros(0, np.int32))
    title_rank: IntArray | None = None  # position in title order; None until computed
    # Facet counts over every live document, per dimension: computed on demand, dropped on
    # any change (see ``whole_counts``).
    whole: dict[str, IntArray] = field(default_factory=dict)
    # Per dimension, the slots holding a value in each column after the first, for the
    # columns few documents fill (``sparse_owners``); dropped on any change like ``whole``.
    owners: dict[str, list[IntArray | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.resize(self.capacity)

    @property
    def size(self) -> int:
        return int(np.count_nonzero(self.live))

    def resize(self, capacity: int) -> None:
        self.capacity = capacity
        self.live = _resized(self.live, capacity)
        self.start_year = _resized(self.start_year, capacity)
        self.end_year = _resized(self.end_year, capacity)
        for dimension in self.dimensions.values():
            dimension.resize(capacity)
        self.changed()
        if self.title_rank is not None:
            self.title_rank = None  # new slots have no rank yet

    def put(
        self,
        slots: Sequence[int],
        *,
        start_years: Sequence[int | None],
        end_years: Sequence[int | None],
        values: dict[str, Sequence[Sequence[int]]],
    ) -> None:
        """Add or replace documents. ``values``: dimension -> one value list per slot."""
        slot_array = _ints(slots)
        if len(slot_array) and int(slot_array.max()) >= self.capacity:
            self.resize(max(int(slot_array.max()) + 1, int(self.capacity * 1.25)))
        self.live[slot_array] = True
        self.start_year[slot_array] = _ints([y or 0 for y in start_years])
        self.end_year[slot_array] = _ints([y or 0 for y in end_years])
        for name, rows in values.items():
            dimension = self.dimensions.setdefault(name, MultiColumn())
            if not dimension.columns:
                dimension.columns.append(np.zeros(self.capacity, np.int32))
            dimension.set(slot_array, rows)
        self.title_rank = None
        self.changed()

    def load_encoded(
        self,
        slots: Sequence[int],
        start_years: Sequence[int | None],
        end_years: Sequence[int | None],
        blobs: Sequence[bytes],
        dimensions: Sequence[str],
    ) -> None:
        """Add or replace documents whose values are encoded as ``[n, v1..vn]`` per dimension.

        Vectorised: one pass per dimension and column, whatever the number of documents.
        """
        slot_array = np.fromiter(slots, np.int64, count=len(slots))
        lengths = np.fromiter(map(len, blobs), np.int64, count=len(blobs)) // 4
        flat = np.frombuffer(b"".join(blobs), "<i4")
        pointers = np.zeros(len(blobs), np.int64)
        pointers[1:] = np.cumsum(lengths)[:-1]
        counts_by_dimension: dict[str, tuple[IntArray, IntArray]] = {}
        for name in dimensions:
            counts = flat[pointers].astype(np.int64)
            counts_by_dimension[name] = (pointers + 1, counts)
            pointers = pointers + 1 + counts
        if len(slot_array) and int(slot_array.max()) >= self.capacity:
            self.resize(max(int(slot_array.max()) + 1, int(self.capacity * 1.25)))
        self.live[slot_array] = True
        self.start_year[slot_array] = [y or 0 for y in start_years]
        self.end_year[slot_array] = [y or 0 for y in end_years]
        for name, (starts, counts) in counts_by_dimension.items():
            dimension = self.dimensions.setdefault(name, MultiColumn())
            if len(dimension.overflow_owner):
                keep = ~np.isin(dimension.overflow_owner, slot_array)
                dimension.overflow_owner = dimension.overflow_owner[keep]
                dimension.overflow_value = dimension.overflow_value[keep]
            wide = np.flatnonzero(counts > MAX_COLUMNS)
            if len(wide):  # rare (a project in many countries): a plain loop is fine
                owners = [int(slot_array[i]) for i in wide for _ in range(counts[i] - MAX_COLUMNS)]
                values = [
                    int(v)
                    for i in wide
                    for v in flat[starts[i] + MAX_COLUMNS : starts[i] + counts[i]]
                ]
                dimension.overflow_owner = np.concatenate([dimension.overflow_owner, _ints(owners)])
                dimension.overflow_value = np.concatenate([dimension.overflow_value, _ints(values)])
            width = int(min(MAX_COLUMNS, counts.max())) if len(counts) else 0
            while len(dimension.columns) < max(1, width):
                dimension.columns.append(np.zeros(self.capacity, np.int32))
            for k, column in enumerate(dimension.columns):
                has = counts > k
                column[slot_array[~has]] = 0
                column[slot_array[has]] = flat[starts[has] + k]
        self.title_rank = None
        self.changed()

    def remove(self, slots: Sequence[int]) -> None:
        slot_array = _ints([s for s in slots if 0 <= s < self.capacity])
        self.live[slot_array] = False
        for dimension in self.dimensions.values():
            dimension.set(slot_array, [() for _ in range(len(slot_array))])
        self.title_rank = None
        self.changed()

    def changed(self) -> None:
        """Drop what is derived from the values (after any change to them)."""
        self.whole = {}
        self.owners = {}

    def sparse_owners(self, name: str) -> list[IntArray | None]:
        """For each column of a dimension, the slots holding a value in it when fewer than
        ``SPARSE_COLUMN`` of the slots do (None for the others): a facet count then reads
        those slots rather than the whole selection (cached until the next change)."""
        found = self.owners.get(name)
        if found is None:
            dimension = self.dimensions[name]
            found = [None] * len(dimension.columns)
            for k, column in enumerate(dimension.columns[1:], start=1):
                if np.count_nonzero(column) < SPARSE_COLUMN * len(column):
                    found[k] = np.flatnonzero(column)
            self.owners[name] = found
        return found

    def whole_counts(self, name: str) -> IntArray:
        """Counts of one facet over every live document (cached until the next change)."""
        found = self.whole.get(name)
        if found is None:
            slots = np.flatnonzero(self.live)
            found = _raw_count(self, name, slots, self.live, np.empty(len(slots), np.int32))
            self.whole[name] = found
        return found


@dataclass(frozen=True)
class Postings:
    """Slots whose title, and slots whose other text, contain one term (disjoint sets)."""

    title: IntArray
    body: IntArray

    @property
    def df(self) -> int:
        return len(self.title) + len(self.body)

    @property
    def nbytes(self) -> int:
        return int(self.title.nbytes + self.body.nbytes)


@dataclass(frozen=True)
class Request:
    words: Sequence[Sequence[Postings]] | None  # per query word, the postings of its terms
    filters: dict[str, IntArray]  # dimension -> accepted values
    year_from: int | None
    year_to: int | None
    sort: str
    offset: int
    limit: int
    # dimension -> (slots, stored value, value they read as today): a value that changes with
    # the date alone (a call for partners past its closing date is no longer "open"), read at
    # query time so that no job has to rewrite the index at midnight.
    overrides: dict[str, tuple[IntArray, int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    total: int
    slots: list[int]
    scores: list[float | None]
    facets: dict[str, tuple[IntArray, IntArray]]  # dimension -> (values, counts), count desc


def idf(df: int, n: int) -> float:
    """BM25's inverse document frequency (never negative)."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


class Scratch:
    """Work arrays the size of the store, reused by every search of one thread.

    At a million documents a search goes through a dozen arrays of 1.6 million values (13 MB
    for a float one). Allocated afresh, each one cost page faults or a memset depending on
    what the allocator had kept from the previous search, and the same search took 30 to 50 %
    longer in one process than in another (docs/benchmarks.md). Reused, they cost one
    allocation per thread: about 60 MB at a million documents.
    """

    def __init__(self) -> None:
        self.capacity = -1

    def fit(self, capacity: int) -> Scratch:
        if capacity != self.capacity:
            self.capacity = capacity
            self.total = np.empty(capacity, np.float64)  # the scores
            self.word = np.empty(capacity, np.float64)  # one query word's weights
            self.matched = np.empty(capacity, np.bool_)
            self.base = np.empty(capacity, np.bool_)  # live and matching the words
            self.selected = np.empty(capacity, np.bool_)  # ... and every filter
            self.facet = np.empty(capacity, np.bool_)  # ... and every filter but one
            self.rest = np.empty(capacity, np.bool_)  # live documents outside a selection
            self.flags = (np.empty(capacity, np.bool_), np.empty(capacity, np.bool_))
            self.masks: list[BoolArray] = []  # one per filter of the query
            self.gather = np.empty(capacity, np.int32)  # a column's values at some slots
        return self

    def mask(self, index: int) -> BoolArray:
        while len(self.masks) <= index:
            self.masks.append(np.empty(self.capacity, np.bool_))
        return self.masks[index]


_scratch = threading.local()


def thread_scratch(capacity: int) -> Scratch:
    """This thread's work arrays, fitted to ``capacity``."""
    found: Scratch | None = getattr(_scratch, "value", None)
    if found is None:
        found = _scratch.value = Scratch()
    return found.fit(capacity)


def score_words(
    words: Sequence[Sequence[Postings]], n: int, scratch: Scratch
) -> tuple[FloatArray, BoolArray]:
    """Relevance of every slot, and which slots hold every word (``scratch`` arrays).

    A word scores, in a document, the best weight among its expansions found there (title
    weights boosted). Writing the weights in increasing order lets a plain assignment keep
    the largest: at a million documents, gathering and comparing (``np.maximum``) cost
    several times more than scattering. Scores are meaningful only where ``matched``: the
    float arrays are never cleared (13 MB each at a million documents, cleared and compared
    once per word, were a fifth of a search's time); which slots a word reached is kept in
    a boolean array eight times smaller, and the sums are taken over the matched slots only.
    """
    total, word, matched, flag = scratch.total, scratch.word, scratch.matched, scratch.flags[0]
    matched.fill(False)
    for index, expansions in enumerate(words):
        weighted: list[tuple[float, IntArray]] = []
        for postings in expansions:
            weight = idf(postings.df, n)
            weighted += [(weight, postings.body), (weight * TITLE_BOOST, postings.title)]
        weighted.sort(key=lambda pair: pair[0])
        values, reached = (total, matched) if index == 0 else (word, flag)
        if index:
            flag.fill(False)
        for value, slots in weighted:
            if len(slots):
                values[slots] = value
                reached[slots] = True
        if index:
            matched &= flag
            both = np.flatnonzero(matched)
            total[both] += word[both]
    return total, matched


def execute(
    store: Store,
    request: Request,
    facet_dimensions: Iterable[str],
    scratch: Scratch | None = None,
) -> Outcome:
    """Run a request: total, the page's slots (and scores), facet counts."""
    work = scratch.fit(store.capacity) if scratch is not None else thread_scratch(store.capacity)
    base, scores, filter_masks = _masks(store, request, work)
    selected = work.selected
    np.copyto(selected, base)
    for mask in filter_masks.values():
        selected &= mask
    # Slots stay in numpy's index type (int64): gathering with int32 indices converts them
    # first, and took 2.6 times as long at a million documents (facet counts gather a lot).
    slots = np.flatnonzero(selected)
    facets: dict[str, tuple[IntArray, IntArray]] = {}
    live_count = int(np.count_nonzero(store.live))
    # The live documents outside ``selected`` (as slots and as a mask), worked out once for
    # all the facets it serves; a facet whose own filter is left out has a selection of its
    # own, used once.
    outside_selected: IntArray | None = None
    for name in facet_dimensions:
        if name in filter_masks:
            mask = work.facet
            np.copyto(mask, base)
            for other, other_mask in filter_masks.items():
                if other != name:
                    mask &= other_mask
            facet_slots = np.flatnonzero(mask)
        else:
            mask, facet_slots = selected, slots
        if 2 * len(facet_slots) > live_count:
            # Most documents match (a frequent word, no filter): count the others and
            # subtract from the counts over all documents, so that a facet never reads more
            # than half the store.
            if mask is selected:
                rest = work.rest
                if outside_selected is None:
                    np.logical_not(selected, out=rest)
                    rest &= store.live
                    outside_selected = np.flatnonzero(rest)
                rest_slots = outside_selected
            else:
                rest = work.flags[1]  # free: the filter masks are all built
                np.logical_not(mask, out=rest)
                rest &= store.live
                rest_slots = np.flatnonzero(rest)
            counts = store.whole_counts(name).copy()
            removed = _raw_count(store, name, rest_slots, rest, work.gather)
            counts[: len(removed)] -= removed
        else:
            counts = _raw_count(store, name, facet_slots, mask, work.gather)
        if name in request.overrides:
            counts = _overridden(counts, mask, *request.overrides[name])
        facets[name] = _ordered(counts)
    page = _page(store, slots, scores, request)
    return Outcome(
        total=len(slots),
        slots=page.tolist(),
        scores=[float(scores[s]) for s in page] if scores is not None else [None] * len(page),
        facets=facets,
    )


def _overridden(counts: IntArray, mask: BoolArray, slots: IntArray, old: int, new: int) -> IntArray:
    """Facet counts with the overridden slots of the selection moved from ``old`` to ``new``."""
    moved = int(np.count_nonzero(mask[slots[slots < len(mask)]]))
    if not moved:
        return counts
    counts = counts.astype(np.int64)
    if len(counts) <= max(old, new):
        counts = np.concatenate([counts, np.zeros(max(old, new) + 1 - len(counts), np.int64)])
    counts[old] -= moved
    counts[new] += moved
    return counts


def select(store: Store, request: Request, scratch: Scratch | None = None) -> BoolArray:
    """The documents a request selects (words, filters, years) as a mask over the slots: no
    ranking, no facets, no page. Saved-search alerts ask it which new records match."""
    work = scratch.fit(store.capacity) if scratch is not None else thread_scratch(store.capacity)
    base, _, filter_masks = _masks(store, request, work)
    selected = base.copy()
    for mask in filter_masks.values():
        selected &= mask
    return selected


def _masks(
    store: Store, request: Request, work: Scratch
) -> tuple[BoolArray, FloatArray | None, dict[str, BoolArray]]:
    """The live documents the words match (with their scores), and one mask per filter."""
    base = work.base
    scores: FloatArray | None = None
    if request.words is not None:
        scores, matched = score_words(request.words, store.size, work)
        np.logical_and(store.live, matched, out=base)
    else:
        np.copyto(base, store.live)
    filter_masks = {
        name: _filter_mask(store, name, values, work.mask(index), work)
        for index, (name, values) in enumerate(request.filters.items())
    }
    for name, (slots, _old, new) in request.overrides.items():
        if name in filter_masks and len(slots):
            inside = slots[slots < len(filter_masks[name])]
            filter_masks[name][inside] = bool(np.isin(new, request.filters[name]))
    if request.year_from is not None or request.year_to is not None:
        filter_masks[YEAR_DIMENSION] = _year_mask(
            store, request.year_from, request.year_to, work.mask(len(filter_masks)), work
        )
    return base, scores, filter_masks


def _filter_mask(
    store: Store, name: str, values: IntArray, out: BoolArray, work: Scratch
) -> BoolArray:
    if name == YEAR_DIMENSION:
        out[:] = np.isin(store.start_year, values)
        return out
    dimension = store.dimensions.get(name)
    if dimension is None:
        out.fill(False)
        return out
    return dimension.matches(values, out, work.flags[0])


def _year_mask(
    store: Store, year_from: int | None, year_to: int | None, out: BoolArray, work: Scratch
) -> BoolArray:
    """Records whose years [start, end] meet the range; no end year means still running."""
    start, end = store.start_year, store.end_year
    flag, other = work.flags
    np.greater(start, 0, out=out)
    if year_to is not None:
        np.less_equal(start, year_to, out=flag)
        out &= flag
    if year_from is not None:
        np.equal(end, 0, out=flag)
        np.greater_equal(end, year_from, out=other)
        flag |= other
        out &= flag
    return out


def _raw_count(
    store: Store, name: str, slots: IntArray, mask: BoolArray, gather: IntArray
) -> IntArray:
    """Documents per stored value among ``slots`` (value 0, none, not counted)."""
    if name == YEAR_DIMENSION:
        counts: IntArray = np.bincount(store.start_year[slots], minlength=1)
        counts[0] = 0
        return counts
    dimension = store.dimensions.get(name)
    if dimension is None:
        return np.zeros(0, np.int64)
    return dimension.count(slots, mask, gather, store.sparse_owners(name))


def _ordered(counts: IntArray) -> tuple[IntArray, IntArray]:
    """Values with a count, most frequent first (then by value)."""
    values = np.flatnonzero(counts)
    order = np.lexsort((values, -counts[values]))
    return values[order], counts[values][order]


def _page(store: Store, slots: IntArray, scores: FloatArray | None, request: Request) -> IntArray:
    if not len(slots) or request.offset >= len(slots):
        return np.zeros(0, np.int32)
    if store.title_rank is None:
        raise RuntimeError("title ranks are computed before searching")
    wanted = request.offset + request.limit
    if request.sort == "relevance" and scores is not None:
        raw = scores[slots]
        if wanted < len(raw):
            # Only documents scoring at least the wanted-th best score, less one quantum,
            # can reach the page: the exact keys are built for them alone (at a million
            # documents, a frequent word matches hundreds of thousands).
            kth = np.partition(raw, len(raw) - wanted)[len(raw) - wanted]
            close = np.flatnonzero(raw >= kth - 1e-6)
            slots, raw = slots[close], raw[close]
        rank = store.title_rank[slots].astype(np.int64)
        # Fixed-point scores keep the comparison exact and identical on every backend.
        quantised = np.rint(raw * 1e6).astype(np.int64)
        key = -quantised * (1 << 32) + rank
    elif request.sort in ("start_year", "-start_year"):
        rank = store.title_rank[slots].astype(np.int64)
        years = store.start_year[slots].astype(np.int64)
        if request.sort == "-start_year":
            years = np.where(years > 0, 3000 - years, _NO_YEAR)
        else:
            years = np.where(years > 0, years, _NO_YEAR)
        key = years * (1 << 32) + rank
    elif request.sort == "-title":
        key = -store.title_rank[slots].astype(np.int64)
    else:  # title, or relevance without words
        key = store.title_rank[slots].astype(np.int64)
    if wanted < len(key):
        top = np.argpartition(key, wanted - 1)[:wanted]
        top = top[np.argsort(key[top], kind="stable")]
    else:
        top = np.argsort(key, kind="stable")
    return slots[top[request.offset : wanted]]


def _resized(array: npt.NDArray[Any], capacity: int) -> npt.NDArray[Any]:
    if len(array) >= capacity:
        return array[:capacity] if len(array) > capacity else array
    grown = np.zeros(capacity, array.dtype)
    grown[: len(array)] = array
    return grown


def _ints(values: Iterable[int]) -> IntArray:
    return np.fromiter(values, np.int32)


def _add(counts: IntArray, more: IntArray) -> IntArray:
    if len(more) > len(counts):
        counts, more = more.copy(), counts
    counts[: len(more)] += more
    return counts
