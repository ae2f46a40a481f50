"""The diagnostic of a French authority over HTTP, the mandate priorities, the note d'opportunité.

Thin: parameters go to ``coopdec.diagnostic.service``; the answer is the service's
``to_json()``, the very JSON ``coopdec diagnostic --json`` prints. Errors are JSON
``{"detail": ..., "parameter": ...}`` (404 unknown authority, 400 bad parameter).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from coopdec.diagnostic import mandate, note, priorities, service

router = Router(tags=["diagnostic"])


class ErrorOut(Schema):
    detail: str
    parameter: str | None = None


class DiagnosticQuery(Schema):
    priority: list[str] = Field(
        [], description="priorité du mandat (voir /mandate-priorities), répétable"
    )
    date: dt.date | None = Field(None, description="date des échéances (AAAA-MM-JJ)")


class NoteQuery(DiagnosticQuery):
    format: str = Field("pdf", description="pdf ou docx")


def _priority_error(exc: priorities.UnknownPriorityError) -> Status[dict[str, Any]]:
    return Status(400, {"detail": str(exc), "parameter": "priority"})


@router.get(
    "/french-authorities/{kind}/{code}/diagnostic",
    summary="Diagnostic d'une collectivité : action internationale, pairs, pays, financements",
    response={200: dict, 400: ErrorOut, 404: ErrorOut},
)
def diagnostic(
    request: HttpRequest, kind: str, code: str, query: Query[DiagnosticQuery]
) -> Status[dict[str, Any]] | dict[str, Any]:
    try:
        return service.diagnose(kind, code, query.priority, query.date).to_json()
    except service.AuthorityNotFoundError as exc:
        return Status(404, {"detail": str(exc)})
    except priorities.UnknownPriorityError as exc:
        return _priority_error(exc)


@router.get(
    "/french-authorities/{kind}/{code}/opportunity-note",
    summary="Note d'opportunité pour le conseil (PDF ou DOCX)",
    response={200: bytes, 400: ErrorOut, 404: ErrorOut},
)
def opportunity_note(
    request: HttpRequest, kind: str, code: str, query: Query[NoteQuery]
) -> Status[dict[str, Any]] | HttpResponse:
    if query.format not in note.FORMATS:
        detail = f"format inconnu : « {query.format} » (attendus : pdf, docx)"
        return Status(400, {"detail": detail, "parameter": "format"})
    try:
        rendered = note.render(kind, code, query.priority, query.format, query.date)
    except service.AuthorityNotFoundError as exc:
        return Status(404, {"detail": str(exc)})
    except priorities.UnknownPriorityError as exc:
        return _priority_error(exc)
    response = HttpResponse(rendered.content, content_type=rendered.media_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


@router.get(
    "/mandate-priorities",
    summary="Priorités du mandat : thèmes, cibles ODD, arguments sourcés, financements",
    response={200: dict, 400: ErrorOut},
)
def mandate_priorities(
    request: HttpRequest, query: Query[DiagnosticQuery]
) -> Status[dict[str, Any]] | dict[str, Any]:
    try:
        return mandate.view(query.priority, on=query.date).to_json()
    except priorities.UnknownPriorityError as exc:
        return _priority_error(exc)
