"""``{% record_provenance "project" %}``: on a catalogue detail page, who declared and who
checked the record, its call for partners, and links to propose a change (contributions)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from coopdec.accounts.services import approved_authorities
from coopdec.contributions import queries, services
from coopdec.contributions.forms_spec import MODELS

register = template.Library()


@register.inclusion_tag("contributions/provenance.html", takes_context=True)
def record_provenance(context: Any, record_kind: str) -> dict[str, Any]:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    pk = match.kwargs.get("pk") if match else None
    model = MODELS[record_kind]
    record = model._default_manager.filter(pk=pk).first() if pk else None
    if record is None:
        return {}
    closes = getattr(record, "call_closes_on", None)
    user = getattr(request, "user", None)
    mine = []
    if user is not None and user.is_authenticated:
        mine = list(approved_authorities(user).filter(pk__in=record.french_authorities.all()))
    may_flag = (
        record_kind == "project"
        and user is not None
        and user.is_authenticated
        and services.may_flag_example(user, record)  # type: ignore[arg-type]
    )
    return {
        "may_flag": may_flag,
        "example": getattr(record, "example", None) if may_flag else None,
        "csrf_token": context.get("csrf_token"),
        "attribution": queries.attribution(record_kind, record.key),
        "record_kind": record_kind,
        "key": record.key,
        "call_closes_on": (
            closes
            if closes and closes >= timezone.localdate() and record.open_to_new_members
            else None
        ),
        "call_contact": getattr(record, "call_contact", ""),
        "authorities": mine,
        "slug": "partenariat" if record_kind == "partnership" else "projet",
    }
