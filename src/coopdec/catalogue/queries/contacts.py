"""The contacts: the directory (which organisations apply to a search, the most relevant
first) and who to call about a catalogue selection.

A filter on the directory is a question ("who helps a Bretagne commune with a water project
in Senegal?"), not a strict match: an organisation that names no région serves every région,
one that names no theme serves every theme, and a country an organisation names is where it
has a country group or an office, not a limit (Cités Unies France serves every French
authority whatever the country). So:

* a région keeps the national organisations and that région's own, and drops the other
  régions' (a water agency belongs to the régions its basin reaches);
* a theme drops the organisations devoted to other themes only;
* a country drops nobody; it ranks the organisations that name it first;
* a kind of organisation is a strict filter.

Ranking: the région's own multi-actor network first, then the organisations that name the
most of the chosen région, country and theme (the basin's water agency names the région and
water), then those that serve everyone, in name order within each group. Shared by the web
page and the API.
"""

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
class Directory:
    """The organisations that apply, the most relevant first, and what each filter offers."""

    contacts: list[ContactRef]
    specific: int  # how many of the first ``contacts`` name something the filters chose
    regions: list[Ref]
    countries: list[Ref]
    themes: list[Ref]
    kinds: list[str]

    @property
    def closest(self) -> list[ContactRef]:
        """The organisations that name the chosen région, country or theme."""
        return self.contacts[: self.specific]

    @property
    def others(self) -> list[ContactRef]:
        """The organisations that serve every région, country or theme (national bodies)."""
        return self.contacts[self.specific :]


def relevance(contact: ContactRef, filters: ContactFilters) -> int:
    """How closely an organisation answers the filters: 4 for the chosen région's own
    multi-actor network, else one point per chosen région, country or theme it names."""
    region = bool(filters.region) and any(r.value == filters.region for r in contact.regions)
    if region and contact.kind == RRMA:
        return 4
    country = filters.country.upper()
    return sum(
        (
            region,
            bool(country) and any(c.value == country for c in contact.countries),
            bool(filters.theme) and any(t.value == filters.theme for t in contact.themes),
        )
    )


def directory(filters: ContactFilters) -> Directory:
    """The organisations that apply to the filters (module docstring), ranked."""
    contacts = CONTACTS
    if filters.region:
        contacts = contacts.filter(Q(regions__code=filters.region) | Q(regions__isnull=True))
    if filters.theme:
        contacts = contacts.filter(Q(themes__code=filters.theme) | Q(themes__isnull=True))
    if filters.kind:
        contacts = contacts.filter(kind=filters.kind)
    found = [contact_ref(c) for c in contacts.distinct().order_by("name")]
    scored = sorted(((relevance(c, filters), c) for c in found), key=lambda s: -s[0])
    regions = Region.objects.filter(contacts__isnull=False).distinct().order_by("name")
    countries = Country.objects.filter(contacts__isnull=False).distinct()
    themes = Theme.objects.filter(contacts__isnull=False).distinct().order_by("position")
    return Directory(
        contacts=[c for _, c in scored],
        specific=sum(1 for score, _ in scored if score),
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
