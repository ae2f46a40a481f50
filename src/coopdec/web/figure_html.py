"""The map section and the chart figures as HTML, in Python for the same reason as
``fragments``: they repeat on every catalogue response and template loops are slow."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coopdec.web.figures import Chart, WorldMap
from coopdec.web.fragments import table_rows
from coopdec.web.svg.choropleth import LegendClass

OPEN_TABLE_UP_TO = 12  # a short table is shown open; a long one stays folded under the map


def _legend_label(item: LegendClass) -> str:
    if item.high is None:
        return _("%(low)s fiches et plus") % {"low": item.low}
    if item.low == item.high:
        return ngettext("%(n)s fiche", "%(n)s fiches", item.low) % {"n": item.low}
    return _("%(low)s à %(high)s fiches") % {"low": item.low, "high": item.high}


def map_section(world: WorldMap) -> SafeString:
    """Title, explanation, the SVG, its legend and the same data as a table of links."""
    intro = ngettext(
        "%(n)s pays concerné par la sélection (sans tenir compte du filtre « Pays »).",
        "%(n)s pays concernés par la sélection (sans tenir compte du filtre « Pays »).",
        world.total_countries,
    ) % {"n": world.total_countries}
    how = _(
        "Cliquez sur un pays pour filtrer le catalogue ; le tableau des pays, sous la carte, "
        "offre les mêmes liens au clavier."
    )
    legend = "".join(
        f'<li><span class="coopdec-map__swatch {item.css_class}"></span>'
        f"{escape(_legend_label(item))}</li>"
        for item in world.legend
    )
    legend += (
        '<li><span class="coopdec-map__swatch coopdec-map__selected-swatch"></span>'
        f"{escape(_('pays sélectionné'))}</li>"
    )
    rows = (
        table_rows(world.rows)
        if world.rows
        else f'<tr><td colspan="2">{escape(_("Aucun pays."))}</td></tr>'
    )
    opened = " open" if len(world.rows) <= OPEN_TABLE_UP_TO else ""
    return mark_safe(  # noqa: S308 (all text escaped, the SVG is escaped where it is drawn)
        '<section class="coopdec-map fr-mt-6w" id="carte" aria-labelledby="carte-titre">'
        f'<h2 id="carte-titre">{escape(_("Carte des fiches par pays"))}</h2>'
        f'<p class="fr-text--sm">{escape(intro)} {escape(how)}</p>'
        f'<div class="coopdec-map__frame">{world.svg}</div>'
        f'<ul class="coopdec-map__legend" aria-label="{escape(_("Légende de la carte"))}">'
        f"{legend}</ul>"
        f'<details class="coopdec-details"{opened}>'
        f"<summary>{escape(_('Les pays de la carte, en tableau'))}</summary>"
        '<div class="fr-table"><table>'
        f"<caption>{escape(_('Nombre de fiches par pays'))}</caption>"
        f'<thead><tr><th scope="col">{escape(_("Pays"))}</th>'
        f'<th scope="col">{escape(_("Fiches"))}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></details></section>"
    )


def chart_figure(chart: Chart, label_header: str = "") -> SafeString:
    """The SVG in a figure with its caption, and its numbers in a folded table."""
    header = label_header or _("Valeur")
    summary = _("Données du graphique : %(title)s") % {"title": chart.title}
    return mark_safe(  # noqa: S308 (all text escaped)
        f'<figure class="fr-content-media coopdec-chart" '
        f'aria-labelledby="{chart.chart_id}-caption">{chart.svg}'
        f'<figcaption id="{chart.chart_id}-caption" class="fr-content-media__caption">'
        f"{escape(chart.title)}</figcaption></figure>"
        f'<details class="coopdec-details"><summary>{escape(summary)}</summary>'
        '<div class="fr-table fr-table--no-caption"><table>'
        f"<caption>{escape(chart.title)}</caption>"
        f'<thead><tr><th scope="col">{escape(header)}</th>'
        f'<th scope="col">{escape(_("Nombre"))}</th></tr></thead>'
        f"<tbody>{table_rows(chart.rows)}</tbody></table></div></details>"
    )
