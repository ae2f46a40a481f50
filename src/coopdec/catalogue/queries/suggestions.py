"""Type-ahead suggestions for the catalogue's search box: the filters whose name starts with
what is typed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from coopdec.catalogue.models import FrenchAuthority
from coopdec.reference.models import Country, Departement, Region, Theme
from coopdec.textnorm import normalize_name


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
