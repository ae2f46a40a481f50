"""Links of the diagnostic pages (an authority's diagnostic, a catalogue record) and lists of
names."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def diagnostic_url(value: str) -> str:
    """``"commune/29232"`` (a diagnostic's authority reference) -> its diagnostic page."""
    kind, _sep, code = value.partition("/")
    if not code:
        return ""
    return reverse("web:diagnostic", kwargs={"kind": kind, "code": code})


@register.filter
def action_url(action: Any) -> str:
    """The catalogue page of a partnership or a project (an ``ActionLine``)."""
    name = "web:partnership" if action.type == "partnership" else "web:project"
    return reverse(name, kwargs={"pk": action.id})


@register.filter
def labels(values: Iterable[Any], empty: str = "") -> SafeString:
    """The labels of ``Named`` values, escaped, joined by ", " (``empty`` when there are none).

    The same text as a ``{% for %}`` loop with ``forloop.last``, in one node: the footprint
    table of a région has hundreds of rows, each with a dozen themes. Plain text is escaped
    by ``html.escape`` (what Django's ``escape`` calls, without its lazy-text wrapper, which
    cost more than the escaping); text already HTML by its type is kept."""
    joined = ", ".join(_escaped(v.label) for v in values)
    return mark_safe(joined or _escaped(empty))  # noqa: S308  (each part escaped)


def _escaped(text: Any) -> str:
    if type(text) is str:
        return html.escape(text)
    return str(conditional_escape(text))


@register.filter
def footprint_rows(lines: Iterable[Any]) -> SafeString:
    """The rows of the footprint table (``CountryLine``: country, actions, years, themes).

    Rendered by Jinja2 through ``catalogue_templates.render``, as the catalogue's results
    region is (same escaping as Django's, same text): a région or Paris has more than two
    hundred rows, which were half of its page's time in Django's engine."""
    from coopdec.web.catalogue_templates import period, render, trusted

    rows = [
        {
            "country": line.country.label,
            "actions": line.actions,
            "years": period(line.first_year, line.last_year),
            "themes": trusted(labels(line.themes, "—")),
        }
        for line in lines
    ]
    return mark_safe(render("diagnostic/footprint_rows.html", {"rows": rows}))  # noqa: S308
