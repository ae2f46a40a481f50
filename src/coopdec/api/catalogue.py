"""The catalogue over HTTP: search with facets, and one record of each kind.

Thin: parameters go to ``SearchQuery.from_params`` and the search service, or to the read
services the web pages use; a bad parameter is a 400 ``{"detail": ..., "parameter": ...}``.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from pydantic import create_model

from coopdec.catalogue import fields
from coopdec.catalogue.queries import authorities, contacts, partnerships, projects
from coopdec.catalogue.search import QueryError, SearchQuery, search

router = Router(tags=["catalogue"])


class LabelledOut(Schema):
    value: str
    label: str


class HitOut(Schema):
    type: str = Field(description="project | partnership")
    id: int
    title: str
    summary: str
    start_year: int | None
    end_year: int | None
    status: LabelledOut
    relation_type: LabelledOut
    open_to_new_members: bool
    example: bool = Field(description="projet signalé par un modérateur comme exemple de bonne "
                          "pratique")  # fmt: skip
    themes: list[LabelledOut]
    countries: list[LabelledOut]
    french_authorities: list[LabelledOut]
    foreign_authorities: list[str]
    score: float | None = Field(description="pertinence (recherche avec des mots)")
    url: str


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchOut(Schema):
    total: int
    page: int
    page_size: int
    pages: int
    sort: str
    results: list[HitOut]
    facets: dict[str, list[FacetValueOut]]


class ErrorOut(Schema):
    detail: str
    parameter: str | None = None


def _filter_parameter(declared: fields.Filter) -> tuple[Any, Any]:
    """A declared filter as a query parameter: a list for the multi-valued ones, one optional
    text otherwise; its description is the declaration's ``help``."""
    if declared in fields.MULTI:
        return list[str], Field([], description=declared.help)
    return str | None, Field(None, description=declared.help)


# The search's parameters, built from the filters' one declaration (``catalogue/fields.py``):
# the text first, then every filter in the declared order, then the page's controls. The
# handler reads the request itself (``SearchQuery.from_params``); this schema documents the
# parameters in the OpenAPI document. Mypy sees a plain Schema (a model built at run time is
# not a type to it).
if TYPE_CHECKING:
    SearchParams = Schema
else:
    SearchParams = create_model(
        "SearchParams",
        __base__=Schema,
        __doc__="Documented here for OpenAPI; repeated or comma-separated values are OR-ed.",
        q=(str, Field("", description="mots (le dernier est aussi un début de mot)")),
        **{declared.name: _filter_parameter(declared) for declared in fields.BY_NAME.values()},
        sort=(
            str | None,
            Field(None, description="relevance, title, -title, start_year, -start_year"),
        ),
        page=(str | None, Field(None, description="1, 2, ...")),
        page_size=(str | None, Field(None, description="1 à 100 (20 par défaut)")),
    )


@router.get(
    "/search",
    response={200: SearchOut, 400: ErrorOut},
    summary="Recherche dans les partenariats et les projets, avec facettes",
)
def search_catalogue(
    request: HttpRequest, params: Query[SearchParams]
) -> Status[dict[str, Any]] | HttpResponse:
    try:
        query = SearchQuery.from_params(dict(request.GET.lists()))
    except QueryError as exc:
        return Status(400, {"detail": str(exc), "parameter": exc.parameter})
    try:
        result = search(query)
    except QueryError as exc:  # a well-formed value that names nothing (unknown theme...)
        return Status(400, {"detail": str(exc), "parameter": exc.parameter})
    # Serialised here: validating hundreds of facet values against the schema on every
    # response would cost more than the search (the schema still documents the shape).
    return HttpResponse(result.to_json(), content_type="application/json; charset=utf-8")


def _found(value: Any) -> dict[str, Any]:
    if value is None:
        raise Http404
    return dataclasses.asdict(value)


@router.get("/projects/{project_id}", summary="Un projet", response={200: dict, 404: ErrorOut})
def get_project(request: HttpRequest, project_id: int) -> dict[str, Any]:
    return _found(projects.project_detail(project_id))


@router.get(
    "/partnerships/{partnership_id}", summary="Un partenariat", response={200: dict, 404: ErrorOut}
)
def get_partnership(request: HttpRequest, partnership_id: int) -> dict[str, Any]:
    return _found(partnerships.partnership_detail(partnership_id))


@router.get(
    "/french-authorities/{kind}/{code}",
    summary="Une collectivité française, ses partenariats et ses contacts",
    response={200: dict, 404: ErrorOut},
)
def get_french_authority(request: HttpRequest, kind: str, code: str) -> dict[str, Any]:
    return _found(authorities.authority_detail(kind, code))


class ContactParams(Schema):
    region: str = Field("", description="code INSEE de région")
    country: str = Field("", description="code ISO alpha-2")
    theme: str = Field("", description="code de thème")
    kind: str = Field("", description="type d'organisation")


@router.get("/contacts", summary="Contacts utiles (organisations)", response=list[dict[str, Any]])
def list_contacts(request: HttpRequest, params: Query[ContactParams]) -> list[dict[str, Any]]:
    filters = contacts.ContactFilters(**params.dict())
    return [dataclasses.asdict(c) for c in contacts.directory(filters).contacts]


@router.get("/contacts/{key}", summary="Un contact", response={200: dict, 404: ErrorOut})
def get_contact(request: HttpRequest, key: str) -> dict[str, Any]:
    directory = contacts.directory(contacts.ContactFilters())
    return _found(next((c for c in directory.contacts if c.key == key), None))
