"""The API's JSON, written out by ``SearchResult.to_json``, is ``json.dumps`` of ``to_dict``."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from coopdec.catalogue.search import SearchQuery
from coopdec.catalogue.search.results import FacetValue, Hit, Labelled, SearchResult

# Any text a label may hold: accents, quotes, backslashes, control characters, emoji.
texts = st.text(max_size=30)
facet_values = st.builds(FacetValue, texts, texts, st.integers(0, 10**7), st.booleans())
labelled = st.builds(Labelled, texts, texts)
hits = st.builds(
    Hit,
    type=st.sampled_from(["project", "partnership"]),
    id=st.integers(1, 10**9),
    title=texts,
    summary=texts,
    start_year=st.none() | st.integers(1900, 2100),
    end_year=st.none() | st.integers(1900, 2100),
    status=labelled,
    relation_type=labelled,
    open_to_new_members=st.booleans(),
    themes=st.lists(labelled, max_size=3),
    countries=st.lists(labelled, max_size=3),
    french_authorities=st.lists(labelled, max_size=3),
    foreign_authorities=st.lists(texts, max_size=3),
    score=st.none() | st.floats(0, 100, allow_nan=False),
)


@given(
    total=st.integers(0, 10**7),
    results=st.lists(hits, max_size=4),
    facets=st.dictionaries(st.sampled_from(["theme", "country", "year"]), st.lists(facet_values)),
    page=st.integers(1, 50),
)
def test_to_json_is_the_json_of_to_dict(
    total: int, results: list[Hit], facets: dict[str, list[FacetValue]], page: int
) -> None:
    result = SearchResult(SearchQuery(page=page), total, results, facets)
    expected = json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":"))
    assert result.to_json() == expected
    assert json.loads(result.to_json()) == result.to_dict()
