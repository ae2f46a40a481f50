"""Two small memos for the markup written in Python on every catalogue response.

- ``per_language``: fixed words looked up once per language rather than on each request
  (a gettext lookup goes through thread-local state; the catalogue page made about a hundred
  of them per response).
- ``esc``: ``html.escape`` of the labels that come back on every page (country, département,
  theme names, facet values): the same few thousand strings, escaped hundreds of times per
  response otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TypeVar

from django.utils.translation import get_language

T = TypeVar("T")

# Labels of facet values and countries are a bounded set (reference data and the catalogue's
# authorities); the bound only guards against a memo that would keep growing.
ESCAPED_LIMIT = 50_000
_escaped: dict[str, str] = {}


def esc(text: str) -> str:
    """``html.escape(text)``, remembered: for labels that recur from page to page, not for
    text typed by a visitor."""
    try:
        return _escaped[text]
    except KeyError:
        if len(_escaped) >= ESCAPED_LIMIT:
            _escaped.clear()
        done = _escaped[text] = escape(text)
        return done


def per_language(build: Callable[[], T]) -> Callable[[], T]:
    """``build()`` once per active language: for tables of translated fixed words. The
    translations are the process's compiled catalogues, which do not change while it runs."""
    made: dict[str, T] = {}

    def get() -> T:
        language = get_language() or ""
        try:
            return made[language]
        except KeyError:
            value = made[language] = build()
            return value

    get.__doc__ = build.__doc__
    get.__wrapped__ = build  # type: ignore[attr-defined]
    return get
