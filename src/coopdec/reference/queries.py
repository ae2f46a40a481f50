"""Reference data as plain dicts, for the API and the CLI (one query shape for both)."""

from __future__ import annotations

from django.db.models import Prefetch

from coopdec.reference.models import Country, OdaRecipient, SdgGoal, Theme, Zone

__all__ = ["Country", "countries_as_dicts", "sdgs_as_dicts", "themes_as_dicts", "zones_as_dicts"]


def themes_as_dicts() -> list[dict[str, object]]:
    themes = Theme.objects.select_related("default_dac_sector").prefetch_related(
        "sdg_goals", "dac_categories"
    )
    return [
        {
            "id": t.code,
            "label_fr": t.label_fr,
            "label_en": t.label_en,
            "sdg_goals": sorted(g.number for g in t.sdg_goals.all()),
            "dac_categories": sorted(c.code for c in t.dac_categories.all()),
            "default_dac_sector": t.default_dac_sector.code if t.default_dac_sector else None,
        }
        for t in themes
    ]


def sdgs_as_dicts() -> list[dict[str, object]]:
    return [
        {
            "number": g.number,
            "short_fr": g.short_fr,
            "short_en": g.short_en,
            "label_fr": g.label_fr,
            "label_en": g.label_en,
            "targets": [
                {"code": t.code, "label_fr": t.label_fr, "label_en": t.label_en}
                for t in g.targets.all()
            ],
        }
        for g in SdgGoal.objects.prefetch_related("targets")
    ]


def countries_as_dicts(iso2: str | None = None) -> list[dict[str, object]]:
    countries = Country.objects.select_related("zone").prefetch_related(
        Prefetch("oda_listings", queryset=OdaRecipient.objects.order_by("first_year"))
    )
    if iso2:
        countries = countries.filter(iso2=iso2)
    return [
        {
            "iso2": c.iso2,
            "iso3": c.iso3,
            "numeric": c.numeric,
            "name_fr": c.name_fr,
            "name_en": c.name_en,
            "zone": c.zone.code if c.zone else None,
            "oda": [
                {
                    "list_id": o.list_id,
                    "group": o.group,
                    "first_year": o.first_year,
                    "last_year": o.last_year,
                    "confidence": o.confidence,
                    "source": o.source,
                }
                for o in c.oda_listings.all()
            ],
        }
        for c in countries
    ]


def zones_as_dicts() -> list[dict[str, object]]:
    return [
        {
            "code": z.code,
            "label_fr": z.label_fr,
            "label_en": z.label_en,
            "countries": [c.iso2 for c in z.countries.order_by("iso2")],
        }
        for z in Zone.objects.prefetch_related("countries")
    ]
