"""A foreign partner searches in English: the French records are found (same on SQLite and
PostgreSQL). The bilingual vocabulary lives in ``catalogue/search/vocabulary.py``."""

from __future__ import annotations

from typing import Any

import pytest

from coopdec.catalogue.search import SearchQuery, search

pytestmark = pytest.mark.django_db


def keys(params: dict[str, Any], by_key: dict[tuple[str, int], str]) -> set[str]:
    result = search(SearchQuery.from_params({"page_size": "100", **params}))
    return {by_key[(h.type, h.id)] for h in result.results}


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("water", "eau"),
        ("water ", "eau "),
        ("drinking water ", "eau potable "),
        ("waste", "déchets"),
        ("health ", "santé "),
        ("youth ", "jeunesse "),
    ],
)
def test_an_english_query_finds_what_the_french_one_finds(
    english: str, french: str, by_key: dict[tuple[str, int], str]
) -> None:
    assert keys({"q": english}, by_key) == keys({"q": french}, by_key) != set()
    for country in ("SN", "ML"):
        found = keys({"q": english, "country": country}, by_key)
        assert found == keys({"q": french, "country": country}, by_key)


def test_water_with_senegal(by_key: dict[tuple[str, int], str]) -> None:
    assert "J9" in keys({"q": "water", "country": "SN"}, by_key)


def test_english_country_names_and_sdg_goal_names(by_key: dict[tuple[str, int], str]) -> None:
    assert keys({"q": "Madagascar Vietnam "}, by_key) == set()  # both words must match
    assert keys({"q": "Morocco "}, by_key) == keys({"country": "MA"}, by_key)
    # J3's own target 7.1 is SDG 7, "Affordable and clean energy".
    assert "J3" in keys({"q": "affordable clean energy "}, by_key)
