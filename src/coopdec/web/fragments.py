"""The catalogue's long repeated markup (facet checkboxes and selects, the map's table, the
charts' tables), written in Python rather than in template loops.

A page lists up to a few hundred facet values and countries; through Django's template
engine they cost ten times the search itself, and the catalogue page must answer within twice
the search service's time (docs/benchmarks.md). Everything here is escaped with
``html.escape``; the templates include the result as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coopdec.catalogue.read_services import Ref
from coopdec.web.cards import Card, Link
from coopdec.web.catalogue_page import CataloguePage, Choice, FacetGroup
from coopdec.web.figures import Chart, Row, WorldMap
from coopdec.web.memo import esc, per_language


def _safe(parts: Iterable[str]) -> SafeString:
    return mark_safe("".join(parts))  # noqa: S308 (every value below is escaped)


def _checkbox(name: str, option: Choice) -> str:
    head = _checkbox_head(name, option.value, option.label, option.selected)
    return f"{head}{option.count})</span></label></div></div>"


@lru_cache(maxsize=8192)
def _checkbox_head(name: str, value: str, label: str, selected: bool) -> str:
    """A checkbox up to its count: the same values come back on every page."""
    checked = " checked" if selected else ""
    value = escape(value)
    return (
        '<div class="fr-fieldset__element"><div class="fr-checkbox-group fr-checkbox-group--sm">'
        f'<input type="checkbox" id="f-{name}-{value}" name="{name}" value="{value}"{checked}>'
        f'<label class="fr-label" for="f-{name}-{value}">{escape(label)} '
        '<span class="coopdec-count">('
    )


def _legend(group: FacetGroup) -> str:
    return (
        f'<legend class="fr-fieldset__legend fr-text--md" id="facette-{group.name}-legende">'
        f"{esc(group.legend)}</legend>"
    )


@per_language
def _select_words() -> tuple[str, str]:
    return escape(_("Ajouter")), escape(_("Choisir"))


@lru_cache(maxsize=8192)
def _option_head(value: str, label: str) -> str:
    """``<option value="…">Label (`` — the same countries and départements on every page."""
    return f'<option value="{escape(value)}">{escape(label)} ('


def _select(group: FacetGroup) -> str:
    add, choose = _select_words()
    label = add if group.selected else choose
    options = "".join(
        f"{_option_head(o.value, o.label)}{o.count})</option>"
        for o in group.options
        if not o.selected
    )
    legend = esc(group.legend)
    return (
        '<div class="fr-fieldset__element"><div class="fr-select-group">'
        f'<label class="fr-label" for="ajout-{group.name}">{label}'
        f'<span class="fr-sr-only"> : {legend}</span></label>'
        f'<select class="fr-select" id="ajout-{group.name}" name="{group.name}">'
        f'<option value="">—</option>{options}</select></div></div>'
    )


def facet_group(group: FacetGroup) -> str:
    parts = [
        f'<fieldset class="fr-fieldset coopdec-facet" id="facette-{group.name}" '
        f'aria-labelledby="facette-{group.name}-legende">',
        _legend(group),
    ]
    if group.widget == "select":
        parts += [_checkbox(group.name, o) for o in group.selected]
        if group.name != "authority":  # reached from an authority page, not chosen here
            parts.append(_select(group))
    else:
        parts += [_checkbox(group.name, o) for o in group.options]
        if group.more:
            more = ngettext("%(n)s autre valeur", "%(n)s autres valeurs", len(group.more))
            parts.append(
                '<details class="fr-fieldset__element coopdec-details"><summary>'
                f"{escape(more % {'n': len(group.more)})}"
                f'<span class="fr-sr-only"> : {escape(group.legend)}</span></summary>'
            )
            parts += [_checkbox(group.name, o) for o in group.more]
            parts.append("</details>")
    parts.append("</fieldset>")
    return "".join(parts)


def facet_groups(groups: list[FacetGroup]) -> SafeString:
    return _safe(facet_group(g) for g in groups)


def _row(row: Row, selected_word: str) -> str:
    label = esc(row.label)
    if not (row.selected or row.href):
        return f"<tr><td>{label}</td><td>{row.value}</td></tr>"
    href = row.href_html if row.href_html is not None else escape(row.href or "")
    if row.selected:
        cell = (
            f'<a href="{href}" aria-current="true">{label}</a> '
            f'<span class="fr-badge fr-badge--sm fr-badge--no-icon">{selected_word}</span>'
        )
    else:
        cell = f'<a href="{href}">{label}</a>'
    return f"<tr><td>{cell}</td><td>{row.value}</td></tr>"


@per_language
def _selected_word() -> str:
    return escape(_("sélectionné"))


def table_rows(rows: list[Row]) -> SafeString:
    selected = _selected_word()
    return _safe(_row(r, selected) for r in rows)


def map_rows(world: WorldMap) -> SafeString:
    return table_rows(world.rows)


def chart_rows(chart: Chart) -> SafeString:
    return table_rows(chart.rows)


def _links(links: Iterable[Link]) -> str:
    # Authorities and countries recur from card to card: their escaped text is remembered.
    return ", ".join(
        f'<a href="{esc(link.href)}">{esc(link.label)}</a>' if link.href else esc(link.label)
        for link in links
    )


@per_language
def _card_words() -> dict[str, Any]:
    return {
        "authority": escape(_("Collectivité française")),
        "partner": escape(_("Partenaire")),
        "themes": escape(_("Thèmes")),
        "sdg": escape(_("ODD")),
        "years": escape(_("Années")),
        "open": escape(_("Ouvert à de nouvelles collectivités")),
        "goal": _("ODD %(n)s"),
        "since": _("depuis %(year)s"),
        "until": _("jusqu'en %(year)s"),
        # A card's goals as HTML, per combination of goals (a few dozen come back).
        "goals": {},
    }


def _goals_html(sdgs: Sequence[Ref], words: dict[str, Any]) -> str:
    key = tuple(sdgs)
    found: str | None = words["goals"].get(key)
    if found is None:
        found = ", ".join(
            f'<abbr title="{esc(g.label)}">{esc(words["goal"] % {"n": g.value})}</abbr>'
            for g in sdgs
        )
        if len(words["goals"]) < 10_000:
            words["goals"][key] = found
    return found


def _period(start: int | None, end: int | None, words: dict[str, Any]) -> str:
    """``period`` with the words of the active language already looked up."""
    if start and end:
        return f"{start}–{end}"
    if start:
        return str(words["since"] % {"year": start})
    if end:
        return str(words["until"] % {"year": end})
    return ""


def card_list(cards: list[Card], heading: int = 3) -> SafeString:
    """The result cards (title, French authority, partner and country, themes, SDGs, years,
    "open" badge), as ``<ul class="coopdec-cards">``."""
    words = _card_words()
    parts = ['<ul class="coopdec-cards">']
    for card in cards:
        facts = []
        if card.authorities:
            facts.append(f"<dt>{words['authority']}</dt><dd>{_links(card.authorities)}</dd>")
        if card.partners or card.countries:
            where = f" ({_links(card.countries)})" if card.countries else ""
            partners = escape(", ".join(card.partners))
            facts.append(f"<dt>{words['partner']}</dt><dd>{partners}{where}</dd>")
        if card.themes:
            themes = ", ".join(esc(theme) for theme in card.themes)
            facts.append(f"<dt>{words['themes']}</dt><dd>{themes}</dd>")
        if card.sdgs:
            facts.append(f"<dt>{words['sdg']}</dt><dd>{_goals_html(card.sdgs, words)}</dd>")
        years = _period(card.start_year, card.end_year, words)
        if years:
            facts.append(f"<dt>{words['years']}</dt><dd>{escape(years)}</dd>")
        kind = esc(card.kind + (f" · {card.relation}" if card.relation else ""))
        badges = f'<li><p class="fr-badge fr-badge--sm fr-badge--no-icon">{kind}</p></li>'
        if card.open_to_new_members:
            badges += (
                f'<li><p class="fr-badge fr-badge--sm fr-badge--success">{words["open"]}</p></li>'
            )
        parts.append(
            '<li><div class="fr-card fr-card--horizontal fr-card--sm coopdec-card">'
            '<div class="fr-card__body"><div class="fr-card__content">'
            f'<h{heading} class="fr-card__title"><a href="{escape(card.href)}">'
            f"{escape(card.title)}</a></h{heading}>"
            f'<div class="fr-card__desc"><dl class="coopdec-facts">{"".join(facts)}</dl></div>'
            f'<div class="fr-card__start"><ul class="fr-badges-group">{badges}</ul></div>'
            "</div></div></div></li>"
        )
    parts.append("</ul>")
    return _safe(parts)


def period(start: int | None, end: int | None) -> str:
    """Years of a partnership: "2006–2021", "depuis 2006", "jusqu'en 2021", or ""."""
    return _period(start, end, _card_words())


def _page_link(href: str | None, css: str, label: str, rel: str = "") -> str:
    css = f"fr-pagination__link {css}".strip()
    if href is None:
        return f'<li><a class="{css}" aria-disabled="true" role="link">{escape(label)}</a></li>'
    rel_attr = f' rel="{rel}"' if rel else ""
    return f'<li><a class="{css}" href="{escape(href)}"{rel_attr}>{escape(label)}</a></li>'


@per_language
def _pagination_words() -> dict[str, str]:
    return {
        "label": escape(_("Pagination")),
        "first": _("Première page"),
        "previous": _("Page précédente"),
        "next": _("Page suivante"),
        "last": _("Dernière page"),
        "page": _("Page %(n)s"),
    }


def pagination(page: CataloguePage, base: str) -> SafeString:
    """DSFR pagination; ``base`` is the catalogue path the query strings are appended to."""
    if page.result.pages <= 1:
        return _safe([])
    words = _pagination_words()
    first = base + page.first if page.previous else None
    last = base + page.last if page.next else None
    parts = [
        '<nav role="navigation" class="fr-pagination fr-mt-4w" '
        f'aria-label="{words["label"]}" hx-boost="true" '
        'hx-target="#catalogue-results" hx-swap="outerHTML show:none">'
        '<ul class="fr-pagination__list">',
        _page_link(first, "fr-pagination__link--first", words["first"]),
        _page_link(
            base + page.previous if page.previous else None,
            "fr-pagination__link--prev fr-pagination__link--lg-label",
            words["previous"],
            "prev",
        ),
    ]
    title = words["page"]
    for link in page.pages:
        if link is None:
            parts.append('<li><span class="fr-pagination__link fr-displayed-lg">…</span></li>')
            continue
        current = ' aria-current="page"' if link.current else ""
        parts.append(
            f'<li><a class="fr-pagination__link" href="{escape(base + link.href)}" '
            f'title="{escape(title % {"n": link.number})}"{current}>{link.number}</a></li>'
        )
    parts += [
        _page_link(
            base + page.next if page.next else None,
            "fr-pagination__link--next fr-pagination__link--lg-label",
            words["next"],
            "next",
        ),
        _page_link(last, "fr-pagination__link--last", words["last"]),
        "</ul></nav>",
    ]
    return _safe(parts)
