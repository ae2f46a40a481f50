"""Small template helpers: links to detail pages, numbers and periods in the user's language."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.formats import number_format

from coopdec.web.labels import contact_coverage_label, contact_kind_label

register = template.Library()


@register.filter
def authority_url(authority: Any) -> str:
    """The page of a French authority (an ``AuthorityRef``), or "" for bodies outside the COG."""
    if not getattr(authority, "code", None):
        return ""
    kind = authority.kind.value if hasattr(authority.kind, "value") else authority.kind
    return reverse("web:authority", kwargs={"kind": kind, "code": authority.code})


@register.filter
def thousands(value: int | None) -> str:
    """34969 -> "34 969" in French, "34,969" in English."""
    if value is None:
        return ""
    return number_format(value, force_grouping=True)


@register.simple_tag
def period(start: int | None, end: int | None) -> str:
    """Years of a partnership: "2006–2021", "depuis 2006", "jusqu'en 2021", or ""."""
    from coopdec.web.catalogue_templates import period as years

    return years(start, end)


@register.filter
def card_list(cards: Any, heading: int = 3) -> str:
    """Cards of partnerships and projects (``cards.Card``), one markup for every list."""
    from coopdec.web import catalogue_templates

    return catalogue_templates.card_list(cards, heading)


@register.filter
def contact_kind(kind: str) -> str:
    return contact_kind_label(kind)


@register.filter
def contact_coverage(coverage: str) -> str:
    return contact_coverage_label(coverage)


@register.filter
def chart_figure(chart: Any) -> str:
    from coopdec.web import catalogue_templates

    return catalogue_templates.chart_figure(chart)


@lru_cache(maxsize=64)
def _route(name: str, prefix: str) -> str:
    return reverse(name)


@register.simple_tag
def route(name: str) -> str:
    """``{% url %}`` for URLs without arguments, resolved once per process: the catalogue
    page names a dozen of them and ``reverse`` is slow (docs/benchmarks.md)."""
    return _route(name, get_script_prefix())
