"""The catalogue's results region (facets, count and sort, active filters, downloads,
contacts, cards, pagination, map, charts) as HTML, written in Python.

It is the part of the catalogue page that changes with every filter, and the htmx fragment
on its own. Through the template engine it cost more than the search it shows; the page must
answer within twice the search service's time (issue 4, docs/benchmarks.md). The markup is
the former ``catalogue/results.html`` and ``facets.html``: values are escaped with
``html.escape``; fixed words come from gettext once per language (like ``{% translate %}``,
they are our own catalogue's text and are not escaped).
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from coopdec.catalogue.read_services import ContactRef
from coopdec.web import figure_html, fragments
from coopdec.web.catalogue_page import CataloguePage
from coopdec.web.labels import contact_kind_label
from coopdec.web.layout import Chunk, encode
from coopdec.web.templatetags.coopdec_web import route

CONTACTS_SHOWN = 4


@lru_cache(maxsize=8)
def _words(language: str) -> dict[str, str]:
    """The region's fixed words in ``language`` (the active one when first asked)."""
    return {
        "filter": _("Filtrer"),
        "start_year": _("Année de début"),
        "from": _("De"),
        "to": _("à"),
        "apply": _("Appliquer les filtres"),
        "sort_by": _("Trier par"),
        "active": _("Filtres actifs"),
        "remove": _("Retirer le filtre"),
        "clear": _("Tout effacer"),
        "csv": _("Télécharger (CSV)"),
        "json": _("Télécharger (JSON)"),
        "see_map": _("Voir sur la carte"),
        "contacts": _("Qui contacter pour cette sélection"),
        "none": _(
            "Aucune fiche ne correspond à cette recherche. Retirez un filtre ou essayez "
            "d'autres mots."
        ),
        "figures": _("La sélection en chiffres"),
    }


def found(total: int) -> str:
    return ngettext("%(n)s fiche trouvée", "%(n)s fiches trouvées", total) % {"n": total}


def _year_input(input_id: str, name: str, label: str, value: int | None) -> str:
    shown = "" if value is None else value
    return (
        '<div class="fr-fieldset__element fr-fieldset__element--inline">'
        '<div class="fr-input-group">\n'
        f'<label class="fr-label" for="{input_id}">{label}</label>\n'
        f'<input class="fr-input coopdec-year" type="number" id="{input_id}" name="{name}" '
        f'min="1900" max="2100" inputmode="numeric" value="{shown}">\n'
        "</div></div>\n"
    )


def _facets(page: CataloguePage, words: dict[str, str]) -> str:
    return (
        '<div class="coopdec-facets">\n'
        f'<h2 class="fr-h5">{words["filter"]}</h2>\n'
        f"{fragments.facet_groups(page.groups)}\n"
        '<fieldset class="fr-fieldset coopdec-facet" aria-labelledby="facette-annees-legende">\n'
        '<legend class="fr-fieldset__legend fr-text--md" id="facette-annees-legende">'
        f"{words['start_year']}</legend>\n"
        + _year_input("annee-debut", "year_from", words["from"], page.query.year_from)
        + _year_input("annee-fin", "year_to", words["to"], page.query.year_to)
        + "</fieldset>\n"
        '<button class="fr-btn fr-btn--secondary coopdec-apply" type="submit">'
        f"{words['apply']}</button>\n"
        "</div>\n"
    )


def _heading(page: CataloguePage) -> str:
    text = found(page.result.total)
    if page.result.pages > 1:
        where = _("page %(p)s sur %(pages)s") % {"p": page.query.page, "pages": page.result.pages}
        text += f' <span class="fr-text--md fr-text--regular">— {where}</span>'
    return f'<h2 id="resultats" tabindex="-1" class="fr-h4">{text}</h2>\n'


def _sorts(page: CataloguePage, words: dict[str, str]) -> str:
    options = "".join(
        f'<option value="{escape(key)}"{" selected" if chosen else ""}>{escape(label)}</option>'
        for key, label, chosen in page.sorts
    )
    return (
        '<div class="fr-select-group coopdec-sort">\n'
        f'<label class="fr-label" for="tri">{words["sort_by"]}</label>\n'
        f'<select class="fr-select" id="tri" name="sort">\n{options}\n</select>\n'
        "</div>\n"
    )


