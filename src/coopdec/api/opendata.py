"""Open data and open standards over HTTP: catalogue exports, IATI files, APD, deadlines.

Thin: each route calls one service of ``coopdec.opendata`` and streams the file it wrote.
Errors are JSON ``{"detail": ...}``: 400 for a bad parameter, 422 for an invalid project file
or IATI file (with every issue), 413 for an upload over the limit.
"""

from __future__ import annotations

from typing import IO, Any, cast

from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import Body, Query, Router, Schema, Status
from ninja.security import django_auth

from coopdec.assistant import ProjectFileError
from coopdec.catalogue.imports.iati.importer import import_iati
from coopdec.formats.iati import IatiError
from coopdec.opendata import deadlines, downloads
from coopdec.opendata import exports as opendata
from coopdec.opendata.records import table_schema
from coopdec.opendata.selection import Selection, SelectionError

router = Router(tags=["échanges : données ouvertes, IATI, APD"])
MAX_UPLOAD = 50 * 1024 * 1024  # bytes


class Filters(Schema):
    authority: str | None = None
    country: str | None = None
    theme: str | None = None


class IatiFilters(Filters):
    org_ref: str | None = None


class OrganisationQuery(Schema):
    authority: str
    org_ref: str | None = None


class ApdQuery(Schema):
    authority: str
    year: int | None = None


class ApdBody(Schema):
    authority: str
    year: int | None = None
    project_files: list[dict[str, Any]] = []


class ErrorOut(Schema):
    detail: str
    errors: list[Any] = []


def _file(download: downloads.Download) -> FileResponse:
    response = FileResponse(
        download.file,
        as_attachment=True,
        filename=download.filename,
        content_type=download.media_type,
    )
    for name, value in download.headers.items():
        response[name] = value
    return response


def _bad(exc: Exception) -> Status[dict[str, Any]]:
    return Status(400, {"detail": str(exc), "errors": []})


def _invalid(exc: ProjectFileError) -> Status[dict[str, Any]]:
    return Status(422, {"detail": "fichier de projet invalide", "errors": exc.to_json()["errors"]})


# The IATI exports answer XML, not JSON: one declaration of that 200 response for the
# OpenAPI document (the contract test validates the real responses against it).
_IATI_XML_RESPONSE: dict[str, Any] = {
    "responses": {
        "200": {
            "description": "Fichier XML IATI 2.03",
            "content": {"application/xml": {"schema": {"type": "string"}}},
        }
    }
}


@router.get("/exports/catalogue.schema.json", summary="Table Schema du CSV du catalogue")
def catalogue_schema(request: HttpRequest) -> dict[str, Any]:
    return table_schema()


@router.get(
    "/exports/catalogue.datapackage.json",
    response={200: dict[str, Any], 400: ErrorOut},
    summary="Data Package du CSV du catalogue : licence, sources, Table Schema",
)
def catalogue_datapackage(request: HttpRequest, filters: Query[Filters]) -> Any:
    try:
        selection = Selection.parse(**filters.dict())
    except SelectionError as exc:
        return _bad(exc)
    return opendata.datapackage(selection, "coopdec-catalogue.csv")


@router.get(
    "/exports/catalogue.{fmt}",
    response={400: ErrorOut},
    summary="Le catalogue en données ouvertes : csv, json, geojson ou xlsx",
    description=(
        "Partenariats et projets, filtrés par collectivité (NATURE:CODE), pays (ISO) ou thème. "
        "Chaque fichier indique sa licence et ses sources ; le CSV est décrit par "
        "/exports/catalogue.datapackage.json (licence, sources, Table Schema)."
    ),
)
def catalogue_export(request: HttpRequest, fmt: str, filters: Query[Filters]) -> Any:
    try:
        download = downloads.catalogue(fmt, **filters.dict())
    except SelectionError as exc:
        return _bad(exc)
    response = _file(download)
    if fmt == "csv":
        response["Link"] = '</api/v1/exports/catalogue.datapackage.json>; rel="describedby"'
    return response


