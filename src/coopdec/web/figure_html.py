"""The map section and the chart figures as HTML, in Python for the same reason as
``fragments``: they repeat on every catalogue response and template loops are slow."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coopdec.web.figures import Chart, WorldMap
from coopdec.web.fragments import table_rows
from coopdec.web.layout import Chunk
from coopdec.web.memo import per_language
from coopdec.web.svg.choropleth import LegendClass, legend

OPEN_TABLE_UP_TO = 12  # a short table is shown open; a long one stays folded under the map


def _legend_label(item: LegendClass) -> str:
    if item.high is None:
        return _("%(low)s fiches et plus") % {"low": item.low}
    if item.low == item.high:
        return ngettext("%(n)s fiche", "%(n)s fiches", item.low) % {"n": item.low}
    return _("%(low)s à %(high)s fiches") % {"low": item.low, "high": item.high}


@per_language
def _map_words() -> dict[str, str]:
    """The map section's fixed markup in one language: the explanation, and the legend,
    whose classes do not depend on the query."""
    return {
        "how": escape(
            _(
                "Cliquez sur un pays pour filtrer le catalogue ; le tableau des pays, sous la "
                "carte, offre les mêmes liens au clavier."
            )
        ),
        "title": escape(_("Carte des fiches par pays")),
        "legend_label": escape(_("Légende de la carte")),
        "legend": _legend_items(legend()),
        "summary": escape(_("Les pays de la carte, en tableau")),
        "caption": escape(_("Nombre de fiches par pays")),
        "country": escape(_("Pays")),
        "records": escape(_("Fiches")),
        "none": escape(_("Aucun pays.")),
    }


def map_section(world: WorldMap) -> list[Chunk]:
    """Title, explanation, the SVG, its legend and the same data as a table of links: the
    text around the map, and the map as it was painted (UTF-8 bytes)."""
    words = _map_words()
    intro = ngettext(
        "%(n)s pays concerné par la sélection (sans tenir compte du filtre « Pays »).",
        "%(n)s pays concernés par la sélection (sans tenir compte du filtre « Pays »).",
        world.total_countries,
    ) % {"n": world.total_countries}
    # The legend's classes are the default ones unless a caller chose other breaks.
    items = words["legend"] if world.legend == legend() else _legend_items(world.legend)
    if not world.total_countries:
        rows = f'<tr><td colspan="2">{words["none"]}</td></tr>'
    else:
        rows = world.table if world.table is not None else table_rows(world.rows)
    opened = " open" if world.total_countries <= OPEN_TABLE_UP_TO else ""
    before = (
        '<section class="coopdec-map fr-mt-6w" id="carte" aria-labelledby="carte-titre">'
        f'<h2 id="carte-titre">{words["title"]}</h2>'
        f'<p class="fr-text--sm">{escape(intro)} {words["how"]}</p>'
        '<div class="coopdec-map__frame">'
    )
    after = (
        "</div>"
        f'<ul class="coopdec-map__legend" aria-label="{words["legend_label"]}">'
        f"{items}</ul>"
        f'<details class="coopdec-details"{opened}>'
        f"<summary>{words['summary']}</summary>"
        '<div class="fr-table"><table>'
        f"<caption>{words['caption']}</caption>"
        f'<thead><tr><th scope="col">{words["country"]}</th>'
        f'<th scope="col">{words["records"]}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></details></section>"
    )
    return [before, world.svg, after]


def _legend_items(classes: list[LegendClass]) -> str:
    items = "".join(
        f'<li><span class="coopdec-map__swatch {item.css_class}"></span>'
        f"{escape(_legend_label(item))}</li>"
        for item in classes
    )
    return items + (
        '<li><span class="coopdec-map__swatch coopdec-map__selected-swatch"></span>'
        f"{escape(_('pays sélectionné'))}</li>"
    )


@per_language
def _chart_words() -> tuple[str, str, str]:
    return _("Valeur"), _("Données du graphique : %(title)s"), escape(_("Nombre"))


def chart_figure(chart: Chart, label_header: str = "") -> SafeString:
    """The SVG in a figure with its caption, and its numbers in a folded table."""
    value, data_of, number = _chart_words()
    header = label_header or value
    summary = data_of % {"title": chart.title}
    return mark_safe(  # noqa: S308 (all text escaped)
        f'<figure class="fr-content-media coopdec-chart" '
        f'aria-labelledby="{chart.chart_id}-caption">{chart.svg}'
        f'<figcaption id="{chart.chart_id}-caption" class="fr-content-media__caption">'
        f"{escape(chart.title)}</figcaption></figure>"
        f'<details class="coopdec-details"><summary>{escape(summary)}</summary>'
        '<div class="fr-table fr-table--no-caption"><table>'
        f"<caption>{escape(chart.title)}</caption>"
        f'<thead><tr><th scope="col">{escape(header)}</th>'
        f'<th scope="col">{number}</th></tr></thead>'
        f"<tbody>{table_rows(chart.rows)}</tbody></table></div></details>"
    )
