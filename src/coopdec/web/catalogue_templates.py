"""The catalogue's results region (facets, count and sort, active filters, downloads,
contacts, cards, pagination, map, charts) rendered from templates.

The templates are ``templates/web/catalogue/*.html``, written in the syntax Django's and
Jinja2's engines share (``for``, ``if``, ``include``, ``with``, ``{{ value }}``), and rendered
by **Jinja2**: measured with ``benchmarks/bench_catalogue_page.py`` it renders the region
several times faster than Django's engine (docs/benchmarks.md), which the catalogue page's
budget needs. ``use_engine("django")`` renders the same files with Django's engine, for the
benchmark's comparison and the tests.

Escaping is the engine's: Jinja2 writes every ``{{ value }}`` through its ``finalize`` hook,
which escapes like Django and ``html.escape`` (``&#x27;`` and ``&quot;``), so that the page
does not change with the engine. Text that is HTML already says so by its type
(``markupsafe.Markup``, Django's ``SafeString``): the SVG drawings, and the map's table rows
that ``figures.world_map`` writes with the map. (Jinja2's own ``autoescape`` is off because
the hook escapes: with it on, each of the ~1,100 values of a page was escaped, wrapped in
``Markup``, then unwrapped and wrapped again by markupsafe: a third of the page's time in a
profile at 10k.)

This module builds the templates' context: plain values, the fixed
words per language (``caches.per_language``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
import markupsafe
from django.conf import settings
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from markupsafe import Markup

from coopdec.catalogue.queries.refs import Ref
from coopdec.web.caches import per_language
from coopdec.web.cards import Card, Link
from coopdec.web.catalogue_page import CataloguePage, Choice, FacetGroup
from coopdec.web.figures import Chart, Row, WorldMap
from coopdec.web.labels import contact_coverage_label, contact_kind_label
from coopdec.web.layout import Chunk, encode
from coopdec.web.svg.choropleth import LegendClass
from coopdec.web.templatetags.coopdec_web import route

CONTACTS_SHOWN = 4
OPEN_TABLE_UP_TO = 12  # a short map table is shown open; a long one stays folded
TEMPLATES = Path(__file__).parent / "templates"
# Where the map's SVG goes: the region is rendered around it, the SVG (UTF-8 bytes already)
# is put in place without being decoded. A private-use character: no template writes it.
_SVG = "\ue002"


def trusted(text: str) -> Markup:
    """``text`` as HTML that the engine writes as it is: our own translated words (as
    ``{% translate %}`` writes them), the SVG drawings and the map's rows that
    ``figures.world_map`` escapes itself, and whole rendered templates. The one place of
    this module that marks text safe."""
    return Markup(text)  # noqa: S704 (see above: never text a visitor typed)


def _escape_like_django(value: Any) -> str:
    """Jinja2's ``finalize``, through which every ``{{ value }}`` is written: plain text
    escaped as Django escapes it; HTML by its type (``Markup``, ``SafeString``) as it is;
    anything else (numbers, lazy translations) as markupsafe escapes it."""
    if type(value) is str:
        return escape(value)
    if type(value) is int:  # counts, years, page numbers: nothing to escape
        return str(value)
    html = getattr(value, "__html__", None)  # None for an Undefined too: str() then fails
    if html is not None:
        return str(html())
    return str(markupsafe.escape(value))


def _jinja() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # Off because ``finalize`` escapes every value written (see the module docstring).
        autoescape=False,  # noqa: S701
        finalize=_escape_like_django,
        auto_reload=settings.DEBUG,  # edits show without a restart while developing
        undefined=jinja2.StrictUndefined,  # a misspelt name fails, as a test will notice
        cache_size=64,
        keep_trailing_newline=True,  # as Django does: both engines write the same text
    )


class _Engine:
    """The engine the region is rendered with: Jinja2, unless the benchmark asks."""

    name = "jinja2"
    jinja: jinja2.Environment | None = None


def use_engine(name: str) -> None:
    """Render with ``"jinja2"`` (the page's) or ``"django"`` (the benchmark's comparison)."""
    if name not in ("jinja2", "django"):
        raise ValueError(f"unknown template engine {name!r}")
    _Engine.name = name


def render(template_name: str, context: dict[str, Any]) -> str:
    """``templates/<template_name>`` with ``context``, by the chosen engine."""
    if _Engine.name == "django":
        return str(get_template(template_name).render(context))
    if _Engine.jinja is None:
        _Engine.jinja = _jinja()
    return _Engine.jinja.get_template(template_name).render(context)


@per_language
def _words() -> dict[str, str]:
    """The region's fixed words in the active language. Like ``{% translate %}``, the words
    of our own catalogue are written as they are (``Markup``); the last three are escaped."""
    fixed = {
        "filter": _("Filtrer"),
        "start_year": _("Année de début"),
        "year_from": _("De"),
        "year_to": _("à"),
        "apply": _("Appliquer les filtres"),
        "sort_by": _("Trier par"),
        "active": _("Filtres actifs"),
        "remove": _("Retirer le filtre"),
        "clear_all": _("Tout effacer"),
        "csv": _("Télécharger (CSV)"),
        "json": _("Télécharger (JSON)"),
        "see_map": _("Voir sur la carte"),
        "alert": _("Créer une alerte"),
        "alert_title": _("Recevoir par courriel les nouvelles fiches de cette recherche"),
        "contacts": _("Qui contacter pour cette sélection"),
        "no_results": _(
            "Aucune fiche ne correspond à cette recherche. Retirez un filtre ou essayez "
            "d'autres mots."
        ),
        "figures": _("La sélection en chiffres"),
    }
    return {
        **{key: trusted(text) for key, text in fixed.items()},
        "add": _("Ajouter"),
        "choose": _("Choisir"),
        "selected": _("sélectionné"),
    }


def found(total: int) -> Markup:
    """ "12 fiches trouvées": our own words and a number, written as they are."""
    return trusted(ngettext("%(n)s fiche trouvée", "%(n)s fiches trouvées", total)) % {"n": total}


class GroupView(NamedTuple):
    name: str
    legend: str
    checkboxes: Sequence[Choice]
    more: Sequence[Choice]
    more_label: str
    select_label: str  # "" when the group has no select
    select_options: list[Choice]


def _group(group: FacetGroup, words: dict[str, str]) -> GroupView:
    if group.widget == "select":
        # An authority is reached from its page, not chosen here: no select for it.
        has_select = group.name != "authority"
        return GroupView(
            group.name,
            group.legend,
            group.selected,
            (),
            "",
            (words["add"] if group.selected else words["choose"]) if has_select else "",
            [o for o in group.options if not o.selected] if has_select else [],
        )
    more = ""
    if group.more:
        n = len(group.more)
        more = ngettext("%(n)s autre valeur", "%(n)s autres valeurs", n) % {"n": n}
    return GroupView(group.name, group.legend, group.options, group.more, more, "", [])


class ContactView(NamedTuple):
    name: str
    website: str
    kind: str
    coverage: str
    email: str


class PageLinkView(NamedTuple):
    href: str  # "" when disabled
    css: str
    label: str
    rel: str


@per_language
def _pagination_words() -> dict[str, str]:
    return {
        "label": _("Pagination"),
        "first": _("Première page"),
        "previous": _("Page précédente"),
        "next": _("Page suivante"),
        "last": _("Dernière page"),
        "page": _("Page %(n)s"),
    }


def _pagination(page: CataloguePage, base: str) -> dict[str, Any] | None:
    if page.result.pages <= 1:
        return None
    words = _pagination_words()
    lg = "fr-pagination__link--lg-label"

    def href(query: str | None) -> str:
        return base + query if query is not None else ""

    numbers = [
        (None, "", "", False)
        if link is None
        else (link.number, base + link.href, words["page"] % {"n": link.number}, link.current)
        for link in page.pages
    ]
    return {
        "label": words["label"],
        "before": [
            PageLinkView(
                href(page.first if page.previous else None),
                "fr-pagination__link--first",
                words["first"],
                "",
            ),
            PageLinkView(
                href(page.previous), f"fr-pagination__link--prev {lg}", words["previous"], "prev"
            ),
        ],
        "numbers": numbers,
        "after": [
            PageLinkView(href(page.next), f"fr-pagination__link--next {lg}", words["next"], "next"),
            PageLinkView(
                href(page.last if page.next else None),
                "fr-pagination__link--last",
                words["last"],
                "",
            ),
        ],
    }


class CardView(NamedTuple):
    href: str
    title: str
    authorities: list[tuple[str, Link]]  # (separator, link)
    partner_line: bool
    partner: str
    countries: list[tuple[str, Link]]
    themes: str
    sdgs: Sequence[tuple[str, str, str]]  # (separator, title, text)
    years: str
    kind: str
    open: bool
    closes: str = ""  # "jusqu'au 31/12/2026": a call for partners' closing date
    example: bool = False


@per_language
def _card_words() -> dict[str, Any]:
    return {
        "authority": _("Collectivité française"),
        "partner": _("Partenaire"),
        "themes": _("Thèmes"),
        "sdg": _("ODD"),
        "years": _("Années"),
        "open": _("Ouvert à de nouvelles collectivités"),
        "closes": _("jusqu'au %(date)s"),
        "example": _("Exemple de bonne pratique"),
        "goal": _("ODD %(n)s"),
        "since": _("depuis %(year)s"),
        "until": _("jusqu'en %(year)s"),
        # A card's goals, per combination of goals (a few dozen come back): per language.
        "goals": {},
    }


def _joined(links: Iterable[Link]) -> list[tuple[str, Link]]:
    return [(", " if i else "", link) for i, link in enumerate(links)]


def _goals(sdgs: Sequence[Ref], words: dict[str, Any]) -> Sequence[tuple[str, str, str]]:
    key = tuple(sdgs)
    known: Sequence[tuple[str, str, str]] | None = words["goals"].get(key)
    if known is None:
        known = tuple(
            (", " if i else "", g.label, words["goal"] % {"n": g.value}) for i, g in enumerate(sdgs)
        )
        if len(words["goals"]) < 10_000:  # combinations of goals: bounded, kept bounded
            words["goals"][key] = known
    return known


def _period(start: int | None, end: int | None, words: dict[str, Any]) -> str:
    if start and end:
        return f"{start}–{end}"
    if start:
        return str(words["since"] % {"year": start})
    if end:
        return str(words["until"] % {"year": end})
    return ""


def period(start: int | None, end: int | None) -> str:
    """Years of a partnership: "2006–2021", "depuis 2006", "jusqu'en 2021", or ""."""
    return _period(start, end, _card_words())


def _card(card: Card, words: dict[str, Any]) -> CardView:
    return CardView(
        href=card.href,
        title=card.title,
        authorities=_joined(card.authorities),
        partner_line=bool(card.partners or card.countries),
        partner=", ".join(card.partners),
        countries=_joined(card.countries),
        themes=", ".join(card.themes),
        sdgs=_goals(card.sdgs, words) if card.sdgs else (),
        years=_period(card.start_year, card.end_year, words),
        kind=card.kind + (f" · {card.relation}" if card.relation else ""),
        open=card.open_to_new_members,
        closes=(
            words["closes"] % {"date": card.call_closes_on.strftime("%d/%m/%Y")}
            if card.call_closes_on
            else ""
        ),
        example=card.example,
    )


def _cards_context(cards: list[Card], heading: int) -> dict[str, Any]:
    words = _card_words()
    return {
        "cards": [_card(card, words) for card in cards],
        "card_words": words,
        "heading": heading,
    }


def card_list(cards: list[Card], heading: int = 3) -> Markup:
    """The result cards (title, French authority, partner and country, themes, SDGs, years,
    "open" badge), as ``<ul class="coopdec-cards">``: one markup for every list."""
    return trusted(render("web/catalogue/card_list.html", _cards_context(cards, heading)))


RowView = tuple[str, int, str, bool, bool]  # label, value, href, selected, linked


def _rows(rows: Iterable[Row]) -> list[RowView]:
    return [
        (
            r.label,
            r.value,
            trusted(r.href_html) if r.href_html is not None else (r.href or ""),
            r.selected,
            bool(r.selected or r.href),
        )
        for r in rows
    ]


def table_rows(rows: Iterable[Row]) -> Markup:
    """The ``<tr>`` of a chart's or the map's table, as the templates write them."""
    context = {"rows": _rows(rows), "selected_word": _words()["selected"]}
    return trusted(render("web/catalogue/rows.html", context).strip())


class ChartView(NamedTuple):
    chart_id: str
    title: str
    svg: Any  # SafeString
    summary: str
    header: str
    rows: list[RowView]


@per_language
def _chart_words() -> dict[str, str]:
    return {
        "value": _("Valeur"),
        "data_of": _("Données du graphique : %(title)s"),
        "number": _("Nombre"),
    }


def _chart(chart: Chart, label_header: str = "") -> ChartView:
    words = _chart_words()
    return ChartView(
        chart.chart_id,
        chart.title,
        chart.svg,
        words["data_of"] % {"title": chart.title},
        label_header or words["value"],
        _rows(chart.rows),
    )


def chart_figure(chart: Chart, label_header: str = "") -> Markup:
    """The SVG in a figure with its caption, and its numbers in a folded table."""
    context = {
        "chart": _chart(chart, label_header),
        "chart_words": _chart_words(),
        "selected_word": _words()["selected"],
    }
    return trusted(render("web/catalogue/chart.html", context))


def _legend_label(item: LegendClass) -> str:
    if item.high is None:
        return _("%(low)s fiches et plus") % {"low": item.low}
    if item.low == item.high:
        return ngettext("%(n)s fiche", "%(n)s fiches", item.low) % {"n": item.low}
    return _("%(low)s à %(high)s fiches") % {"low": item.low, "high": item.high}


@per_language
def _map_words() -> dict[str, Any]:
    return {
        "how": _(
            "Cliquez sur un pays pour filtrer le catalogue ; le tableau des pays, sous la "
            "carte, offre les mêmes liens au clavier."
        ),
        "title": _("Carte des fiches par pays"),
        "legend_label": _("Légende de la carte"),
        "summary": _("Les pays de la carte, en tableau"),
        "caption": _("Nombre de fiches par pays"),
        "country": _("Pays"),
        "records": _("Fiches"),
        "no_country": _("Aucun pays."),
        "selected_country": _("pays sélectionné"),
        "legends": {},  # legend classes -> their (css class, words), per language
    }


def _map_context(world: WorldMap) -> dict[str, Any]:
    words = _map_words()
    key = tuple(world.legend)
    legend = words["legends"].get(key)
    if legend is None:
        legend = words["legends"][key] = [(c.css_class, _legend_label(c)) for c in world.legend]
    intro = ngettext(
        "%(n)s pays concerné par la sélection (sans tenir compte du filtre « Pays »).",
        "%(n)s pays concernés par la sélection (sans tenir compte du filtre « Pays »).",
        world.total_countries,
    ) % {"n": world.total_countries}
    has_rows = bool(world.total_countries)
    return {
        "map_words": words,
        "map_intro": intro,
        "map_legend": legend,
        "map_open": world.total_countries <= OPEN_TABLE_UP_TO,
        # The rows as figures.world_map wrote them (HTML), or as rows to write here.
        "map_table": trusted(world.table) if has_rows and world.table else "",
        "rows": _rows(world.rows) if has_rows and not world.table else [],
        "svg_marker": trusted(_SVG),
    }


def _contacts(page: CataloguePage) -> list[ContactView]:
    return [
        ContactView(
            c.name,
            c.website or "",
            contact_kind_label(c.kind),
            contact_coverage_label(c.coverage or ""),
            c.email or "",
        )
        for c in page.contacts[:CONTACTS_SHOWN]
    ]


def results_region(page: CataloguePage, query_string: str) -> list[Chunk]:
    """``<div id="catalogue-results">``: what htmx swaps when a filter changes.
    ``query_string`` is the request's own (``data-query``, read by the type-ahead). In
    pieces, the map already encoded (``layout.encode`` joins them)."""
    words = _words()
    base = route("web:catalogue")
    where = trusted("")
    if page.result.pages > 1:
        where = trusted(_("page %(p)s sur %(pages)s")) % {
            "p": page.query.page,
            "pages": page.result.pages,
        }
    year_from = "" if page.query.year_from is None else page.query.year_from
    year_to = "" if page.query.year_to is None else page.query.year_to
    context: dict[str, Any] = {
        "query_string": query_string,
        "words": words,
        "page": page,
        "groups": [_group(g, words) for g in page.groups],
        "years": [
            (
                "annee-debut",
                "year_from",
                words["year_from"],
                "" if year_from is None else year_from,
            ),
            ("annee-fin", "year_to", words["year_to"], "" if year_to is None else year_to),
        ],
        "found": found(page.result.total),
        "where": where,
        "base": base,
        "csv_url": route("web:export_csv"),
        "json_url": route("web:export_json"),
        "alert_url": route("web:alerts"),
        "contacts": _contacts(page),
        "pagination": _pagination(page, base),
        "charts": [_chart(chart) for chart in page.charts],
        "chart_words": _chart_words(),
        "selected_word": words["selected"],
        **_cards_context(page.cards, 3),
        **_map_context(page.world),
    }
    head, tail = render("web/catalogue/results.html", context).strip().split(_SVG)
    return [head, page.world.svg, tail]


def fragment(page: CataloguePage, query_string: str) -> bytes:
    """The htmx answer: the results region and, out of band, the count for screen readers."""
    status = render("web/catalogue/status.html", {"found": found(page.result.total)}).strip()
    return encode([*results_region(page, query_string), "\n", status, "\n"])
