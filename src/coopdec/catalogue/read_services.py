"""Read use cases behind the catalogue's detail pages: a partnership, a project, a French
authority, a country, the contacts directory. Shared by the web pages and the API.

Each function returns plain dataclasses (labels in the active language, no model instance)
built in a fixed, small number of queries whatever the size of the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.assistant.restrictions import PROHIBITED, territory_positions
from coopdec.catalogue.imports.atlas_projects import SHEETS_FILE as ATLAS_SHEETS
from coopdec.catalogue.models import (
    Contact,
    Example,
    ForeignAuthority,
    FrenchAuthority,
    Partnership,
    Project,
)
from coopdec.documents.labels import EXPENSE_LABELS, FINANCING_SOURCE_LABELS
from coopdec.reference.models import Country, Region, Theme

RRMA = "rrma"  # Contact.kind of the regional multi-actor networks
PEER_SIZE_RATIO = 3  # peers weigh between a third and three times the authority's population
PEER_LIMIT = 8


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


@dataclass(frozen=True)
class PartnershipDetail:
    partnership: PartnershipRef
    summary: str
    funders: list[str]
    authorities: list[AuthorityRef]
    projects: list[Ref]  # value: Project.id
    sources: list[str]
    source_date: str
    updated: dt.date
    # France's sourced position on a partner's territory (Crimea, occupied Ukraine...).
    positions: list[PartnerPosition] = field(default_factory=list)
    # Declared by the authority (contribution forms).
    convention_signed_on: dt.date | None = None
    convention_transmitted_on: dt.date | None = None
    contacts: str = ""
    sdg_targets: list[Ref] = field(default_factory=list)


@dataclass(frozen=True)
class Line:
    """One budget or financing line of a project, labelled (project file vocabulary)."""

    code: Ref  # expense category or financing source
    name: str  # the funder or programme (financing lines)
    year: int | None
    amount: Decimal | None


@dataclass(frozen=True)
class ExampleRef:
    """A project a moderator flagged as an example (good practice)."""

    why: str
    flagged_at: dt.date


@dataclass(frozen=True)
class PartnerPosition:
    """A partner of the record lies in a territory France has a stated position on."""

    partner: str
    recorded_country: Ref
    territory: str
    prohibited: bool
    position: str
    de_jure_country: Ref | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ProjectDetail:
    id: int
    title: str
    summary: str
    description: str
    status: Ref
    open_to_new_members: bool
    partnership: Ref | None
    authorities: list[AuthorityRef]
    partners: list[PartnerRef]
    countries: list[Ref]
    themes: list[ThemeRef]
    sdg_targets: list[Ref]
    dac_sectors: list[Ref]
    budget: Decimal | None
    currency: str
    funders: list[str]
    start_date: dt.date | None
    end_date: dt.date | None
    contact: ContactRef | None
    sources: list[str]
    source_date: str
    updated: dt.date
    # An Atlas project sheet (``coopdec init``): its status is the one its page showed when
    # it was stored (date unknown), and its page may name no French authority.
    status_as_shown_by_source: bool = False
    french_authority_unspecified: bool = False
    results: str = ""
    lessons: str = ""
    budget_lines: list[Line] = field(default_factory=list)
    financing_lines: list[Line] = field(default_factory=list)
    example: ExampleRef | None = None


@dataclass(frozen=True)
class AuthorityDetail:
    authority: AuthorityRef
    partnerships: list[PartnershipRef]
    networks: list[ContactRef]  # the région's multi-actor network(s)
    regional_contacts: list[ContactRef]
    national_contacts: list[ContactRef]
    peers: list[AuthorityRef]
    projects: list[Ref] = field(default_factory=list)  # projects naming it directly


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


def _theme(theme: Theme) -> ThemeRef:
    return ThemeRef(
        theme.code, theme.label, [Ref(str(g.number), g.short) for g in theme.sdg_goals.all()]
    )


def _authority(a: FrenchAuthority, shared: int = 0) -> AuthorityRef:
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


def _partner(f: ForeignAuthority) -> PartnerRef:
    return PartnerRef(
        f.name, Ref(f.level, f.get_level_display()), Ref(f.country.iso2, f.country.name)
    )


def _partnership(p: Partnership) -> PartnershipRef:
    return PartnershipRef(
        id=p.pk,
        title=p.title,
        relation_type=Ref(p.relation_type, p.get_relation_type_display()),
        status=Ref(p.status, p.get_status_display()),
        start_year=p.start_year,
        end_year=p.end_year,
        open_to_new_members=p.open_to_new_members,
        authorities=[Ref(str(a.pk), a.name) for a in p.french_authorities.all()],
        partners=[_partner(f) for f in p.foreign_authorities.all()],
        themes=[_theme(t) for t in p.themes.all()],
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


_AUTHORITIES = Prefetch(
    "french_authorities",
    queryset=FrenchAuthority.objects.select_related("departement", "region").order_by("name"),
)
_PARTNERS = Prefetch(
    "foreign_authorities", queryset=ForeignAuthority.objects.select_related("country")
)
_THEMES = Prefetch("themes", queryset=Theme.objects.prefetch_related("sdg_goals"))
_CONTACTS = Contact.objects.prefetch_related("regions", "countries", "themes")


def _partnerships(queryset: QuerySet[Partnership]) -> list[PartnershipRef]:
    return [_partnership(p) for p in queryset.prefetch_related(_AUTHORITIES, _PARTNERS, _THEMES)]


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(" | ", ";").split(";") if part.strip()]


def partnership_detail(pk: int) -> PartnershipDetail | None:
    found = Partnership.objects.filter(pk=pk).prefetch_related(
        _AUTHORITIES,
        _PARTNERS,
        _THEMES,
        "sdg_targets",
        Prefetch("projects", Project.objects.order_by("title")),
    )
    p = found.first()
    if p is None:
        return None
    return PartnershipDetail(
        partnership=_partnership(p),
        summary=p.summary,
        funders=_split(p.funders),
        authorities=[_authority(a) for a in p.french_authorities.all()],
        projects=[Ref(str(x.pk), x.title) for x in p.projects.all()],
        sources=p.source_urls,
        source_date=p.source_date,
        updated=p.updated_at.date(),
        positions=_positions(p.foreign_authorities.all()),
        convention_signed_on=p.convention_signed_on,
        convention_transmitted_on=p.convention_transmitted_on,
        contacts=p.contacts,
        sdg_targets=[Ref(t.code, t.label) for t in p.sdg_targets.all()],
    )


def _lines(rows: object, code: str, labels: dict[str, str]) -> list[Line]:
    """Stored lines (``contributions.lines``) as labelled rows; a malformed row is skipped."""
    out = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict) or row.get(code) not in labels:
            continue
        try:
            amount = Decimal(str(row["amount"])) if row.get("amount") is not None else None
        except ArithmeticError:
            amount = None
        year = row.get("year")
        out.append(
            Line(
                code=Ref(row[code], _(labels[row[code]])),
                name=str(row.get("name") or ""),
                year=year if isinstance(year, int) else None,
                amount=amount,
            )
        )
    return out


def _example(project: Project) -> ExampleRef | None:
    example = Example.objects.filter(project=project, published=True).first()
    return ExampleRef(example.why, example.updated_at.date()) if example else None


def _positions(partners: Iterable[ForeignAuthority]) -> list[PartnerPosition]:
    """The rules' restricted territories, shown on the record (same dated data)."""
    today = dt.date.today()
    out = []
    for f in partners:
        for found in territory_positions(f.name, f.country.iso2, today):
            de_jure = (
                Ref(found.de_jure_state, _country_name(found.de_jure_state))
                if found.de_jure_state
                else None
            )
            out.append(
                PartnerPosition(
                    partner=f.name,
                    recorded_country=Ref(f.country.iso2, f.country.name),
                    territory=found.territory,
                    prohibited=found.status == PROHIBITED,
                    position=found.position,
                    de_jure_country=de_jure,
                    sources=found.sources,
                )
            )
    return out


