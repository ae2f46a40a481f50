"""Read-only queries of the home and catalogue pages (kept out of the views so that the API
can reuse them): key figures, type-ahead suggestions, the contacts for a selection."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _

from coopdec.catalogue.models import Contact, FrenchAuthority, Partnership
from coopdec.catalogue.queries.details import RRMA, ContactRef, contact_ref
from coopdec.reference.models import (
    Commune,
    Country,
    DatasetLoad,
    Departement,
    Epci,
    Region,
    SdgGoal,
    Theme,
)
from coopdec.textnorm import normalize_name


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


def last_load_date() -> str | None:
    load = DatasetLoad.objects.order_by("-loaded_at").first()
    return load.loaded_at.date().isoformat() if load else None


def sdg_goals_with_themes() -> list[SdgGoal]:
    return list(SdgGoal.objects.prefetch_related("themes"))


@dataclass(frozen=True)
class Suggestion:
    """A type-ahead proposal: the catalogue filter it applies and what to show."""

    parameter: str  # a search parameter: authority, departement, region, country, theme
    value: str
    label: str
    kind: str  # what the value is, in the active language ("commune", "pays"...)


def suggestions(text: str, limit: int = 8) -> list[Suggestion]:
    """Filters whose name starts a word with ``text``: authorities that have partnerships,
    départements, régions, countries, themes. Accents and case do not matter."""
    needle = normalize_name(text)
    if len(needle) < 2:
        return []

    def starts_a_word(name: str) -> bool:
        folded = normalize_name(name)
        return folded.startswith(needle) or f" {needle}" in folded

    found: list[Suggestion] = []
    found += [
        Suggestion("country", c.iso2, c.name, str(Country._meta.verbose_name))
        for c in Country.objects.order_by("name_fr")
        if starts_a_word(c.name_fr) or starts_a_word(c.name_en)
    ][:3]
    found += [
        Suggestion("theme", t.code, t.label, str(Theme._meta.verbose_name))
        for t in Theme.objects.all()
        if starts_a_word(t.label_fr) or starts_a_word(t.label_en)
    ][:2]
    found += [
        Suggestion("departement", d.code, f"{d.name} ({d.code})", str(d._meta.verbose_name))
        for d in Departement.objects.all()
        if starts_a_word(d.name)
    ][:2]
    found += [
        Suggestion("region", r.code, r.name, str(r._meta.verbose_name))
        for r in Region.objects.all()
        if starts_a_word(r.name)
    ][:2]
    authorities = (
        FrenchAuthority.objects.filter(
            Q(search_name__startswith=needle) | Q(search_name__contains=f" {needle}"),
            partnerships__isnull=False,
        )
        .distinct()
        .select_related("departement")
        .order_by("-population", "name")[:limit]
    )
    for a in authorities:
        where = f" ({a.departement.code})" if a.departement else ""
        found.append(Suggestion("authority", str(a.pk), a.name + where, a.get_kind_display()))
    return found[:limit]


# Contacts are a few dozen organisations that curators seldom edit, read on every filtered
# catalogue page: keep them for a minute rather than query them each time.
CONTACTS_TTL_SECONDS = 60.0
_contact_index: tuple[float, list[tuple[ContactRef, frozenset[str], frozenset[str]]]] | None = None


def _contacts_with_coverage() -> list[tuple[ContactRef, frozenset[str], frozenset[str]]]:
    """Every contact with its région codes and country codes, cached for the TTL."""
    global _contact_index
    now = time.monotonic()
    if _contact_index is None or now - _contact_index[0] > CONTACTS_TTL_SECONDS:
        rows = [
            (
                contact_ref(c, related=False),
                frozenset(r.code for r in c.regions.all()),
                frozenset(x.iso2 for x in c.countries.all()),
            )
            for c in Contact.objects.prefetch_related("regions", "countries").order_by("name")
        ]
        _contact_index = (now, rows)
    return _contact_index[1]


def forget_contacts() -> None:
    """Drop the cached contacts (after a load or an edit, and between tests)."""
    global _contact_index
    _contact_index = None


def contacts_for(
    *, regions: tuple[str, ...], departements: tuple[str, ...], countries: tuple[str, ...]
) -> list[ContactRef]:
    """Who to call about a catalogue selection: the networks and contacts of the régions
    (of the départements too) and the contacts of the countries selected."""
    if not (regions or departements or countries):
        return []
    region_codes = set(regions) | {
        code for dep in departements if (code := _departement_regions().get(dep))
    }
    wanted_countries = {c.upper() for c in countries}
    chosen = [
        contact
        for contact, covered_regions, covered_countries in _contacts_with_coverage()
        if covered_regions & region_codes or covered_countries & wanted_countries
    ]
    # The regional networks first: they are the first door for a French authority.
    return sorted(chosen, key=lambda c: (c.kind != RRMA, c.name))


@lru_cache(maxsize=1)
def _departement_regions() -> dict[str, str]:
    """Département code -> région code (reference data: they change only with ``coopdec init``)."""
    return dict(Departement.objects.values_list("code", "region__code"))
