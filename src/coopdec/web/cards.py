"""One card shape for every list of partnerships and projects (search results, an
authority's or a country's partnerships), so they all look and read the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple, Protocol

from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.catalogue.models import FrenchAuthority, Project, RelationType
from coopdec.catalogue.queries.refs import PartnershipRef, Ref
from coopdec.catalogue.search import Hit
from coopdec.reference.models import Theme
from coopdec.web.caches import per_index_generation, per_language

# The relation's words in the request's language (the search service's are per process).
RELATIONS = dict(RelationType.choices)


# Tuples rather than frozen dataclasses: a results page makes twenty cards and a hundred
# links on every response, and a frozen dataclass costs several times more to create.
class Link(NamedTuple):
    label: str
    href: str = ""


class Card(NamedTuple):
    href: str
    title: str
    kind: str  # "Partenariat" / "Projet"
    relation: str
    start_year: int | None
    end_year: int | None
    open_to_new_members: bool
    authorities: list[Link]
    partners: list[str]
    countries: list[Link]
    themes: list[str]
    sdgs: list[Ref]
    # A call for partners: its closing date (shown while open); a moderator's example flag.
    call_closes_on: dt.date | None = None
    example: bool = False


def _path(view: str, key: str) -> str:
    """URL pattern of a detail page (``"/pays/{}/"``); ``reverse`` is slow: once per process
    (and script prefix), not once per card."""
    return _path_for(view, key, get_script_prefix())


@lru_cache(maxsize=32)
def _path_for(view: str, key: str, prefix: str) -> str:
    placeholder = "00" if key == "iso2" else "0"
    return reverse(view, kwargs={key: placeholder}).replace(f"/{placeholder}/", "/{}/")


@per_language
def _kinds() -> tuple[dict[str, str], dict[str, str]]:
    """(record type -> its word, relation type -> its word) in the active language."""
    kinds = {"partnership": _("Partenariat"), "project": _("Projet")}
    return kinds, {key: str(label) for key, label in RELATIONS.items()}


def country_link(iso2: str, name: str) -> Link:
    return Link(name, _path("web:country", "iso2").format(iso2))


# FrenchAuthority id -> page path, filled as authorities are seen: the result cards then cost
# no query once their authorities have been looked up. Kept per search-index generation
# (web/caches.py): an import that re-creates an authority moves the index on.
_authority_paths: Callable[[], dict[int, str]] = per_index_generation(dict)
_NO_PAGE = ""  # bodies outside the COG (no code) have no page


class Keyed(Protocol):
    """A ``Ref`` of a read service or a ``Labelled`` of the search service."""

    @property
    def value(self) -> str: ...
    @property
    def label(self) -> str: ...


def authority_links(refs: Iterable[Keyed]) -> list[Link]:
    """Links to authority pages; ``value`` is a FrenchAuthority id."""
    refs = list(refs)
    ids = {int(r.value) for r in refs if r.value.isdigit()}
    known = _authority_paths()
    missing = ids - known.keys()
    if missing:
        pattern = reverse("web:authority", kwargs={"kind": "KIND", "code": "CODE"})
        rows = FrenchAuthority.objects.filter(pk__in=missing).values_list("pk", "kind", "code")
        for pk, kind, code in rows:
            path = pattern.replace("KIND", kind).replace("CODE", code) if code else _NO_PAGE
            known[pk] = path
    return [Link(r.label, known.get(int(r.value), "") if r.value.isdigit() else "") for r in refs]


@lru_cache(maxsize=4)
def _theme_goals(language: str) -> dict[str, list[Ref]]:
    """Theme code -> its SDG goals (the catalogue's taxonomy links each theme to goals)."""
    return {
        t.code: [Ref(str(g.number), g.short) for g in t.sdg_goals.all()]
        for t in Theme.objects.prefetch_related("sdg_goals")
    }


@lru_cache(maxsize=4096)
def _sdgs_of(theme_codes: tuple[str, ...], language: str) -> tuple[Ref, ...]:
    """The goals of a set of themes, in goal order: a card's; the same few combinations of
    themes come back on every page."""
    goals = _theme_goals(language)
    found = {g.value: g for code in theme_codes for g in goals.get(code, [])}
    return tuple(found[k] for k in sorted(found, key=int))


def _project_marks(ids: list[int]) -> dict[int, tuple[dt.date | None, bool]]:
    """Project id -> (closing date of its open call for partners, flagged as an example),
    read at display time (one query per page) so that a call's date and an example flag
    need no index field."""
    if not ids:
        return {}
    today = timezone.localdate()
    rows = Project.objects.filter(pk__in=ids).values_list(
        "pk", "call_closes_on", "example__published"
    )
    return {
        pk: (closes if closes is not None and closes >= today else None, bool(example))
        for pk, closes, example in rows
        if closes is not None or example
    }


def hit_cards(hits: list[Hit], language: str) -> list[Card]:
    # One lookup for the whole page; each card then takes its own run of links.
    authorities = authority_links([a for hit in hits for a in hit.french_authorities])
    marks = _project_marks([hit.id for hit in hits if hit.type == "project"])
    index = 0
    cards = []
    paths = {"partnership": _path("web:partnership", "pk"), "project": _path("web:project", "pk")}
    country = _path("web:country", "iso2")
    kinds, relations = _kinds()
    for hit in hits:
        following = index + len(hit.french_authorities)
        closes, example = (None, False)
        if hit.type == "project":
            closes, example = marks.get(hit.id, (None, False))
        cards.append(
            Card(
                href=paths[hit.type].format(hit.id),
                title=hit.title,
                kind=kinds["partnership"] if hit.type == "partnership" else kinds["project"],
                relation=relations.get(hit.relation_type.value, hit.relation_type.label),
                start_year=hit.start_year,
                end_year=hit.end_year,
                open_to_new_members=hit.open_to_new_members,
                authorities=authorities[index:following],
                partners=list(hit.foreign_authorities),
                countries=[Link(c.label, country.format(c.value)) for c in hit.countries],
                themes=[t.label for t in hit.themes],
                sdgs=list(_sdgs_of(tuple(t.value for t in hit.themes), language)),
                call_closes_on=closes if hit.open_to_new_members else None,
                example=example,
            )
        )
        index = following
    return cards


def partnership_cards(partnerships: list[PartnershipRef]) -> list[Card]:
    authorities = authority_links(a for p in partnerships for a in p.authorities)
    cards, index = [], 0
    for p in partnerships:
        links = authorities[index : index + len(p.authorities)]
        index += len(p.authorities)
        cards.append(
            Card(
                href=reverse("web:partnership", kwargs={"pk": p.id}),
                title=p.title,
                kind=_("Partenariat"),
                relation=p.relation_type.label,
                start_year=p.start_year,
                end_year=p.end_year,
                open_to_new_members=p.open_to_new_members,
                authorities=links,
                partners=[partner.name for partner in p.partners],
                countries=[country_link(c.value, c.label) for c in p.countries],
                themes=[t.label for t in p.themes],
                sdgs=p.sdgs,
            )
        )
    return cards
