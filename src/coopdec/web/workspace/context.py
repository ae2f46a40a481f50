"""What every workspace page shows around its form: steps, project header, panel, date."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from coopdec import projectfile_service as services
from coopdec.projectfile import ProjectFile, ProjectFileError
from coopdec.web.workspace import panel, storage
from coopdec.web.workspace.forms.vocabulary import AUTHORITY_KIND_LABELS
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
        "kind_label": AUTHORITY_KIND_LABELS.get(kind, kind),
        "code": code,
        "official": services.authority_name(kind, code),
    }


def parsed(project: dict[str, Any]) -> tuple[ProjectFile | None, list[Any]]:
    """The stored file parsed (once per request), or ``None`` and the parser's errors."""
    try:
        return services.parse(project), []
    except ProjectFileError as exc:
        return None, exc.errors


def page_context(
    request: HttpRequest,
    project: dict[str, Any],
    *,
    current: Step | None,
    on: dt.date,
    date_error: str | None,
) -> dict[str, Any]:
    """What every page shows; ``project_file`` is the one parse the page's parts share."""
    project_file, errors = parsed(project)
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
        "project_file": project_file,
        "panel": panel.build(project_file, on, errors),
        "chosen_date": request.GET.get("date", ""),
        "retention_days": storage.RETENTION.days,
    }
