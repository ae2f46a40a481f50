"""Links of the diagnostic pages: an authority's diagnostic, a catalogue record."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

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
