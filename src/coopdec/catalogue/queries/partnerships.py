"""A partnership's record: its authorities, partners, themes, projects, sources, and France's
stated position on any partner's territory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch

from coopdec.assistant.restrictions import PROHIBITED, territory_positions
from coopdec.catalogue.models import ForeignAuthority, Partnership, Project
from coopdec.catalogue.queries.refs import (
    AUTHORITIES,
    PARTNERS,
    THEMES,
    AuthorityRef,
    PartnershipRef,
    Ref,
    authority_ref,
    partnership_ref,
    split_list,
)
from coopdec.reference.models import Country


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
class PartnerPosition:
    """A partner of the record lies in a territory France has a stated position on."""

    partner: str
    recorded_country: Ref
    territory: str
    prohibited: bool
    position: str
    de_jure_country: Ref | None
    sources: tuple[str, ...]


def partnership_detail(pk: int) -> PartnershipDetail | None:
    found = Partnership.objects.filter(pk=pk).prefetch_related(
        AUTHORITIES,
        PARTNERS,
        THEMES,
        "sdg_targets",
        Prefetch("projects", Project.objects.order_by("title")),
    )
    p = found.first()
    if p is None:
        return None
    return PartnershipDetail(
        partnership=partnership_ref(p),
        summary=p.summary,
        funders=split_list(p.funders),
        authorities=[authority_ref(a) for a in p.french_authorities.all()],
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
