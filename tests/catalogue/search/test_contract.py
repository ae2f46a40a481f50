"""The search contract, run on SQLite and on PostgreSQL against the same catalogue.

Each expectation comes from the brute-force oracle (``catalogue.oracle``) or is written by
hand from the records of ``tests/shared/contract_catalogue.py``: both backends must give
exactly these answers.
"""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from coopdec.catalogue.search import DIMENSIONS, QueryError, SearchQuery, search
from tests.shared import contract_catalogue as catalogue

pytestmark = pytest.mark.django_db


def keys(params: dict[str, Any], by_key: dict[tuple[str, int], str]) -> list[str]:
    result = search(SearchQuery.from_params({"page_size": "100", **params}))
    assert result.total == len(result.results)
    return [by_key[(h.type, h.id)] for h in result.results]


# ------------------------------------------------------------------ French text handling
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("jumelages ", {"P1", "J2"}),  # plural finds the singular (P1 title, J2 "jumelages")
        ("jumelage ", {"P1", "J2"}),
        # The Snowball stem of "coopérations" is that of "coopératives" too: "cooper".
        ("coopérations ", {"P2", "P3", "J4", "J5", "J9"}),
        ("COOPERATION ", {"P2", "P3", "J4", "J5", "J9"}),  # case and accents do not matter
        ("education ", {"J2", "P1"}),  # "Éducation" (J2 text; P1 theme label)
        ("énergie ", {"J3"}),
        # "hôpitaux" (P4), and J3 by its theme "Santé", whose everyday words hold "hôpital".
        ("hopitaux ", {"P4", "J3"}),
        ("eau potable ", {"P5", "J1", "J9"}),  # every word must match
        ("l'eau et la potable ", {"P5", "J1", "J9"}),  # stop words are ignored
        ("xylophone ", set()),
    ],
)
def test_french_text(q: str, expected: set[str], by_key: dict[tuple[str, int], str]) -> None:
    assert set(keys({"q": q}, by_key)) == expected


def test_last_word_is_a_prefix_for_type_ahead(by_key: dict[tuple[str, int], str]) -> None:
    assert set(keys({"q": "coopérat"}, by_key)) == {"P2", "P3", "J4", "J5", "J9"}
    assert set(keys({"q": "Sév"}, by_key)) == {"P1", "J1", "J2", "J8"}
    assert set(keys({"q": "eau pot"}, by_key)) == {"P5", "J1", "J9"}
    # A completed word (followed by a space) is no longer a prefix.
    assert set(keys({"q": "coopérat "}, by_key)) == set()


def test_stop_words_only_is_no_text(records: list[catalogue.Record]) -> None:
    result = search(SearchQuery.from_params({"q": "de la "}))
    assert result.total == len(records)


def test_title_is_boosted(by_key: dict[tuple[str, int], str]) -> None:
    # "patrimoine": in J8's title, in P3's summary, in the theme label of P1/J8 (culture).
    ranked = keys({"q": "patrimoine "}, by_key)
    assert ranked[0] == "J8"
    assert set(ranked) == {"J8", "P3", "P1"}
    result = search(SearchQuery.from_params({"q": "patrimoine "}))
    assert result.results[0].score > result.results[1].score  # type: ignore[operator]


# ------------------------------------------------------------------- filters and facets
FILTER_CASES = [
    {"type": "project"},
    {"theme": "eau_assainissement"},
    {"theme": "sante,dechets"},
    {"sdg": "6"},
    {"sdg": "7"},
    {"country": "ML"},
    {"country": "sn"},  # ISO codes in either case
    {"zone": "asie_oceanie"},
    {"authority_kind": "departement"},
    {"region": "53"},
    {"departement": "35"},
    {"relation_type": "jumelage"},
    {"relation_type": "projet"},
    {"status": "ended"},
    {"open": "true"},
    {"open": "false"},
    {"example": "true"},
    {"example": "false"},
    {"example": "true", "theme": "sante"},
    {"year_from": "2016"},
    {"year_to": "2005"},
    {"year_from": "2012", "year_to": "2014"},
    {"theme": "eau_assainissement", "country": "ML", "status": "ended"},
]


def _oracle(records: list[catalogue.Record], params: dict[str, str]):  # type: ignore[no-untyped-def]
    filters = {
        k: {v.upper() if k == "country" else v for v in value.split(",")}
        for k, value in params.items()
        if k not in ("q", "year_from", "year_to", "sort")
    }
    year = tuple(int(params[k]) if k in params else None for k in ("year_from", "year_to"))
    return catalogue.oracle(records, params.get("q", ""), filters, year)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "params", FILTER_CASES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items())
)
def test_every_filter_and_facet_matches_the_oracle(
    params: dict[str, str], records: list[catalogue.Record], by_key: dict[tuple[str, int], str]
) -> None:
    expected_keys, expected_facets = _oracle(records, params)
    result = search(SearchQuery.from_params({**params, "page_size": "100"}))
    assert {by_key[(h.type, h.id)] for h in result.results} == expected_keys
    assert result.total == len(expected_keys)
    for name in DIMENSIONS:
        got = {f.value: f.count for f in result.facets[name] if f.count}
        assert got == dict(expected_facets[name]), name


def test_authority_filter_and_facet(
    records: list[catalogue.Record], by_key: dict[tuple[str, int], str]
) -> None:
    from coopdec.catalogue.models import FrenchAuthority

    rennes = FrenchAuthority.objects.get(kind="commune", code="35238").id
    assert set(keys({"authority": str(rennes)}, by_key)) == {"P1", "J1", "J2", "J8", "J9"}
    facet = {
        f.value: f
        for f in search(SearchQuery.from_params({"authority": str(rennes)})).facets["authority"]
    }
    assert facet[str(rennes)].selected and facet[str(rennes)].label == "Rennes (35238)"
    expected_keys, _ = _oracle(records, {"authority": str(rennes), "q": "eau"})
    result = search(SearchQuery.from_params({"authority": str(rennes), "q": "eau"}))
    assert {by_key[(h.type, h.id)] for h in result.results} == expected_keys == {"J1", "J9"}


