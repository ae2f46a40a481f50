"""The home page's key figures: what the catalogue holds and what the reference data count,
each with its source."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from coopdec.catalogue.models import FrenchAuthority, Partnership
from coopdec.reference.models import Commune, Country, Departement, Epci, Region


@dataclass(frozen=True)
class Figure:
    value: int
    label: str
    source: str


COG_SOURCE = "COG 2026 (INSEE, DGCL) via @etalab/decoupage-administratif 6.0.0"


def catalogue_figures() -> list[Figure]:
    """What the catalogue holds, dated by its last change (every record cites its source)."""
    partnerships = Partnership.objects.all()
    updated = partnerships.aggregate(last=Max("updated_at"))["last"]
    source = (
        _("Catalogue coopdec, sources publiques citées fiche par fiche ; état au %(date)s")
        % {"date": updated.date().isoformat()}
        if updated
        else _("Catalogue coopdec (vide pour l'instant)")
    )
    return [
        Figure(partnerships.count(), _("partenariats recensés"), source),
        Figure(
            Country.objects.filter(authorities__partnerships__isnull=False).distinct().count(),
            _("pays partenaires"),
            source,
        ),
        Figure(
            FrenchAuthority.objects.filter(partnerships__isnull=False).distinct().count(),
            _("collectivités françaises engagées"),
            source,
        ),
    ]


def key_figures() -> list[Figure]:
    """Figures for the home page, each with its source."""
    population = Commune.objects.aggregate(total=Sum("population"))["total"] or 0
    return [
        Figure(Commune.objects.count(), _("communes"), COG_SOURCE),
        Figure(Epci.objects.count(), _("EPCI à fiscalité propre"), COG_SOURCE),
        Figure(Departement.objects.count(), _("départements"), COG_SOURCE),
        Figure(Region.objects.count(), _("régions"), COG_SOURCE),
        Figure(population, _("habitants (population municipale)"), COG_SOURCE),
        Figure(
            Country.objects.filter(oda_listings__isnull=False).distinct().count(),
            _("pays bénéficiaires de l'APD (liste CAD 2024-2025)"),
            _("OCDE, liste CAD des bénéficiaires d'APD"),
        ),
    ]
