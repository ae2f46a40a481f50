"""Read-only queries that pages share (kept out of the views so the API can reuse them)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Sum

from coopdec.reference.models import (
    Commune,
    Country,
    DatasetLoad,
    Departement,
    Epci,
    Region,
    SdgGoal,
    Theme,
    Zone,
)


@dataclass(frozen=True)
class Figure:
    value: int
    label: str
    source: str


COG_SOURCE = "COG 2026 (INSEE, DGCL) via @etalab/decoupage-administratif 6.0.0"


def key_figures() -> list[Figure]:
    """Figures for the home page, each with its source."""
    population = Commune.objects.aggregate(total=Sum("population"))["total"] or 0
    return [
        Figure(Commune.objects.count(), "communes", COG_SOURCE),
        Figure(Epci.objects.count(), "EPCI à fiscalité propre", COG_SOURCE),
        Figure(Departement.objects.count(), "départements", COG_SOURCE),
        Figure(Region.objects.count(), "régions", COG_SOURCE),
        Figure(population, "habitants (population municipale)", COG_SOURCE),
        Figure(
            Country.objects.filter(oda_listings__isnull=False).distinct().count(),
            "pays bénéficiaires de l'APD (liste CAD 2024-2025)",
            "OCDE, liste CAD des bénéficiaires d'APD",
        ),
    ]


def last_load_date() -> str | None:
    load = DatasetLoad.objects.order_by("-loaded_at").first()
    return load.loaded_at.date().isoformat() if load else None


def sdg_goals_with_themes() -> list[SdgGoal]:
    return list(SdgGoal.objects.prefetch_related("themes"))


def themes() -> list[Theme]:
    return list(Theme.objects.prefetch_related("sdg_goals"))


def zones_with_countries() -> list[Zone]:
    return list(
        Zone.objects.annotate(country_count=Count("countries")).prefetch_related(
            Prefetch("countries", queryset=Country.objects.order_by("name_fr"))
        )
    )
