"""A French authority's record: its partnerships and projects, the contacts that serve it,
and comparable peers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from coopdec.catalogue.models import FrenchAuthority, Partnership, Project
from coopdec.catalogue.queries.contacts import RRMA
from coopdec.catalogue.queries.refs import (
    CONTACTS,
    AuthorityRef,
    ContactRef,
    PartnershipRef,
    Ref,
    authority_ref,
    contact_ref,
    partnership_refs,
)

PEER_SIZE_RATIO = 3  # peers weigh between a third and three times the authority's population
PEER_LIMIT = 8


@dataclass(frozen=True)
class AuthorityDetail:
    authority: AuthorityRef
    partnerships: list[PartnershipRef]
    networks: list[ContactRef]  # the région's multi-actor network(s)
    regional_contacts: list[ContactRef]
    national_contacts: list[ContactRef]
    peers: list[AuthorityRef]
    projects: list[Ref] = field(default_factory=list)  # projects naming it directly


def authority_detail(kind: str, code: str) -> AuthorityDetail | None:
    found = FrenchAuthority.objects.filter(kind=kind, code=code).select_related(
        "departement", "region"
    )
    authority = found.first()
    if authority is None:
        return None
    partnerships = partnership_refs(
        Partnership.objects.filter(french_authorities=authority).order_by("title")
    )
    countries = {c.value for p in partnerships for c in p.countries}
    regional = list(CONTACTS.filter(regions=authority.region_id)) if authority.region_id else []
    # No région link: a national or international body, which serves every région.
    national = CONTACTS.filter(regions__isnull=True).exclude(kind=RRMA)
    return AuthorityDetail(
        authority=authority_ref(authority),
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
    found = [authority_ref(a, a.shared) for a in shared] if countries else []
    if len(found) < PEER_LIMIT:
        active = similar.filter(partnerships__isnull=False).exclude(pk__in=[a.id for a in found])
        target = authority.population or 0
        closest = sorted(
            active.distinct(), key=lambda a: (abs((a.population or 0) - target), a.name)
        )
        found += [authority_ref(a) for a in closest[: PEER_LIMIT - len(found)]]
    return found
