"""The contacts: the directory (filtered, most relevant first) and who to call about a
catalogue selection."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Q

from coopdec.catalogue.models import Contact
from coopdec.catalogue.queries.refs import CONTACTS, ContactRef, Ref, contact_ref
from coopdec.reference.models import Country, Departement, Region, Theme

RRMA = "rrma"  # Contact.kind of the regional multi-actor networks


@dataclass(frozen=True)
class ContactFilters:
    region: str = ""  # Region.code
    country: str = ""  # Country.iso2
    theme: str = ""  # Theme.code
    kind: str = ""  # Contact.kind


@dataclass(frozen=True)
class ContactDirectory:
    contacts: list[ContactRef]  # the most relevant first (``rank_contacts``)
    regions: list[Ref]  # the values each filter offers
    countries: list[Ref]
    themes: list[Ref]
    kinds: list[str]


def rank_contacts(contacts: list[ContactRef], filters: ContactFilters) -> list[ContactRef]:
    """The chosen région's own multi-actor network first, then the contacts that match the
    most filters by name (a région's, a country's, a theme's own bodies), then those that
    serve everyone (national bodies); in name order within each (a stable sort)."""

    def matched(contact: ContactRef) -> int:
        return sum(
            (
                bool(filters.region) and any(r.value == filters.region for r in contact.regions),
                bool(filters.country)
                and any(c.value == filters.country.upper() for c in contact.countries),
                bool(filters.theme) and any(t.value == filters.theme for t in contact.themes),
            )
        )

    def own_network(contact: ContactRef) -> bool:
        return contact.kind == RRMA and any(r.value == filters.region for r in contact.regions)

    return sorted(contacts, key=lambda c: (not own_network(c), -matched(c)))


def contacts_directory(filters: ContactFilters) -> ContactDirectory:
    """Contacts matching every filter; a région filter keeps the national contacts, which
    serve every région."""
    contacts = CONTACTS
    if filters.region:
        national = Q(regions__isnull=True)
        contacts = contacts.filter(Q(regions__code=filters.region) | national)
    if filters.country:
        contacts = contacts.filter(countries__iso2=filters.country.upper())
    if filters.theme:
        contacts = contacts.filter(themes__code=filters.theme)
    if filters.kind:
        contacts = contacts.filter(kind=filters.kind)
    regions = Region.objects.filter(contacts__isnull=False).distinct().order_by("name")
    countries = Country.objects.filter(contacts__isnull=False).distinct()
    themes = Theme.objects.filter(contacts__isnull=False).distinct().order_by("position")
    found = [contact_ref(c) for c in contacts.distinct().order_by("name")]
    return ContactDirectory(
        contacts=rank_contacts(found, filters),
        regions=[Ref(r.code, r.name) for r in regions],
        countries=sorted((Ref(c.iso2, c.name) for c in countries), key=lambda r: r.label),
        themes=[Ref(t.code, t.label) for t in themes],
        kinds=sorted(set(Contact.objects.values_list("kind", flat=True))),
    )


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
