"""Links that change one part of the catalogue's URL state (pure)."""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from coopdec.web import urlstate

names = st.sampled_from(["country", "theme", "q", "departement", "page", "sort"])
facets = st.sampled_from(["country", "theme", "departement", "zone"])  # what links toggle
values = st.text(alphabet="abcAB12 é&=+<>\"'", min_size=1, max_size=6)
params_strategy = st.dictionaries(names, st.lists(values, min_size=1, max_size=3), max_size=4)


def parsed(link: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(link).query)


@given(params_strategy, facets, values)
def test_toggling_adds_or_removes_one_value_and_drops_the_page(
    params: dict[str, list[str]], name: str, value: str
) -> None:
    link = urlstate.toggled(params, name, value)
    state = parsed(link)
    assert "page" not in state
    before = params.get(name, [])
    if value in before:
        assert value not in state.get(name, [])
    else:
        assert state[name][-1] == value
    for other, kept in params.items():
        if other not in (name, "page"):
            assert state[other] == kept


@given(params_strategy, facets, st.lists(values, min_size=1, max_size=5))
def test_toggler_gives_the_same_state_as_toggled(
    params: dict[str, list[str]], name: str, candidates: list[str]
) -> None:
    href = urlstate.toggler(params, name, "/catalogue/")
    for value in candidates:
        fast = href(value)
        assert fast.startswith("/catalogue/")
        assert parsed(fast) == parsed(urlstate.toggled(params, name, value))
        assert href.html(value) == escape(fast)  # escaped once for the fixed part only


def test_paging_and_downloads() -> None:
    params = {"country": ["BF"], "page": ["3"], "page_size": ["50"]}
    assert urlstate.paged(params, 1) == "?country=BF&page_size=50"
    assert urlstate.paged(params, 4) == "?country=BF&page=4&page_size=50"
    assert urlstate.without_paging(params) == "?country=BF"
    assert urlstate.encode({}) == ""
    assert urlstate.replaced(params, "country", "SN") == "?country=SN&page_size=50"
