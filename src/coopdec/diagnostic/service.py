"""The diagnostic of a French authority: one service for the page, the API, the CLI and the note.

``diagnose(kind, code)`` reads the catalogue snapshot (no query per action), the contacts of
its région and the funding finder, and answers what the authority already does abroad, what
authorities like it do, which countries and partners to consider (each with its reasons),
which programmes are open to it and which calls for partners fit it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from coopdec.catalogue.models import Contact
from coopdec.recommendations import (
    Action,
    Authority,
    Catalogue,
    peer_summary,
    recommend_countries,
    similar_authorities,
)
from coopdec.recommendations.peers import ScopeFigures

from . import arguments, funding, priorities, snapshot
from .report import (
    ActionLine,
    AuthorityInfo,
    ContactLine,
    CountryAdvice,
    CountryLine,
    Coverage,
    Diagnostic,
    Footprint,
    Named,
    Network,
    PeerLine,
    Peers,
    ReasonLine,
    RelatedAuthority,
    Scope,
    SourceRef,
)
from .wording import Namer, band_text, kind_label, number, peer_reason_text, reason_text

PARIS = ZoneInfo("Europe/Paris")
RRMA = "rrma"  # Contact.kind of the regional multi-actor networks
COG_SOURCE = "COG 2026 (INSEE, DGCL), population municipale"
# partner_restrictions.yaml, entry "russie-belarus-sanctions" (status: caution): never advised.
CAUTION_COUNTRIES = frozenset({"RU", "BY"})
OWN_LIMIT, RELATED_LIMIT, COUNTRY_LIMIT, CALL_LIMIT, FUNDING_LIMIT = 50, 8, 10, 10, 15


class AuthorityNotFoundError(LookupError):
    """No French authority of this kind with this code (the message names both)."""


def today() -> dt.date:
    """The date programmes and deadlines are judged on: today in Paris."""
    return dt.datetime.now(tz=PARIS).date()


def find(kind: str, code: str) -> tuple[snapshot.Snapshot, Authority]:
    """The authority in the current snapshot, or :class:`AuthorityNotFoundError`."""
    data = snapshot.current()
    aid = data.catalogue.by_code.get((kind, code))
    if aid is None:
        raise AuthorityNotFoundError(
            _("Aucune collectivité de nature « %(kind)s » et de code « %(code)s ».")
            % {"kind": kind, "code": code}
        )
    return data, data.catalogue.authorities[aid]


def diagnose(
    kind: str,
    code: str,
    chosen: tuple[str, ...] | list[str] = (),
    on: dt.date | None = None,
) -> Diagnostic:
    """The diagnostic of one authority; ``chosen`` are mandate priority codes (see
    :mod:`priorities`), which steer peers, countries, funding and calls."""
    picked = priorities.parse(tuple(chosen))
    data, authority = find(kind, code)
    on = on or today()
    catalogue, namer = data.catalogue, Namer(data.labels)
    themes = priorities.themes_of(picked)
    own = catalogue.actions_of(authority.id)
    peers = _peers(catalogue, authority, themes, namer)
    advice = recommend_countries(
        catalogue, authority, themes=themes, limit=COUNTRY_LIMIT, avoid=CAUTION_COUNTRIES
    )
    countries = [
        CountryAdvice(
            country=Named(s.country, namer.country(s.country)),
            score=s.score,
            reasons=[
                ReasonLine(r.code, reason_text(r, namer, authority.kind), r.weight, r.params)
                for r in s.reasons
            ],
            partners=list(s.partners),
        )
        for s in advice
    ]
    known_countries = catalogue.countries_of(authority.id)
    peer_themes = {t.value for t, _n in peers.national.themes[:5]}
    wanted = themes | catalogue.themes_of(authority.id) | peer_themes
    programme_countries = tuple(sorted(known_countries)) + tuple(s.country for s in advice)
    coverage = _coverage(data)
    return Diagnostic(
        authority=_info(authority, namer),
        on=on,
        priorities=[Named(p.code, str(p.label)) for p in picked],
        coverage=coverage,
        known=bool(own),
        statement=None if own else _statement(authority, coverage),
        footprint=_footprint(catalogue, authority, namer),
        network=_network(authority),
        peers=peers,
        countries=countries,
        funding=funding.open_programmes(
            authority.kind, authority.code, frozenset(wanted), programme_countries, on
        )[:FUNDING_LIMIT],
        open_calls=_open_calls(catalogue, authority, wanted, namer),
    )


def _ref(authority: Authority) -> Named:
    return Named(f"{authority.kind}/{authority.code or ''}", authority.name)


def _info(authority: Authority, namer: Namer) -> AuthorityInfo:
    return AuthorityInfo(
        kind=Named(authority.kind, kind_label(authority.kind)),
        code=authority.code or "",
        name=authority.name,
        population=authority.population,
        population_source=COG_SOURCE,
        departement=(
            Named(authority.departement, namer.departement(authority.departement))
            if authority.departement and authority.kind not in {"departement", "region"}
            else None
        ),
        region=(
            Named(authority.region, namer.region(authority.region))
            if authority.region and authority.kind != "region"
            else None
        ),
        zone=authority.zone,
    )


def action_line(action: Action, catalogue: Catalogue, namer: Namer, carried: bool) -> ActionLine:
    """An action as listed (``carried``: name the French authorities that carry it)."""
    by = [_ref(catalogue.authorities[a]) for a in action.authorities if a in catalogue.authorities]
    return ActionLine(
        type=action.kind,
        id=action.id,
        title=action.title,
        countries=sorted(
            (Named(c, namer.country(c)) for c in action.countries), key=lambda n: n.label
        ),
        themes=[Named(t, namer.theme(t)) for t in sorted(action.themes)],
        partners=[p.name for p in action.partners],
        start_year=action.start_year,
        end_year=action.end_year,
        status=action.status,
        open_to_new_members=action.open_to_new_members,
        sources=list(action.sources),
        source_date=action.source_date,
        carried_by=by if carried else [],
    )


def _footprint(catalogue: Catalogue, authority: Authority, namer: Namer) -> Footprint:
    # The figures are computed once per authority with the snapshot; only names are added here.
    figures = catalogue.footprint(authority.id)
    by_country = [
        CountryLine(
            country=Named(line.country, namer.country(line.country)),
            actions=line.actions,
            first_year=line.first_year,
            last_year=line.last_year,
            themes=[Named(t, namer.theme(t)) for t in line.themes],
        )
        for line in figures.by_country
    ]
    related: list[RelatedAuthority] = []
    for parent in catalogue.covering.get(authority.id, ()):
        related.append(_related(catalogue, parent, "covering", namer))
    inside = catalogue.active_inside(authority.id)
    related += [_related(catalogue, c, "covered", namer) for c in inside[:RELATED_LIMIT]]
    return Footprint(
        own=[action_line(a, catalogue, namer, carried=False) for a in figures.own[:OWN_LIMIT]],
        by_country=by_country,
        by_theme=[(Named(t, namer.theme(t)), n) for t, n in figures.by_theme],
        related=related,
        covered_active=len(inside),
    )


def _related(catalogue: Catalogue, aid: int, relation: str, namer: Namer) -> RelatedAuthority:
    other = catalogue.authorities[aid]
    return RelatedAuthority(
        authority=_ref(other),
        kind=Named(other.kind, kind_label(other.kind)),
        relation=relation,
        actions=len(catalogue.actions_of(aid)),
        countries=sorted(
            (Named(c, namer.country(c)) for c in catalogue.countries_of(aid)),
            key=lambda n: n.label,
        ),
    )


def _countries(codes: frozenset[str], namer: Namer) -> list[Named]:
    return sorted((Named(c, namer.country(c)) for c in codes), key=lambda n: n.label)


def _scope(figures: ScopeFigures, namer: Namer) -> Scope:
    return Scope(
        peers=figures.peers,
        active=figures.active,
        countries=[(Named(c, namer.country(c)), n) for c, n in figures.countries],
        themes=[(Named(t, namer.theme(t)), n) for t, n in figures.themes],
    )


def _peers(catalogue: Catalogue, authority: Authority, themes: frozenset[str],
           namer: Namer) -> Peers:  # fmt: skip
    summary = peer_summary(catalogue, authority)
    band = summary.band.to_json() if summary.band else None
    similar = [
        PeerLine(
            authority=_ref(p.authority),
            population=p.authority.population,
            departement=(
                Named(p.authority.departement, namer.departement(p.authority.departement))
                if p.authority.departement
                else None
            ),
            countries=sorted(
                (Named(c, namer.country(c)) for c in p.countries), key=lambda n: n.label
            ),
            themes=[Named(t, namer.theme(t)) for t in sorted(p.themes)],
            reasons=[peer_reason_text(r, namer) for r in p.reasons],
            score=p.score,
        )
        for p in similar_authorities(catalogue, authority, themes=themes)
    ]
    return Peers(
        band=band,
        band_text=band_text(band, summary.kind),
        region=_scope(summary.region, namer) if summary.region else None,
        national=_scope(summary.national, namer),
        similar=similar,
    )


def _contact(c: Contact) -> ContactLine:
    return ContactLine(
        key=c.key,
        name=c.name,
        acronym=c.acronym,
        kind=c.kind,
        role=c.role,
        website=c.website,
        email=c.email,
        phone=c.phone,
        sources=c.source_urls,
    )


def _network(authority: Authority) -> Network:
    regional: list[Contact] = []
    if authority.region:
        regional = list(Contact.objects.filter(regions__code=authority.region).order_by("name"))
    national = Contact.objects.filter(regions__isnull=True).exclude(kind=RRMA).order_by("name")
    return Network(
        rrma=[_contact(c) for c in regional if c.kind == RRMA],
        regional=[_contact(c) for c in regional if c.kind != RRMA],
        national=[_contact(c) for c in national],
    )


def _coverage(data: snapshot.Snapshot) -> Coverage:
    engaged = data.catalogue.engaged()
    source = arguments.HEADLINE_SOURCE
    return Coverage(
        partnerships=data.partnerships,
        projects=data.projects,
        authorities=engaged,
        last_change=data.last_change,
        headline_partnerships=arguments.HEADLINE_PARTNERSHIPS,
        headline_authorities=arguments.HEADLINE_AUTHORITIES,
        headline_source=SourceRef(source.label, source.url, source.date),
        percent=round(100 * data.partnerships / arguments.HEADLINE_PARTNERSHIPS),
    )


def _statement(authority: Authority, coverage: Coverage) -> str:
    return _(
        "Aucune action de %(name)s n'est recensée dans le catalogue. Cela ne veut pas dire "
        "qu'elle n'agit pas à l'international : le catalogue recense %(partnerships)s "
        "partenariats et %(projects)s projets de %(authorities)s collectivités, quand le guide "
        "de 2020 comptait %(headline)s partenariats et jumelages menés par environ "
        "%(headline_authorities)s collectivités ; il en couvre donc environ %(percent)s %%. "
        "Ses partenariats éventuels manquent peut-être au catalogue."
    ) % {
        "name": authority.name,
        "partnerships": number(coverage.partnerships),
        "projects": number(coverage.projects),
        "authorities": number(coverage.authorities),
        "headline": number(coverage.headline_partnerships),
        "headline_authorities": number(coverage.headline_authorities),
        "percent": coverage.percent,
    }


def _open_calls(catalogue: Catalogue, authority: Authority, themes: frozenset[str],
                namer: Namer) -> list[ActionLine]:  # fmt: skip
    """Partnerships and projects open to new members, on its themes or in countries it knows;
    those of its own région first."""
    found = catalogue.open_calls(
        themes, catalogue.countries_of(authority.id), authority.region, authority.id, CALL_LIMIT
    )
    return [action_line(a, catalogue, namer, carried=True) for a in found]
