"""POST a project (JSON) to check it, find its funding or render a document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Body, Query, Router, Schema, Status

from coopdec import documents
from coopdec.assistant import ProjectFileError
from coopdec.projects import services

router = Router(tags=["assistant de projet"])


class DateQuery(Schema):
    date: dt.date | None = None


class FieldErrorOut(Schema):
    path: str
    message: str


class ProjectErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


class SourceOut(Schema):
    label: str
    url: str


class VerdictOut(Schema):
    rule: str
    status: str
    message: str
    sources: list[SourceOut]
    confidence: str
    valid_from: str | None
    valid_to: str | None


class CheckOut(Schema):
    date: str
    verdicts: list[VerdictOut]
    summary: dict[str, int]


class ProgramOut(Schema):
    id: str
    name: str
    funder: str
    eligible: bool | None
    reasons: list[Any]
    max_rate: Any
    max_amount: Any
    next_deadline: str | None


class FundingOut(Schema):
    date: str
    programs: list[ProgramOut]


def _invalid(exc: ProjectFileError) -> Status[dict[str, Any]]:
    return Status(422, {"detail": "fichier de projet invalide", "errors": exc.to_json()["errors"]})


@router.post(
    "/check",
    response={200: CheckOut, 422: ProjectErrorOut},
    summary="Vérifier un projet au regard du droit en vigueur à une date",
)
def check(request: HttpRequest, query: Query[DateQuery], project: Body[dict[str, Any]]) -> Any:
    try:
        return services.check(project, query.date)
    except ProjectFileError as exc:
        return _invalid(exc)


@router.post(
    "/funding",
    response={200: FundingOut, 422: ProjectErrorOut},
    summary="Programmes de financement d'un projet",
)
def funding(request: HttpRequest, query: Query[DateQuery], project: Body[dict[str, Any]]) -> Any:
    try:
        return services.funding(project, query.date)
    except ProjectFileError as exc:
        return _invalid(exc)


class DocumentQuery(Schema):
    format: str = "pdf"
    date: dt.date | None = None


@router.post(
    "/documents/{kind}",
    response={422: ProjectErrorOut, 400: ProjectErrorOut},
    summary="Produire un document (convention, deliberation, lettre-intention, candidature)",
)
def document(
    request: HttpRequest,
    kind: str,
    query: Query[DocumentQuery],
    project: Body[dict[str, Any]],
) -> Any:
    if query.format not in documents.FORMATS:
        return Status(
            400, {"detail": f"format inconnu : {query.format} (pdf ou docx)", "errors": []}
        )
    try:
        rendered = services.document(kind, project, query.format, query.date)
    except ProjectFileError as exc:
        return _invalid(exc)
    except documents.UnknownDocumentKindError as exc:
        return Status(400, {"detail": str(exc), "errors": []})
    except documents.MissingFieldsError as exc:
        return Status(
            422,
            {
                "detail": f"champs manquants pour le document « {kind} »",
                "errors": [{"path": p.path, "message": p.reason} for p in exc.problems],
            },
        )
    response = HttpResponse(rendered.content, content_type=rendered.media_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
