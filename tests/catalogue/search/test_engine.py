"""The column store and the engine on their own (numpy, no database), against brute force."""

from __future__ import annotations

import threading

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdec.catalogue.search.engine import (
    MAX_COLUMNS,
    TITLE_BOOST,
    Postings,
    Request,
    Scratch,
    Store,
    execute,
    idf,
    thread_scratch,
)

values_strategy = st.lists(st.integers(1, 9), max_size=MAX_COLUMNS + 3, unique=True)
doc_strategy = st.tuples(
    values_strategy, values_strategy, st.one_of(st.none(), st.integers(1990, 2030))
)


def encode(values: dict[str, list[int]]) -> bytes:
    flat: list[int] = []
    for name in ("a", "b"):
        flat += [len(values[name]), *values[name]]
    return np.asarray(flat, "<i4").tobytes()


def build(docs: list[tuple[list[int], list[int], int | None]], *, encoded: bool) -> Store:
    store = Store()
    slots = list(range(1, len(docs) + 1))
    starts = [d[2] for d in docs]
    if encoded:
        blobs = [encode({"a": d[0], "b": d[1]}) for d in docs]
        store.load_encoded(slots, starts, [None] * len(docs), blobs, ("a", "b"))
    else:
        store.put(slots, start_years=starts, end_years=[None] * len(docs),
                  values={"a": [d[0] for d in docs], "b": [d[1] for d in docs]})  # fmt: skip
    store.title_rank = np.arange(store.capacity, dtype=np.int32)
    return store


@settings(max_examples=60, deadline=None)
@given(st.lists(doc_strategy, min_size=1, max_size=25), st.sets(st.integers(1, 9), max_size=2))
def test_filters_and_facets_match_brute_force(docs, wanted) -> None:  # type: ignore[no-untyped-def]
    for encoded in (False, True):
        store = build(docs, encoded=encoded)
        filters = {"a": np.asarray(sorted(wanted), np.int32)} if wanted else {}
        request = Request(None, filters, None, None, "title", 0, 1000)
        outcome = execute(store, request, ["a", "b", "year"])
        expected = [i + 1 for i, d in enumerate(docs) if not wanted or set(d[0]) & wanted]
        assert outcome.slots == expected and outcome.total == len(expected)
        b_counts: dict[int, int] = {}
        for i in expected:
            for v in docs[i - 1][1]:
                b_counts[v] = b_counts.get(v, 0) + 1
        assert dict(zip(*(a.tolist() for a in outcome.facets["b"]), strict=True)) == b_counts
        a_counts: dict[int, int] = {}  # its own filter does not narrow its facet
        for d in docs:
            for v in d[0]:
                a_counts[v] = a_counts.get(v, 0) + 1
        assert dict(zip(*(a.tolist() for a in outcome.facets["a"]), strict=True)) == a_counts


def test_replacing_and_removing_documents_including_overflow() -> None:
    store = build([([1, 2, 3, 4, 5, 6], [1], 2000), ([7], [2], None)], encoded=True)
    assert store.dimensions["a"].overflow_value.tolist() == [5, 6]
    store.put([1], start_years=[2001], end_years=[None], values={"a": [[8]], "b": [[3]]})
    assert store.dimensions["a"].overflow_value.tolist() == []
    store.remove([2])
    store.title_rank = np.arange(store.capacity, dtype=np.int32)
    outcome = execute(store, Request(None, {}, None, None, "title", 0, 10), ["a", "year"])
    assert outcome.slots == [1]
    assert [a.tolist() for a in outcome.facets["a"]] == [[8], [1]]
    assert [a.tolist() for a in outcome.facets["year"]] == [[2001], [1]]


def test_relevance_year_sorts_and_ties() -> None:
    store = build(
        [([1], [1], 2010), ([1], [1], None), ([1], [1], 2005), ([1], [1], 2010)], encoded=False
    )
    store.title_rank = np.asarray([0, 3, 0, 2, 1], np.int32)  # slot 4 before slot 3 before 1
    by_year = execute(store, Request(None, {}, None, None, "start_year", 0, 10), [])
    assert by_year.slots == [3, 4, 1, 2]  # 2005, 2010 (title order), then undated
    desc = execute(store, Request(None, {}, None, None, "-start_year", 0, 10), [])
    assert desc.slots == [4, 1, 3, 2]
    postings = [[Postings(title=np.asarray([3], np.int32), body=np.asarray([1, 2], np.int32))]]
    ranked = execute(store, Request(postings, {}, None, None, "relevance", 0, 10), [])
    assert ranked.slots[0] == 3 and ranked.slots[1:] == [2, 1]  # title hit first, ties by title
    page = execute(store, Request(postings, {}, None, None, "relevance", 1, 1), [])
    assert page.slots == [2] and page.total == 3


