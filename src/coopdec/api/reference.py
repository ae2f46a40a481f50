"""Read-only reference lists: themes, SDGs, countries, zones."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from coopdec.reference import queries

router = Router(tags=["référentiels"])


class ThemeOut(Schema):
    id: str
    label_fr: str
    label_en: str
    sdg_goals: list[int]
    dac_categories: list[str]
    default_dac_sector: str | None


class TargetOut(Schema):
    code: str
    label_fr: str
    label_en: str


class GoalOut(Schema):
    number: int
    short_fr: str
    short_en: str
    label_fr: str
    label_en: str
    targets: list[TargetOut]


class OdaOut(Schema):
    list_id: str
    group: str
    first_year: int
    last_year: int
    confidence: str
    source: str


class CountryOut(Schema):
    iso2: str
    iso3: str
    numeric: str
    name_fr: str
    name_en: str
    zone: str | None
    oda: list[OdaOut]


class ZoneOut(Schema):
    code: str
    label_fr: str
    label_en: str
    countries: list[str]


@router.get("/themes", response=list[ThemeOut], summary="Thèmes du catalogue")
def list_themes(request: HttpRequest) -> list[dict[str, object]]:
    return queries.themes_as_dicts()


@router.get("/sdgs", response=list[GoalOut], summary="Objectifs et cibles de développement durable")
def list_sdgs(request: HttpRequest) -> list[dict[str, object]]:
    return queries.sdgs_as_dicts()


@router.get("/countries", response=list[CountryOut], summary="Pays, zone et statut APD")
def list_countries(request: HttpRequest) -> list[dict[str, object]]:
    return queries.countries_as_dicts()


@router.get("/countries/{iso2}", response=CountryOut, summary="Un pays")
def get_country(request: HttpRequest, iso2: str) -> dict[str, object]:
    found = queries.countries_as_dicts(iso2=iso2.upper())
    if not found:
        get_object_or_404(queries.Country, iso2=iso2.upper())
    return found[0]


@router.get("/zones", response=list[ZoneOut], summary="Zones géographiques du catalogue")
def list_zones(request: HttpRequest) -> list[dict[str, object]]:
    return queries.zones_as_dicts()
