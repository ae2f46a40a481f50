"""The API object and its error format: every error is JSON ``{"detail": ...}`` with a 4xx."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from coopdec.api import catalogue, diagnostic, exchange, projects, reference

api = NinjaAPI(
    title="coopdec API",
    version="1",
    description=(
        "API de coopdec : données de référence, catalogue, vérification de projets. "
        'Toutes les réponses sont en JSON ; les erreurs ont la forme {"detail": ...}.'
    ),
    urls_namespace="api-v1",
)
api.add_router("/", reference.router)
api.add_router("/", projects.router)
api.add_router("/", catalogue.router)
api.add_router("/", exchange.router)
api.add_router("/", diagnostic.router)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "paramètres invalides", "errors": exc.errors}, status=422
    )