def test_year_range_means_running_during_the_range() -> None:
    store = Store()
    store.put([1, 2, 3], start_years=[2000, 2010, 2015], end_years=[2005, None, 2016],
              values={"a": [[1], [1], [1]]})  # fmt: skip
    store.title_rank = np.arange(store.capacity, dtype=np.int32)
    run = lambda a, b: execute(store, Request(None, {}, a, b, "title", 0, 10), []).slots  # noqa: E731
    assert run(2006, None) == [2, 3]
    assert run(None, 2009) == [1]
    assert run(2004, 2012) == [1, 2]


def _expansion(size: int) -> st.SearchStrategy[Postings]:
    """One term's postings: title and body slots, disjoint, among 1..size."""
    return st.sets(st.integers(1, size), max_size=size).flatmap(
        lambda hits: st.sets(st.sampled_from(sorted(hits)) if hits else st.nothing()).map(
            lambda title: Postings(
                title=np.asarray(sorted(title), np.int32),
                body=np.asarray(sorted(hits - title), np.int32),
            )
        )
    )


@settings(max_examples=80, deadline=None)
@given(
    st.lists(doc_strategy, min_size=1, max_size=30),
    st.data(),
    st.sets(st.integers(1, 9), max_size=3),
    st.sets(st.integers(1, 9), max_size=3),
    st.one_of(st.none(), st.tuples(st.integers(1990, 2030), st.integers(1990, 2030))),
)
def test_words_filters_years_and_facets_match_brute_force(  # type: ignore[no-untyped-def]
    docs, data, wanted_a, wanted_b, years
) -> None:
    """Words (several expansions each), filters on both dimensions and years together, with
    selections large enough for the facets to be counted on their complement."""
    size = len(docs)
    words = data.draw(st.lists(st.lists(_expansion(size), min_size=1, max_size=3), max_size=2))
    store = build(docs, encoded=True)
    filters = {
        name: np.asarray(sorted(wanted), np.int32)
        for name, wanted in (("a", wanted_a), ("b", wanted_b))
        if wanted
    }
    year_from, year_to = years if years else (None, None)
    request = Request(words or None, filters, year_from, year_to, "relevance", 0, 1000)
    outcome = execute(store, request, ["a", "b", "year"])
    n = size

    def score(slot: int) -> float | None:
        total = 0.0
        for expansions in words:
            best = 0.0
            for postings in expansions:
                weight = idf(postings.df, n)
                if slot in postings.title.tolist():
                    best = max(best, weight * TITLE_BOOST)
                elif slot in postings.body.tolist():
                    best = max(best, weight)
            if best == 0.0:
                return None
            total += best
        return total

    def passes(slot: int, leave_out: str | None = None) -> bool:
        a, b, start = docs[slot - 1]
        if words and score(slot) is None:
            return False
        if leave_out != "a" and wanted_a and not set(a) & wanted_a:
            return False
        if leave_out != "b" and wanted_b and not set(b) & wanted_b:
            return False
        if years is None or leave_out == "year":
            return True
        return start is not None and start <= year_to  # no end years: running from its start

    expected = [s for s in range(1, size + 1) if passes(s)]
    if words:  # best score first, ties in title order (the slot here)
        expected.sort(key=lambda s: (-round(score(s) * 1e6), s))  # type: ignore[operator]
    assert outcome.total == len(expected)
    assert outcome.slots == expected
    for name, column in (("a", 0), ("b", 1)):
        counts: dict[int, int] = {}
        for s in range(1, size + 1):
            if passes(s, leave_out=name):
                for v in docs[s - 1][column]:
                    counts[v] = counts.get(v, 0) + 1
        assert dict(zip(*(x.tolist() for x in outcome.facets[name]), strict=True)) == counts
    year_counts: dict[int, int] = {}  # the year range leaves its own facet alone too
    for s in range(1, size + 1):
        start = docs[s - 1][2]
        if start and passes(s, leave_out="year"):
            year_counts[start] = year_counts.get(start, 0) + 1
    assert dict(zip(*(x.tolist() for x in outcome.facets["year"]), strict=True)) == year_counts


def test_the_work_arrays_follow_the_store_and_stay_per_thread() -> None:
    store = build([([1], [2], 2000)] * 3, encoded=True)
    scratch = Scratch()
    execute(store, Request(None, {}, None, None, "title", 0, 10), ["a"], scratch)
    assert scratch.capacity == store.capacity
    store.resize(store.capacity + 10)
    store.title_rank = np.arange(store.capacity, dtype=np.int32)
    outcome = execute(store, Request(None, {}, None, None, "title", 0, 10), ["a"], scratch)
    assert scratch.capacity == store.capacity and outcome.slots == [1, 2, 3]
    seen: list[Scratch] = []
    worker = threading.Thread(target=lambda: seen.append(thread_scratch(5)))
    worker.start()
    worker.join()
    assert seen[0] is not thread_scratch(5)