@router.get(
    "/exports/iati/activities.xml",
    response={400: ErrorOut},
    summary="Projets du catalogue en activités IATI 2.03",
    openapi_extra=_IATI_XML_RESPONSE,
)
def iati_activities(request: HttpRequest, filters: Query[IatiFilters]) -> Any:
    try:
        return _file(downloads.iati_activities(**filters.dict()))
    except SelectionError as exc:
        return _bad(exc)


@router.post(
    "/exports/iati/project-files.xml",
    response={422: ErrorOut},
    summary="Fichiers de projet (JSON) en activités IATI 2.03",
    openapi_extra=_IATI_XML_RESPONSE,
)
def iati_project_files(
    request: HttpRequest, projects: Body[list[dict[str, Any]]], org_ref: str | None = None
) -> Any:
    try:
        return _file(downloads.iati_project_files(projects, org_ref))
    except ProjectFileError as exc:
        return _invalid(exc)


@router.get(
    "/exports/iati/organisation.xml",
    response={400: ErrorOut},
    summary="Fichier d'organisation IATI d'une collectivité française",
    openapi_extra=_IATI_XML_RESPONSE,
)
def iati_organisation(request: HttpRequest, query: Query[OrganisationQuery]) -> Any:
    try:
        return _file(downloads.iati_organisation(query.authority, query.org_ref))
    except SelectionError as exc:
        return _bad(exc)


@router.post(
    "/imports/iati",
    auth=django_auth,
    response={200: dict[str, Any], 400: ErrorOut, 403: ErrorOut, 413: ErrorOut, 422: Any},
    summary="Importer un fichier IATI 2.01-2.03 dans le catalogue (curateurs)",
    description=(
        "Formulaire multipart, champ « file ». Tout ou rien : un fichier non conforme au "
        "schéma n'écrit rien et la réponse 422 liste chaque problème (élément, ligne, règle). "
        "Paramètres : partial=true (ignorer les activités non conformes), dry_run=true."
    ),
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                }
            }
        }
    },
)
def iati_upload(request: HttpRequest, partial: bool = False, dry_run: bool = False) -> Any:
    if not getattr(request.user, "is_staff", False):
        return Status(403, {"detail": "import réservé aux curateurs", "errors": []})
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > MAX_UPLOAD:
        return Status(413, {"detail": f"fichier de plus de {MAX_UPLOAD // 2**20} Mo", "errors": []})
    upload = request.FILES.get("file")
    if upload is None:
        return Status(400, {"detail": "champ « file » absent (formulaire multipart)", "errors": []})
    try:
        summary = import_iati(
            cast(IO[bytes], upload), file_name=upload.name, partial=partial, dry_run=dry_run
        )
    except IatiError as exc:
        return Status(422, {"detail": exc.describe(), "errors": []})
    report = summary.to_json()
    return Status(422 if summary.status == "refused" else 200, report)


@router.get(
    "/exports/apd.{fmt}",
    response={400: ErrorOut},
    summary="Déclaration annuelle de l'APD (projets du catalogue) : csv ou xlsx",
)
def apd_from_catalogue(request: HttpRequest, fmt: str, query: Query[ApdQuery]) -> Any:
    try:
        return _file(downloads.apd_declaration(fmt, query.authority, query.year))
    except SelectionError as exc:
        return _bad(exc)


@router.post(
    "/exports/apd.{fmt}",
    response={400: ErrorOut, 422: ErrorOut},
    summary="Déclaration annuelle de l'APD (fichiers de projet et catalogue) : csv ou xlsx",
)
def apd_with_files(request: HttpRequest, fmt: str, body: Body[ApdBody]) -> Any:
    try:
        return _file(downloads.apd_declaration(fmt, body.authority, body.year, body.project_files))
    except SelectionError as exc:
        return _bad(exc)
    except ProjectFileError as exc:
        return _invalid(exc)


@router.get(
    "/funding/deadlines.ics",
    summary="Calendrier (iCalendar, RFC 5545) des dates limites des financements",
)
def funding_deadlines(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        deadlines.calendar().encode("utf-8"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="coopdec-echeances.ics"'
    return response
