"""The small records every catalogue read returns (a reference, a theme, an authority, a
partner, a partnership, a contact) and how they are built from the models.

They are plain dataclasses (labels in the active language, no model instance), built from
rows fetched with the prefetches below, so that a page of records costs a fixed number of
queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from coopdec.catalogue.models import Contact, ForeignAuthority, FrenchAuthority, Partnership
from coopdec.reference.models import Theme


@dataclass(frozen=True)
class Ref:
    """Something to show and link: its key (id, code) and its label."""

    value: str
    label: str


@dataclass(frozen=True)
class ThemeRef:
    code: str
    label: str
    sdgs: list[Ref]  # value: goal number, label: short title


@dataclass(frozen=True)
class AuthorityRef:
    id: int
    kind: Ref
    code: str | None  # None for bodies outside the COG (no page of their own)
    name: str
    population: int | None
    departement: Ref | None
    region: Ref | None
    shared_countries: int = 0  # peers only: countries in common


@dataclass(frozen=True)
class PartnerRef:
    name: str
    level: Ref
    country: Ref  # value: ISO alpha-2


@dataclass(frozen=True)
class PartnershipRef:
    id: int
    title: str
    relation_type: Ref
    status: Ref
    start_year: int | None
    end_year: int | None
    open_to_new_members: bool
    authorities: list[Ref]  # value: FrenchAuthority.id
    partners: list[PartnerRef]
    themes: list[ThemeRef]

    @property
    def countries(self) -> list[Ref]:
        return list({p.country.value: p.country for p in self.partners}.values())

    @property
    def sdgs(self) -> list[Ref]:
        goals = {g.value: g for t in self.themes for g in t.sdgs}
        return [goals[k] for k in sorted(goals, key=int)]


@dataclass(frozen=True)
class ContactRef:
    key: str
    name: str
    acronym: str
    kind: str
    role: str
    coverage: str
    website: str
    email: str
    phone: str
    postal_address: str
    regions: list[Ref] = field(default_factory=list)
    countries: list[Ref] = field(default_factory=list)
    themes: list[Ref] = field(default_factory=list)


def theme_ref(theme: Theme) -> ThemeRef:
    """A theme with its SDGs (``sdg_goals`` prefetched)."""
    return ThemeRef(
        theme.code, theme.label, [Ref(str(g.number), g.short) for g in theme.sdg_goals.all()]
    )


def authority_ref(a: FrenchAuthority, shared: int = 0) -> AuthorityRef:
    """A French authority with its kind, département and région (``shared``: for peers, the
    countries in common)."""
    return AuthorityRef(
        id=a.pk,
        kind=Ref(a.kind, a.get_kind_display()),
        code=a.code,
        name=a.name,
        population=a.population,
        departement=Ref(a.departement.code, a.departement.name) if a.departement else None,
        region=Ref(a.region.code, a.region.name) if a.region else None,
        shared_countries=shared,
    )


def partner_ref(f: ForeignAuthority) -> PartnerRef:
    """A foreign partner with its level and country."""
    return PartnerRef(
        f.name, Ref(f.level, f.get_level_display()), Ref(f.country.iso2, f.country.name)
    )


def partnership_ref(p: Partnership) -> PartnershipRef:
    """A partnership as listed (fetched with AUTHORITIES, PARTNERS and THEMES)."""
    return PartnershipRef(
        id=p.pk,
        title=p.title,
        relation_type=Ref(p.relation_type, p.get_relation_type_display()),
        status=Ref(p.status, p.get_status_display()),
        start_year=p.start_year,
        end_year=p.end_year,
        open_to_new_members=p.open_to_new_members,
        authorities=[Ref(str(a.pk), a.name) for a in p.french_authorities.all()],
        partners=[partner_ref(f) for f in p.foreign_authorities.all()],
        themes=[theme_ref(t) for t in p.themes.all()],
    )


def contact_ref(c: Contact, *, related: bool = True) -> ContactRef:
    """A contact as shown and serialised; without ``related``, no région, country or theme."""
    return ContactRef(
        key=c.key,
        name=c.name,
        acronym=c.acronym,
        kind=c.kind,
        role=c.role,
        coverage=c.coverage,
        website=c.website,
        email=c.email,
        phone=c.phone,
        postal_address=c.postal_address,
        regions=[Ref(r.code, r.name) for r in c.regions.all()] if related else [],
        countries=[Ref(x.iso2, x.name) for x in c.countries.all()] if related else [],
        themes=[Ref(t.code, t.label) for t in c.themes.all()] if related else [],
    )


# What a list of records prefetches, so that a page of them costs a fixed number of queries.
AUTHORITIES = Prefetch(
    "french_authorities",
    queryset=FrenchAuthority.objects.select_related("departement", "region").order_by("name"),
)
PARTNERS = Prefetch(
    "foreign_authorities", queryset=ForeignAuthority.objects.select_related("country")
)
THEMES = Prefetch("themes", queryset=Theme.objects.prefetch_related("sdg_goals"))
CONTACTS = Contact.objects.prefetch_related("regions", "countries", "themes")


def partnership_refs(queryset: QuerySet[Partnership]) -> list[PartnershipRef]:
    """The partnerships of ``queryset``, in its order, in a fixed number of queries."""
    return [partnership_ref(p) for p in queryset.prefetch_related(AUTHORITIES, PARTNERS, THEMES)]


def split_list(text: str) -> list[str]:
    """The items of a list written in one text field (``;`` or `` | `` between them)."""
    return [part.strip() for part in text.replace(" | ", ";").split(";") if part.strip()]
