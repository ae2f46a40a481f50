"""The API object and its error format: every error is JSON ``{"detail": ...}`` with a 4xx
(see ``coopdec.api.errors`` for the shape and the errors every operation documents)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from coopdec.api import (
    accounts,
    alerts,
    catalogue,
    contributions,
    declarations,
    diagnostic,
    errors,
    guide,
    opendata,
    project_schema,
    projects,
    reference,
)


class CoopdecAPI(NinjaAPI):
    """NinjaAPI whose published document also lists the errors common to every operation."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        document = super().get_openapi_schema(*args, **kwargs)
        return errors.document_common_errors(project_schema.add_project_file_component(document))


api = CoopdecAPI(
    title="coopdec API",
    version="1",
    description=(
        "API de coopdec : données de référence, catalogue, vérification de projets. "
        'Toutes les réponses sont en JSON ; les erreurs ont la forme {"detail": ..., '
        '"errors": [{"path": ..., "message": ...}]}.'
    ),
    urls_namespace="api-v1",
)
api.add_router("/", reference.router)
api.add_router("/", projects.router)
api.add_router("/", catalogue.router)
api.add_router("/", opendata.router)
api.add_router("/", accounts.router)
api.add_router("/", alerts.router)
api.add_router("/", declarations.router)
api.add_router("/", guide.router)
api.add_router("/", diagnostic.router)
api.add_router("/", contributions.router)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, errors.validation_error_body(exc.errors), status=422)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("introuvable"), "errors": []}, status=404)
