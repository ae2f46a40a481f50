"""The column store and the engine on their own (numpy, no database), against brute force."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdec.catalogue.search.engine import MAX_COLUMNS, Postings, Request, Store, execute

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
