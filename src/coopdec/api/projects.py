"""POST a project (JSON) to check it, find its funding or render a document.

The body is bounded before it is decoded (``limits``), parsed once into a ``ProjectFile``
and every error of the file, or of what a document lacks, is the project file's one error
type, answered as ``{"detail": ..., "errors": [{"path", "message"}]}``.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Body, Query, Router, Schema, Status
from ninja.decorators import decorate_view

from coopdec import documents
from coopdec import projectfile_service as services
from coopdec.api.errors import IsoDate
from coopdec.api.limits import bounded_project_body
from coopdec.api.project_schema import project_file_body
from coopdec.languages import speaking
from coopdec.projectfile import FieldError, NestingTooDeepError, ProjectFileError

router = Router(tags=["assistant de projet"])


Language = Literal["fr", "en"]


class DateQuery(Schema):
    date: IsoDate | None = None
    # The verdicts' and reasons' language (default: the site's, French unless the language
    # switcher chose English); ids, statuses, sources, dates and confidence do not change.
    lang: Language | None = None


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
    # Dated, sourced points of attention (crisis countries…), never a refusal by themselves.
    warnings: list[str] = []


class FundingOut(Schema):
    date: str
    programs: list[ProgramOut]


def _errors(errors: tuple[FieldError, ...] | list[FieldError]) -> list[dict[str, str]]:
    return [{"path": e.path, "message": e.message} for e in errors]


def _invalid(exc: ProjectFileError) -> Status[dict[str, Any]]:
    # A file nested past the limit is a malformed request; any other error, an invalid file.
    status = 400 if isinstance(exc, NestingTooDeepError) else 422
    return Status(status, {"detail": "fichier de projet invalide", "errors": _errors(exc.errors)})


@router.post(
    "/check",
    response={200: CheckOut, 400: ProjectErrorOut, 413: ProjectErrorOut, 422: ProjectErrorOut},
    summary="Vérifier un projet au regard du droit en vigueur à une date",
    openapi_extra=project_file_body(),
)
@decorate_view(bounded_project_body)
def check(request: HttpRequest, query: Query[DateQuery], project: Body[dict[str, Any]]) -> Any:
    try:
        with speaking(query.lang):
            return services.check(services.parse(project), query.date).to_json()
    except ProjectFileError as exc:
        return _invalid(exc)


@router.post(
    "/funding",
    response={200: FundingOut, 400: ProjectErrorOut, 413: ProjectErrorOut, 422: ProjectErrorOut},
    summary="Programmes de financement d'un projet",
    openapi_extra=project_file_body(),
)
@decorate_view(bounded_project_body)
def funding(request: HttpRequest, query: Query[DateQuery], project: Body[dict[str, Any]]) -> Any:
    try:
        with speaking(query.lang):
            return services.funding(services.parse(project), query.date).to_json()
    except ProjectFileError as exc:
        return _invalid(exc)


class DocumentQuery(Schema):
    format: str = "pdf"
    date: IsoDate | None = None
    # The convention in French and in English, section by section (documents.BILINGUAL_KINDS).
    bilingual: bool = False


@router.post(
    "/documents/{kind}",
    response={
        422: ProjectErrorOut,
        400: ProjectErrorOut,
        413: ProjectErrorOut,
        503: ProjectErrorOut,
    },
    summary="Produire un document (convention, délibération, lettre, candidature, charte)",
    openapi_extra=project_file_body(),
)
@decorate_view(bounded_project_body)
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
        rendered = services.document(
            kind, services.parse(project), query.format, query.date, bilingual=query.bilingual
        )
    except ProjectFileError as exc:
        return _invalid(exc)
    except documents.UnknownDocumentKindError as exc:
        return Status(400, {"detail": str(exc), "errors": []})
    except documents.MissingFieldsError as exc:
        detail = f"champs manquants pour le document « {kind} »"
        return Status(422, {"detail": detail, "errors": _errors(exc.problems)})
    except documents.DeadlineExceeded as exc:
        return Status(503, {"detail": str(exc), "errors": []})
    response = HttpResponse(rendered.content, content_type=rendered.media_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
