"""The catalogue's state lives in its URL: build the links that change one part of it.

Parameters are the search service's (``SearchQuery.to_params``), so a link made here is the
same query for the page, the downloads and ``GET /api/v1/search``. Changing a filter always
drops the page number: page 3 of another result set means nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from html import escape
from urllib.parse import urlencode

Params = Mapping[str, list[str]]


def encode(params: Params) -> str:
    """``?a=1&a=2&b=x`` (empty string for no parameter), keys in a stable order."""
    pairs = [_pair(key, value) for key in sorted(params) for value in params[key]]
    return "?" + "&".join(pairs) if pairs else ""


@lru_cache(maxsize=4096)
def _pair(key: str, value: str) -> str:
    """``key=value`` as ``urlencode`` writes it. A catalogue page encodes the same few
    parameters a dozen times over (a link per facet, page, tag and chart); quoting each
    once saves a hundred ``quote_plus`` per response."""
    return urlencode([(key, value)])


def _copy(params: Params, *, drop: Iterable[str] = ("page",)) -> dict[str, list[str]]:
    dropped = set(drop)
    return {k: list(v) for k, v in params.items() if k not in dropped and v}


def toggled(params: Params, name: str, value: str) -> str:
    """The query string with ``value`` added to ``name``, or removed if it was there."""
    state = _copy(params)
    values = state.get(name, [])
    state[name] = [v for v in values if v != value] if value in values else [*values, value]
    return encode(state)


class Toggler:
    """``path + toggled(params, name, value)`` for many values of one dimension: the other
    parameters are encoded once (a facet lists hundreds of values)."""

    def __init__(self, params: Params, name: str, path: str) -> None:
        self.params, self.name, self.path = params, name, path
        self.current = set(params.get(name, []))
        others = path + encode(_copy(params))
        self.others = others + ("&" if "?" in others else "?")
        self.others_html = escape(self.others)

    def __call__(self, value: str) -> str:
        if value in self.current:
            return self.path + toggled(self.params, self.name, value)
        return self.others + _pair(self.name, value)

    def html(self, value: str) -> str:
        """The link escaped for an attribute. An encoded ``key=value`` has nothing to escape
        (``urlencode`` quotes ``&``, ``<``, ``"``…): only the fixed part is escaped, once."""
        if value in self.current:
            return escape(self(value))
        return self.others_html + _pair(self.name, value)


def toggler(params: Params, name: str, path: str) -> Toggler:
    return Toggler(params, name, path)


def replaced(params: Params, name: str, value: str | None) -> str:
    """The query string with ``name`` set to this one value (or removed when None)."""
    state = _copy(params)
    state.pop(name, None)
    if value is not None:
        state[name] = [value]
    return encode(state)


def paged(params: Params, page: int) -> str:
    state = _copy(params, drop=())
    state.pop("page", None)
    if page > 1:
        state["page"] = [str(page)]
    return encode(state)


def without_paging(params: Params) -> str:
    """For the downloads: the whole result set, not one page of it."""
    return encode(_copy(params, drop=("page", "page_size")))