def _country_name(iso2: str) -> str:
    country = Country.objects.filter(iso2=iso2).first()
    return country.name if country else iso2


def project_detail(pk: int) -> ProjectDetail | None:
    found = (
        Project.objects.filter(pk=pk)
        .select_related("partnership", "import_batch")
        .prefetch_related(
            _AUTHORITIES, _PARTNERS, _THEMES, "countries", "sdg_targets", "dac_sectors"
        )
    )
    p = found.first()
    if p is None:
        return None
    contact = _CONTACTS.filter(pk=p.contact_id).first() if p.contact_id else None
    sheet = p.import_batch is not None and p.import_batch.source_name == ATLAS_SHEETS
    return ProjectDetail(
        id=p.pk,
        title=p.title,
        summary=p.summary,
        description=p.description,
        status=Ref(p.status, p.get_status_display()),
        open_to_new_members=p.open_on(timezone.localdate()),
        partnership=Ref(str(p.partnership.pk), p.partnership.title) if p.partnership else None,
        authorities=[_authority(a) for a in p.french_authorities.all()],
        partners=[_partner(f) for f in p.foreign_authorities.all()],
        countries=[Ref(c.iso2, c.name) for c in p.countries.all()],
        themes=[_theme(t) for t in p.themes.all()],
        sdg_targets=[Ref(t.code, t.label) for t in p.sdg_targets.all()],
        dac_sectors=[Ref(s.code, s.label) for s in p.dac_sectors.all()],
        budget=p.budget,
        currency=p.currency,
        funders=_split(p.funders),
        start_date=p.start_date,
        end_date=p.end_date,
        contact=contact_ref(contact) if contact else None,
        sources=p.source_urls,
        source_date=p.source_date,
        updated=p.updated_at.date(),
        status_as_shown_by_source=sheet,
        french_authority_unspecified=sheet and not p.french_authorities.all(),
        results=p.results,
        lessons=p.lessons,
        budget_lines=_lines(p.budget_lines, "category", EXPENSE_LABELS),
        financing_lines=_lines(p.financing_lines, "source", FINANCING_SOURCE_LABELS),
        example=_example(p),
    )


