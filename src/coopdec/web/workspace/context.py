"""What every workspace page shows around its form: steps, project header, panel, date."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from coopdec.projects import services
from coopdec.web.workspace import panel
from coopdec.web.workspace.forms.vocabulary import AUTHORITY_KINDS
from coopdec.web.workspace.steps import STEPS, Step


def date_query(request: HttpRequest) -> str:
    """``?date=…`` when the visitor chose a date, so links and forms keep it."""
    raw = request.GET.get("date")
    return "?" + urlencode({"date": raw}) if raw else ""


def step_url(request: HttpRequest, step: Step) -> str:
    return reverse("workspace:step", args=[step.slug]) + date_query(request)


def authority_label(kind: Any, code: Any) -> dict[str, Any] | None:
    """The authority as the directory knows it: official name, or a plain "unknown code"."""
    if not kind or not code:
        return None
    return {
        "kind": kind,
        "kind_label": AUTHORITY_KINDS.get(kind, kind),
        "code": code,
        "official": services.authority_name(kind, code),
    }


def page_context(
    request: HttpRequest,
    project: dict[str, Any],
    *,
    current: Step | None,
    on: dt.date,
    date_error: str | None,
) -> dict[str, Any]:
    lead = project.get("lead_authority") or {}
    index = STEPS.index(current) if current else None
    return {
        "project": project,
        "lead": authority_label(lead.get("kind"), lead.get("code")),
        "co_authorities": [
            authority_label(a.get("kind"), a.get("code")) for a in project.get("co_authorities", [])
        ],
        "steps": [
            {"step": s, "url": step_url(request, s), "number": n}
            for n, s in enumerate(STEPS, start=1)
        ],
        "current": current,
        "number": index + 1 if index is not None else None,
        "total": len(STEPS),
        "next": STEPS[index + 1] if index is not None and index + 1 < len(STEPS) else None,
        "next_url": (
            step_url(request, STEPS[index + 1])
            if index is not None and index + 1 < len(STEPS)
            else None
        ),
        "date_query": date_query(request),
        "date_error": date_error,
        "panel": panel.build(project, on),
        "chosen_date": request.GET.get("date", ""),
    }