def _active(page: CataloguePage, words: dict[str, str], base: str) -> str:
    if not page.active:
        return ""
    tags = "".join(
        '<li><a class="fr-tag fr-tag--sm fr-tag--icon-left fr-icon-close-line" '
        f'href="{escape(base + tag.href)}"><span class="fr-sr-only">{words["remove"]} </span>'
        f"{escape(tag.label)}</a></li>\n"
        for tag in page.active
    )
    return (
        f'<ul class="fr-tags-group" aria-label="{words["active"]}" hx-boost="true" '
        'hx-target="#catalogue-results" hx-swap="outerHTML show:none">\n'
        f"{tags}"
        f'<li><a class="fr-tag fr-tag--sm" href="{escape(base)}">{words["clear"]}</a></li>\n'
        "</ul>\n"
    )


def _downloads(page: CataloguePage, words: dict[str, str]) -> str:
    query = escape(page.download)
    csv, json = escape(route("web:export_csv")), escape(route("web:export_json"))
    button = "fr-btn fr-btn--tertiary fr-btn--sm"
    return (
        '<ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mb-2w">\n'
        f'<li><a class="{button} fr-icon-download-line" href="{csv}{query}" download>'
        f"{words['csv']}</a></li>\n"
        f'<li><a class="{button} fr-icon-download-line" href="{json}{query}" download>'
        f"{words['json']}</a></li>\n"
        f'<li><a class="{button} fr-icon-map-pin-2-line" href="#carte">'
        f"{words['see_map']}</a></li>\n"
        "</ul>\n"
    )


def _contact(contact: ContactRef) -> str:
    name = escape(contact.name)
    if contact.website:
        name = f'<a href="{escape(contact.website)}" rel="noopener">{name}</a>'
    line = f"{name} — {escape(contact_kind_label(contact.kind))}"
    if contact.coverage:
        line += f" ({escape(contact.coverage)})"
    if contact.email:
        email = escape(contact.email)
        line += f' · <a href="mailto:{email}">{email}</a>'
    return f"<li>{line}</li>"


def _contacts(page: CataloguePage, words: dict[str, str]) -> str:
    if not page.contacts:
        return ""
    items = "".join(_contact(c) for c in page.contacts[:CONTACTS_SHOWN])
    return (
        '<div class="fr-callout fr-callout--brown-caramel fr-mb-3w coopdec-contacts-callout">\n'
        f'<h3 class="fr-callout__title fr-h6">{words["contacts"]}</h3>\n'
        f'<ul class="fr-callout__text">\n{items}\n</ul>\n'
        "</div>\n"
    )


def _figures(page: CataloguePage, words: dict[str, str]) -> str:
    if not page.charts:
        return ""
    charts = "".join(
        f'<div class="fr-col-12 fr-col-lg-6">{figure_html.chart_figure(chart)}</div>'
        for chart in page.charts
    )
    return (
        f'<h2 class="fr-mt-6w">{words["figures"]}</h2>\n'
        f'<div class="fr-grid-row fr-grid-row--gutters">\n{charts}\n</div>\n'
    )


def results_region(page: CataloguePage, query_string: str) -> list[Chunk]:
    """``<div id="catalogue-results">``: what htmx swaps when a filter changes.
    ``query_string`` is the request's own (``data-query``, read by the type-ahead). In
    pieces, the map already encoded (``layout.encode`` joins them)."""
    words = _words(get_language() or "")
    base = route("web:catalogue")
    cards = fragments.card_list(page.cards) if page.cards else f"<p>{words['none']}</p>"
    head = (
        '<div id="catalogue-results" class="fr-grid-row fr-grid-row--gutters" '
        f'data-query="{escape(query_string)}">\n'
        f'<div class="fr-col-12 fr-col-md-4">\n{_facets(page, words)}</div>\n'
        '<div class="fr-col-12 fr-col-md-8">\n'
        '<div class="coopdec-results-head">\n'
        f"{_heading(page)}{_sorts(page, words)}"
        "</div>\n"
        f"{_active(page, words, base)}{_downloads(page, words)}{_contacts(page, words)}"
        f"{cards}\n{fragments.pagination(page, base)}\n"
        "</div>\n"
        '<div class="fr-col-12">\n'
    )
    tail = f"\n{_figures(page, words)}</div>\n</div>\n"
    return [head, *figure_html.map_section(page.world), tail]


def fragment(page: CataloguePage, query_string: str) -> bytes:
    """The htmx answer: the results region and, out of band, the count for screen readers."""
    return encode(
        [
            *results_region(page, query_string),
            "\n"
            '<p id="catalogue-status" class="fr-sr-only" role="status" hx-swap-oob="innerHTML">'
            f"{found(page.result.total)}</p>\n",
        ]
    )
