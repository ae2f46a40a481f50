"""A partner country's record: every partnership there, a breakdown by theme, projects and
contacts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from coopdec.catalogue.models import FrenchAuthority, Partnership, Project
from coopdec.catalogue.queries.refs import (
    CONTACTS,
    ContactRef,
    PartnershipRef,
    Ref,
    contact_ref,
    partnership_refs,
)
from coopdec.reference.models import Country, Theme


@dataclass(frozen=True)
class CountryDetail:
    country: Ref
    zone: Ref | None
    partnerships: list[PartnershipRef]
    themes: list[tuple[Ref, int]]  # (theme, partnerships), most frequent first
    without_theme: int
    authority_count: int
    projects: list[Ref]
    contacts: list[ContactRef]


def country_detail(iso2: str) -> CountryDetail | None:
    country = Country.objects.filter(iso2=iso2.upper()).select_related("zone").first()
    if country is None:
        return None
    ids = Partnership.objects.filter(foreign_authorities__country=country).values("pk")
    in_country = Partnership.objects.filter(pk__in=ids)
    themes = (
        Theme.objects.filter(partnerships__in=ids)
        .annotate(count=Count("partnerships", distinct=True))
        .order_by("-count", "position")
    )
    projects = Project.objects.filter(countries=country).order_by("title")
    return CountryDetail(
        country=Ref(country.iso2, country.name),
        zone=Ref(country.zone.code, country.zone.label) if country.zone else None,
        partnerships=partnership_refs(in_country.order_by("title")),
        themes=[(Ref(t.code, t.label), t.count) for t in themes],
        without_theme=in_country.filter(themes__isnull=True).count(),
        authority_count=FrenchAuthority.objects.filter(partnerships__in=ids).distinct().count(),
        projects=[Ref(str(p.pk), p.title) for p in projects],
        contacts=[contact_ref(c) for c in CONTACTS.filter(countries=country)],
    )
