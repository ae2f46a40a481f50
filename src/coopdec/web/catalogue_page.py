"""What the catalogue page shows for one search: facet groups, active filters, cards,
pagination, the map and the charts. The search itself is the catalogue search service's;
this module only turns its result into links that keep every state in the URL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from html import escape
from typing import Any, NamedTuple, Protocol

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coopdec.catalogue import fields
from coopdec.catalogue.models import FrenchAuthority, RelationType, Status
from coopdec.catalogue.queries.contacts import contacts_for
from coopdec.catalogue.queries.refs import ContactRef
from coopdec.catalogue.search import FacetValue, SearchQuery, SearchResult, search
from coopdec.web import figures, urlstate
from coopdec.web.caches import per_language
from coopdec.web.cards import Card, hit_cards
from coopdec.web.labels import DIMENSIONS, SORTS

# Every country must reach the map, every département the list: ask for all facet values.
FACET_LIMIT = 400
# The facets, their order and widgets, as declared with the filters (``catalogue/fields.py``).
_ORDER = tuple(f.name for f in fields.PAGE_FACETS)
CHECKBOXES = tuple(f.name for f in fields.PAGE_FACETS if f.widget == "checkbox")
SELECTS = tuple(f.name for f in fields.PAGE_FACETS if f.widget == "select")
SHOWN = 6  # checkbox values shown before "show more"
PAGE_WINDOW = 2


class Choice(Protocol):
    """A facet value as the page shows it: the service's ``FacetValue`` itself, or an
    ``Option`` when the page words the value in the request's language."""

    @property
    def value(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def count(self) -> int: ...
    @property
    def selected(self) -> bool: ...


@dataclass(slots=True)  # not frozen: made by the dozen per response, and never changed
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    legend: str
    widget: str  # "checkbox" | "select"
    options: Sequence[Choice]
    more: Sequence[Choice] = field(default_factory=list)
    # Whether the URL filters on this dimension: if not, no value can be selected.
    chosen: bool = True

    @cached_property
    def selected(self) -> list[Choice]:
        if not self.chosen:
            return []
        return [o for o in [*self.options, *self.more] if o.selected]


class ActiveFilter(NamedTuple):
    label: str
    href: str  # the query string without this filter


class PageLink(NamedTuple):
    number: int
    href: str
    current: bool


@dataclass
class CataloguePage:
    query: SearchQuery
    result: SearchResult
    params: dict[str, list[str]]
    groups: list[FacetGroup]
    active: list[ActiveFilter]
    cards: list[Card]
    pages: list[PageLink | None]  # None: a gap ("…")
    previous: str | None
    next: str | None
    first: str
    last: str
    world: figures.WorldMap
    charts: list[figures.Chart]
    contacts: list[ContactRef]
    sorts: list[tuple[str, str, bool]]  # (value, label, selected)
    download: str  # query string for the CSV and JSON downloads

    @property
    def query_string(self) -> str:
        return urlstate.encode(self.params)


def clean_params(raw: dict[str, list[str]]) -> dict[str, list[str]]:
    """Request parameters without empty values (what a plain GET form sends for an unused
    field) and without page 1: the canonical, shareable form of the URL."""
    params = {k: [v for v in values if v.strip()] for k, values in raw.items()}
    if params.get("page") == ["1"]:
        del params["page"]
    return {k: v for k, v in params.items() if v}


def build(query: SearchQuery, params: dict[str, list[str]]) -> CataloguePage:
    result = search(replace(query, facet_limit=FACET_LIMIT))
    language = get_language() or "fr"
    words = _words()
    groups = [_group(name, result.facets.get(name, []), params, words) for name in _ORDER]
    first, pages, previous, following, last = _pagination(result, params)
    return CataloguePage(
        query=query,
        result=result,
        params=params,
        groups=[g for g in groups if g.options or g.more],
        active=_active(query, result, params),
        cards=hit_cards(result.results, language),
        pages=pages,
        previous=previous,
        next=following,
        first=first,
        last=last,
        world=_world(result, params),
        charts=_charts(result, params),
        contacts=contacts_for(
            regions=query.regions, departements=query.departements, countries=query.countries
        ),
        sorts=_sorts(params),
        download=urlstate.without_paging(params),
    )


# Coded dimensions whose words the page takes from the models' choices, in the language of
# the request (the search service labels them once per process).
CHOICES = {
    "authority_kind": dict(FrenchAuthority.Kind.choices),
    "relation_type": dict(RelationType.choices),
    "status": dict(Status.choices),
}


@per_language
def _words() -> dict[str, Any]:
    """The page's fixed words in the active language, looked up once per language."""
    return {
        "choices": {
            name: {key: str(label) for key, label in choices.items()}
            for name, choices in CHOICES.items()
        },
        # The yes/no facets (``fields.FLAGS``): the "yes" value, and what any other reads as.
        "flags": {
            fields.OPEN.name: {
                "true": _("Ouvert à de nouvelles collectivités"),
                "": _("Non précisé"),
            },
            fields.EXAMPLE.name: {
                "true": _("Exemple de bonne pratique"),
                "": _("Non signalé comme exemple"),
            },
        },
        "dimensions": {name: str(label) for name, label in DIMENSIONS.items()},
        "sorts": [("", str(SORTS["relevance"]))]
        + [(key, str(label)) for key, label in SORTS.items() if key != "relevance"],
        "search": _("Recherche : %(text)s"),
        # "Pays : Sénégal" in French, "Country: Senegal" in English.
        "filter": _("%(dimension)s : %(value)s"),
        "charts": (
            ("theme", "graphique-themes", _("Fiches par thème")),
            ("zone", "graphique-zones", _("Fiches par zone géographique")),
        ),
        "years": _("Fiches par année de début"),
    }


def label_of(name: str, value: FacetValue) -> str:
    return _label_in(_words(), name, value)


def _label_in(words: dict[str, Any], name: str, value: FacetValue) -> str:
    flag = words["flags"].get(name)
    if flag is not None:
        return str(flag["true" if value.value == "true" else ""])
    labels = words["choices"].get(name)
    if labels is not None and value.value in labels:
        return str(labels[value.value])
    return value.label


def _sorts(params: dict[str, list[str]]) -> list[tuple[str, str, bool]]:
    """The sort choices. The first, empty one is the service's default (relevance when there
    are words, title otherwise), so that typing words after a plain listing is not stuck
    with the alphabetical order the listing showed."""
    chosen = (params.get("sort") or [""])[-1]
    return [(key, label, key == chosen) for key, label in _words()["sorts"]]


def _group(
    name: str, values: list[FacetValue], params: dict[str, list[str]], words: dict[str, Any]
) -> FacetGroup:
    # A value is selected only if its dimension is in the URL: most dimensions are not, and
    # their few hundred values need no second look (authorities, countries, départements).
    chosen = name in params
    if name == "authority":
        # Reached from an authority page: only the chosen ones are worth a line.
        values = [v for v in values if v.selected] if chosen else []
    options: Sequence[Choice]
    labels = words["choices"].get(name)
    flag = words["flags"].get(name)
    if flag is not None:
        unknown, labels = flag[""], {"true": flag["true"]}
        options = [
            Option(v.value, labels.get(v.value, unknown), v.count, v.selected) for v in values
        ]
    elif labels:
        options = [
            Option(v.value, labels.get(v.value, v.label), v.count, v.selected) for v in values
        ]
    else:
        options = values  # worded by the search service already: shown as they are
    legend = words["dimensions"][name]
    if name in SELECTS:
        return FacetGroup(name, legend, "select", options, chosen=chosen)
    # Selected values stay in view; the rest folds away after the first few.
    if not chosen:
        return FacetGroup(name, legend, "checkbox", options[:SHOWN], options[SHOWN:], False)
    ordered = sorted(options, key=lambda o: not o.selected)
    cut = max(SHOWN, sum(o.selected for o in options))
    return FacetGroup(name, legend, "checkbox", ordered[:cut], ordered[cut:])


def _active(
    query: SearchQuery, result: SearchResult, params: dict[str, list[str]]
) -> list[ActiveFilter]:
    words = _words()
    dimensions = words["dimensions"]
    active = []
    if query.text:
        active.append(
            ActiveFilter(words["search"] % {"text": query.text},
                         urlstate.replaced(params, "q", None))
        )  # fmt: skip
    for name in _ORDER:
        if name not in params:  # nothing selected in this dimension (see _group)
            continue
        for value in result.facets.get(name, []):
            if value.selected:
                label = _label_in(words, name, value)
                active.append(
                    ActiveFilter(words["filter"] % {"dimension": dimensions[name], "value": label},
                                 urlstate.toggled(params, name, value.value))
                )  # fmt: skip
    if query.year_from or query.year_to:
        years = f"{query.year_from or '…'}–{query.year_to or '…'}"
        without = {k: v for k, v in params.items() if k not in ("year_from", "year_to")}
        worded = words["filter"] % {"dimension": dimensions["year"], "value": years}
        active.append(ActiveFilter(worded, urlstate.encode(without)))
    return active


def _pagination(
    result: SearchResult, params: dict[str, list[str]]
) -> tuple[str, list[PageLink | None], str | None, str | None, str]:
    current, total = result.query.page, result.pages
    numbers = sorted(
        {1, total, *range(max(1, current - PAGE_WINDOW), min(total, current + PAGE_WINDOW) + 1)}
    )
    pages: list[PageLink | None] = []
    for number in numbers:
        if pages and pages[-1] is not None and number > pages[-1].number + 1:
            pages.append(None)
        pages.append(PageLink(number, urlstate.paged(params, number), number == current))
    previous = urlstate.paged(params, current - 1) if current > 1 else None
    following = urlstate.paged(params, current + 1) if current < total else None
    return urlstate.paged(params, 1), pages, previous, following, urlstate.paged(params, total)


class MapLinks:
    """A map click shows that country alone; clicking the only selected one removes the
    filter. The rest of the query string is encoded (and escaped) once for the hundred
    countries of the map and of its table."""

    def __init__(self, params: dict[str, list[str]]) -> None:
        others = urlstate.replaced(params, "country", None)
        self.without = "/catalogue/" + others
        self.prefix = "/catalogue/" + (others + "&" if others else "?") + "country="
        self.prefix_html = escape(self.prefix)
        chosen = params.get("country", [])
        self.alone = chosen[0] if len(chosen) == 1 else None  # the only selected country

    def __call__(self, iso2: str) -> str:
        return self.without if iso2 == self.alone else self.prefix + iso2

    def html(self, iso2: str) -> str:
        """The link escaped for an attribute. ISO codes (ASCII letters) need no escaping;
        anything else goes through ``html.escape``."""
        if iso2 == self.alone or not (iso2.isascii() and iso2.isalnum()):
            return escape(self(iso2))
        return self.prefix_html + iso2


def _world(result: SearchResult, params: dict[str, list[str]]) -> figures.WorldMap:
    facet = result.facets.get("country", [])
    counts = {v.value: v.count for v in facet}
    selected = [v.value for v in facet if v.selected] if "country" in params else []
    links = MapLinks(params)
    return figures.world_map(
        counts, href=links, href_html=links.html, selected=selected, prefix_html=links.prefix_html
    )


def _charts(result: SearchResult, params: dict[str, list[str]]) -> list[figures.Chart]:
    charts = []
    words = _words()
    for name, chart_id, title in words["charts"]:
        href = urlstate.toggler(params, name, "/catalogue/")
        rows = [
            figures.Row(v.label, v.count, href(v.value), False, href.html(v.value))
            for v in sorted(result.facets.get(name, []), key=lambda v: (-v.count, v.label))
            if v.count
        ]
        if rows:
            charts.append(figures.bar_chart(chart_id, title, rows))
    years = [
        (int(v.value), v.count)
        for v in result.facets.get("year", [])
        if v.value.isdigit() and v.count
    ]
    if years:
        charts.append(figures.year_chart("graphique-annees", words["years"], years))
    return charts