def authority_detail(kind: str, code: str) -> AuthorityDetail | None:
    found = FrenchAuthority.objects.filter(kind=kind, code=code).select_related(
        "departement", "region"
    )
    authority = found.first()
    if authority is None:
        return None
    partnerships = _partnerships(
        Partnership.objects.filter(french_authorities=authority).order_by("title")
    )
    countries = {c.value for p in partnerships for c in p.countries}
    regional = list(_CONTACTS.filter(regions=authority.region_id)) if authority.region_id else []
    # No région link: a national or international body, which serves every région.
    national = _CONTACTS.filter(regions__isnull=True).exclude(kind=RRMA)
    return AuthorityDetail(
        authority=_authority(authority),
        partnerships=partnerships,
        networks=[contact_ref(c) for c in regional if c.kind == RRMA],
        regional_contacts=[contact_ref(c) for c in regional if c.kind != RRMA],
        national_contacts=[contact_ref(c) for c in national],
        peers=peers(authority, countries),
        projects=[
            Ref(str(p.pk), p.title)
            for p in Project.objects.filter(french_authorities=authority).order_by("title")
        ],
    )


def peers(authority: FrenchAuthority, countries: set[str]) -> list[AuthorityRef]:
    """Authorities of the same kind and similar size active in the same countries (most
    countries in common first); then, to fill the list, the closest in size that have at
    least one partnership anywhere."""
    similar = FrenchAuthority.objects.filter(kind=authority.kind).exclude(pk=authority.pk)
    if authority.population:
        similar = similar.filter(
            population__gte=authority.population // PEER_SIZE_RATIO,
            population__lte=authority.population * PEER_SIZE_RATIO,
        )
    similar = similar.select_related("departement", "region")
    in_countries = Q(partnerships__foreign_authorities__country__iso2__in=countries)
    shared = (
        similar.filter(in_countries)
        .annotate(
            shared=Count(
                "partnerships__foreign_authorities__country", filter=in_countries, distinct=True
            )
        )
        .order_by("-shared", "name")[:PEER_LIMIT]
    )
    found = [_authority(a, a.shared) for a in shared] if countries else []
    if len(found) < PEER_LIMIT:
        active = similar.filter(partnerships__isnull=False).exclude(pk__in=[a.id for a in found])
        target = authority.population or 0
        closest = sorted(
            active.distinct(), key=lambda a: (abs((a.population or 0) - target), a.name)
        )
        found += [_authority(a) for a in closest[: PEER_LIMIT - len(found)]]
    return found


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
        partnerships=_partnerships(in_country.order_by("title")),
        themes=[(Ref(t.code, t.label), t.count) for t in themes],
        without_theme=in_country.filter(themes__isnull=True).count(),
        authority_count=FrenchAuthority.objects.filter(partnerships__in=ids).distinct().count(),
        projects=[Ref(str(p.pk), p.title) for p in projects],
        contacts=[contact_ref(c) for c in _CONTACTS.filter(countries=country)],
    )


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
    contacts = _CONTACTS
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
