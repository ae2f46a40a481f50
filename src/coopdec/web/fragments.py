"""The catalogue's long repeated markup (facet checkboxes and selects, the map's table, the
charts' tables), written in Python rather than in template loops.

A page lists up to a few hundred facet values and countries; through Django's template
engine they cost ten times the search itself, and the catalogue page must answer within twice
the search service's time (docs/benchmarks.md). Everything here is escaped with
``html.escape``; the templates include the result as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coopdec.web.cards import Card, Link
from coopdec.web.catalogue_page import CataloguePage, FacetGroup, Option
from coopdec.web.figures import Chart, Row, WorldMap


def _safe(parts: Iterable[str]) -> SafeString:
    return mark_safe("".join(parts))  # noqa: S308 (every value below is escaped)


def _checkbox(name: str, option: Option) -> str:
    checked = " checked" if option.selected else ""
    return (
        '<div class="fr-fieldset__element"><div class="fr-checkbox-group fr-checkbox-group--sm">'
        f'<input type="checkbox" id="{escape(option.input_id)}" name="{name}" '
        f'value="{escape(option.value)}"{checked}>'
        f'<label class="fr-label" for="{escape(option.input_id)}">{escape(option.label)} '
        f'<span class="coopdec-count">({option.count})</span></label></div></div>'
    )


def _legend(group: FacetGroup) -> str:
    return (
        f'<legend class="fr-fieldset__legend fr-text--md" id="facette-{group.name}-legende">'
        f"{escape(group.legend)}</legend>"
    )


def _select(group: FacetGroup) -> str:
    label = _("Ajouter") if group.selected else _("Choisir")
    options = "".join(
        f'<option value="{escape(o.value)}">{escape(o.label)} ({o.count})</option>'
        for o in group.options
        if not o.selected
    )
    return (
        '<div class="fr-fieldset__element"><div class="fr-select-group">'
        f'<label class="fr-label" for="ajout-{group.name}">{escape(label)}'
        f'<span class="fr-sr-only"> : {escape(group.legend)}</span></label>'
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
    label = escape(row.label)
    cell = f'<a href="{escape(row.href)}">{label}</a>' if row.href else label
    if row.selected:
        cell = (
            f'<a href="{escape(row.href or "")}" aria-current="true">{label}</a> '
            f'<span class="fr-badge fr-badge--sm fr-badge--no-icon">{selected_word}</span>'
        )
    return f"<tr><td>{cell}</td><td>{row.value}</td></tr>"


def table_rows(rows: list[Row]) -> SafeString:
    selected = escape(_("sélectionné"))
    return _safe(_row(r, selected) for r in rows)


def map_rows(world: WorldMap) -> SafeString:
    return table_rows(world.rows)


def chart_rows(chart: Chart) -> SafeString:
    return table_rows(chart.rows)


def _links(links: Iterable[Link]) -> str:
    return ", ".join(
        f'<a href="{escape(link.href)}">{escape(link.label)}</a>'
        if link.href
        else escape(link.label)
        for link in links
    )


def card_list(cards: list[Card], heading: int = 3) -> SafeString:
    """The result cards (title, French authority, partner and country, themes, SDGs, years,
    "open" badge), as ``<ul class="coopdec-cards">``."""
    words = {
        "authority": escape(_("Collectivité française")),
        "partner": escape(_("Partenaire")),
        "themes": escape(_("Thèmes")),
        "sdg": escape(_("ODD")),
        "years": escape(_("Années")),
        "open": escape(_("Ouvert à de nouvelles collectivités")),
        "goal": _("ODD %(n)s"),
    }
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
            facts.append(f"<dt>{words['themes']}</dt><dd>{escape(', '.join(card.themes))}</dd>")
        if card.sdgs:
            goals = ", ".join(
                f'<abbr title="{escape(g.label)}">{escape(words["goal"] % {"n": g.value})}</abbr>'
                for g in card.sdgs
            )
            facts.append(f"<dt>{words['sdg']}</dt><dd>{goals}</dd>")
        years = period(card.start_year, card.end_year)
        if years:
            facts.append(f"<dt>{words['years']}</dt><dd>{escape(years)}</dd>")
        kind = escape(card.kind + (f" · {card.relation}" if card.relation else ""))
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
    if start and end:
        return f"{start}–{end}"
    if start:
        return _("depuis %(year)s") % {"year": start}
    if end:
        return _("jusqu'en %(year)s") % {"year": end}
    return ""


def _page_link(href: str | None, css: str, label: str, rel: str = "") -> str:
    css = f"fr-pagination__link {css}".strip()
    if href is None:
        return f'<li><a class="{css}" aria-disabled="true" role="link">{escape(label)}</a></li>'
    rel_attr = f' rel="{rel}"' if rel else ""
    return f'<li><a class="{css}" href="{escape(href)}"{rel_attr}>{escape(label)}</a></li>'


def pagination(page: CataloguePage, base: str) -> SafeString:
    """DSFR pagination; ``base`` is the catalogue path the query strings are appended to."""
    if page.result.pages <= 1:
        return _safe([])
    first = base + page.first if page.previous else None
    last = base + page.last if page.next else None
    parts = [
        '<nav role="navigation" class="fr-pagination fr-mt-4w" '
        f'aria-label="{escape(_("Pagination"))}" hx-boost="true" '
        'hx-target="#catalogue-results" hx-swap="outerHTML show:none">'
        '<ul class="fr-pagination__list">',
        _page_link(first, "fr-pagination__link--first", _("Première page")),
        _page_link(
            base + page.previous if page.previous else None,
            "fr-pagination__link--prev fr-pagination__link--lg-label",
            _("Page précédente"),
            "prev",
        ),
    ]
    title = _("Page %(n)s")
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
            _("Page suivante"),
            "next",
        ),
        _page_link(last, "fr-pagination__link--last", _("Dernière page")),
        "</ul></nav>",
    ]
    return _safe(parts)