def test_facet_labels_and_selection() -> None:
    result = search(SearchQuery.from_params({"theme": "eau_assainissement", "country": "ml"}))
    theme = {f.value: f for f in result.facets["theme"]}
    assert theme["eau_assainissement"].label == "Eau et assainissement"
    assert theme["eau_assainissement"].selected
    country = {f.value: f for f in result.facets["country"]}
    assert country["ML"].label == "Mali" and country["ML"].selected
    assert result.facets["sdg"][0].label.startswith(result.facets["sdg"][0].value + ". ")
    # A selected value with no document is still listed, at zero.
    empty = search(SearchQuery.from_params({"q": "xylophone", "theme": "sport"}))
    assert [(f.value, f.count, f.selected) for f in empty.facets["theme"]] == [("sport", 0, True)]


def test_facet_limit_keeps_the_most_frequent() -> None:
    result = search(SearchQuery(facet_limit=2, sort="title"))
    counts = [f.count for f in result.facets["country"]]
    assert len(counts) == 2 and counts == sorted(counts, reverse=True)


def test_random_queries_match_the_oracle(
    records: list[catalogue.Record], by_key: dict[tuple[str, int], str]
) -> None:
    """The golden expectation: 60 seeded combinations of words and filters."""
    rng = random.Random(20261127)
    words = [
        "eau",
        "coopération",
        "formation",
        "Sévaré",
        "jeunes",
        "patrimoine",
        "santé",
        "Itasy",
        "transports",
        "agric",
    ]
    filter_pool = FILTER_CASES[:16]
    for _ in range(60):
        params: dict[str, str] = {}
        if rng.random() < 0.8:
            params["q"] = " ".join(rng.sample(words, rng.randint(1, 2)))
        for case in rng.sample(filter_pool, rng.randint(0, 2)):
            params.update(case)
        expected_keys, expected_facets = _oracle(records, params)
        result = search(SearchQuery.from_params({**params, "page_size": "100"}))
        assert {by_key[(h.type, h.id)] for h in result.results} == expected_keys, params
        for name in DIMENSIONS:
            got = {f.value: f.count for f in result.facets[name] if f.count}
            assert got == dict(expected_facets[name]), (params, name)


# ------------------------------------------------------------------ sorting, pagination
def test_sort_by_title(records: list[catalogue.Record], by_key: dict[tuple[str, int], str]) -> None:
    from coopdec.textnorm import fold

    by_title = sorted(records, key=lambda r: (" ".join(fold(r.title).split()), r.type, r.id))
    assert keys({"sort": "title"}, by_key) == [r.key for r in by_title]
    assert keys({"sort": "-title"}, by_key) == [r.key for r in reversed(by_title)]
    assert keys({}, by_key) == [r.key for r in by_title]  # no words: title order


def test_sort_by_start_year(
    records: list[catalogue.Record], by_key: dict[tuple[str, int], str]
) -> None:
    ascending = keys({"sort": "start_year"}, by_key)
    years = {r.key: r.start for r in records}
    dated = [years[k] for k in ascending if years[k]]
    assert dated == sorted(dated)
    assert all(years[k] is None for k in ascending[len(dated) :])  # undated last
    descending = keys({"sort": "-start_year"}, by_key)
    dated = [years[k] for k in descending if years[k]]
    assert dated == sorted(dated, reverse=True)
    assert years[descending[-1]] is None


def test_pagination_walks_the_whole_order(
    records: list[catalogue.Record], by_key: dict[tuple[str, int], str]
) -> None:
    full = keys({"sort": "start_year"}, by_key)
    pages = []
    for page in itertools.count(1):
        result = search(
            SearchQuery.from_params({"sort": "start_year", "page": str(page), "page_size": "3"})
        )
        assert result.total == len(records) and result.pages == -(-len(records) // 3)
        if not result.results:
            break
        pages += [by_key[(h.type, h.id)] for h in result.results]
    assert pages == full
    beyond = search(SearchQuery.from_params({"page": "50"}))
    assert beyond.results == [] and beyond.total == len(records)


# ------------------------------------------------------------------------ bad parameters
@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"theme": "pas_un_theme"}, "theme"),
        ({"country": "XX"}, "country"),
        ({"zone": "lune"}, "zone"),
        ({"sdg": "18"}, "sdg"),
        ({"sdg": "six"}, "sdg"),
        ({"authority": "999999999"}, "authority"),
        ({"authority_kind": "canton"}, "authority_kind"),
        ({"region": "99"}, "region"),
        ({"departement": "999"}, "departement"),
        ({"relation_type": "mariage"}, "relation_type"),
        ({"status": "fini"}, "status"),
        ({"type": "person"}, "type"),
        ({"open": "peut-être"}, "open"),
        ({"example": "souvent"}, "example"),
        ({"year_from": "1800"}, "year_from"),
        ({"year_from": "2020", "year_to": "2010"}, "year_to"),
        ({"sort": "date"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"q": "x" * 300}, "q"),
        ({"colour": "blue"}, "colour"),
        ({"theme": "a b"}, "theme"),
    ],
)
def test_bad_parameters_are_refused_with_their_name(params: dict[str, str], parameter: str) -> None:
    with pytest.raises(QueryError) as caught:
        search(SearchQuery.from_params(params))
    assert caught.value.parameter == parameter
    assert parameter in str(caught.value)
