"""The contacts directory: which organisations apply to a search, the most relevant first.

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

from dataclasses import dataclass

from django.db.models import Q

from coopdec.catalogue.models import Contact
from coopdec.catalogue.read_services import RRMA, ContactFilters, ContactRef, Ref, contact_ref
from coopdec.reference.models import Country, Region, Theme

__all__ = ["ContactFilters", "Directory", "directory", "relevance"]


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
    contacts = Contact.objects.prefetch_related("regions", "countries", "themes")
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
