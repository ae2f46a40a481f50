"""Pure parts: French text to terms, and request parameters to a query (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdec.catalogue.search import QueryError, SearchQuery
from coopdec.catalogue.search.text import fold_text, parse_text, terms, unique_terms, words
from coopdec.textnorm import fold


@given(st.text(max_size=60))
def test_fast_fold_equals_the_reference_fold(text: str) -> None:
    assert fold_text(text) == fold(text).lower()


def test_accents_case_and_plurals_give_the_same_terms() -> None:
    assert terms("Jumelages") == terms("jumelage") == ["jumelag"]
    assert terms("COOPÉRATIONS") == terms("coopération") == terms("cooperation")
    assert terms("Énergie") == terms("energie")
    assert terms("hôpitaux") == terms("hopital")


def test_stop_words_and_single_letters_are_not_indexed() -> None:
    assert words("L'eau et l'assainissement de la ville") == ["eau", "assainissement", "ville"]
    assert unique_terms("eau, Eau, EAUX") == ["eau"]
    assert unique_terms("eau potable", exclude={"eau"}) == ["potabl"]


def test_last_word_is_a_prefix_unless_followed_by_a_space() -> None:
    assert [(w.term, w.prefix) for w in parse_text("eau pot")] == [("eau", False), ("pot", True)]
    assert [w.prefix for w in parse_text("eau pot ")] == [False, False]
    assert parse_text("la de ") == []
    assert [w.prefix for w in parse_text("eau p")] == [False]  # a single letter is dropped


def test_from_params_reads_repeated_and_comma_separated_values() -> None:
    query = SearchQuery.from_params(
        {"q": "eau", "theme": ["eau_assainissement", "sante,dechets"], "country": "sn",
         "open": "oui", "year_from": "2010", "sort": "-start_year", "page": "2"}
    )  # fmt: skip
    assert query.themes == ("eau_assainissement", "sante", "dechets")
    assert query.countries == ("SN",)
    assert query.open_to_new_members is True and query.year_from == 2010
    assert query.sort == "-start_year" and query.offset == 20
    assert SearchQuery.from_params(query.to_params()) == query


def test_no_words_sorts_by_title_by_default() -> None:
    assert SearchQuery.from_params({}).sort == "title"
    assert SearchQuery.from_params({"q": "eau"}).sort == "relevance"


def test_unknown_parameters_are_refused_unless_not_strict() -> None:
    with pytest.raises(QueryError, match="colour"):
        SearchQuery.from_params({"colour": "blue"})
    assert SearchQuery.from_params({"colour": "blue", "q": "eau"}, strict=False).text == "eau"


@given(
    st.lists(st.sampled_from(["eau_assainissement", "sante", "dechets"]), max_size=3, unique=True),
    st.lists(st.integers(1, 17), max_size=3, unique=True),
    st.one_of(st.none(), st.booleans()),
    st.integers(1, 50),
    st.sampled_from(["relevance", "title", "-title", "start_year", "-start_year"]),
)
def test_params_round_trip(
    themes: list[str], sdgs: list[int], is_open: bool | None, page: int, sort: str
) -> None:
    query = SearchQuery(
        text="eau potable", themes=tuple(themes), sdgs=tuple(sdgs), open_to_new_members=is_open,
        page=page, sort=sort,
    )  # fmt: skip
    assert SearchQuery.from_params(query.to_params()) == query


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_fast_word_split_equals_the_regular_expression(text: str) -> None:
    from coopdec.catalogue.search import text as module

    folded = fold_text(text)
    assert module._split(folded) == module._WORD.findall(folded)
