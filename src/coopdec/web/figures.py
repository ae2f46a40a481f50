"""Pictures of the catalogue for the pages: the world map and the bar charts, each with the
rows of its accessible table. The drawing itself is pure (``coopdec.web.svg``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from coopdec.catalogue.read_services import Ref
from coopdec.reference.models import Country
from coopdec.web.svg.bars import Bar, horizontal_bars, year_columns
from coopdec.web.svg.choropleth import LegendClass, MapValue, legend, render_choropleth
from coopdec.web.svg.geometry import world_shapes


@dataclass(frozen=True)
class Row:
    label: str
    value: int
    href: str | None = None
    selected: bool = False


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    svg: SafeString
    rows: list[Row]


@dataclass(frozen=True)
class WorldMap:
    svg: SafeString
    rows: list[Row]  # countries with at least one record, most first
    legend: list[LegendClass]
    total_countries: int


@lru_cache(maxsize=4)
def _countries(language: str) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """(iso2 -> (numeric, name), numeric -> name) in one language. Reference rows change
    only with ``coopdec init``, which runs before the server starts."""
    english = language.startswith("en")
    rows = Country.objects.values_list("iso2", "numeric", "name_fr", "name_en")
    by_iso2 = {iso2: (numeric, en if english else fr) for iso2, numeric, fr, en in rows}
    return by_iso2, dict(by_iso2.values())


def world_map(
    counts: Mapping[str, int],
    *,
    href: Callable[[str], str] | None = None,
    selected: Iterable[str] = (),
) -> WorldMap:
    """Choropleth of ``counts`` (keyed by ISO alpha-2); ``href(iso2)`` links a country."""
    countries, names_by_numeric = _countries(get_language() or "fr")
    chosen = {iso2.upper() for iso2 in selected}
    values: dict[str, MapValue] = {}
    rows = []
    one, many = (
        ngettext("%(n)s fiche", "%(n)s fiches", 1),
        ngettext("%(n)s fiche", "%(n)s fiches", 2),
    )
    for iso2, count in counts.items():
        if iso2 not in countries or count <= 0:
            continue
        numeric, name = countries[iso2]
        label = f"{name} : {(one if count == 1 else many) % {'n': count}}"
        link = href(iso2) if href else None
        values[numeric] = MapValue(count, label, link)
        rows.append(Row(name, count, link, iso2 in chosen))
    rows.sort(key=lambda row: (-row.value, row.label))
    numerics = frozenset(countries[i][0] for i in chosen if i in countries)
    svg = render_choropleth(world_shapes(), values, names=names_by_numeric, selected=numerics)
    return WorldMap(mark_safe(svg), rows, legend(), len(rows))  # noqa: S308 (escaped in render)


def bar_chart(chart_id: str, title: str, rows: list[Row]) -> Chart:
    svg = horizontal_bars([Bar(r.label, r.value) for r in rows], chart_id=chart_id, title=title)
    return Chart(chart_id, title, mark_safe(svg), rows)  # noqa: S308 (escaped in render)


def theme_chart(themes: list[tuple[Ref, int]], *, chart_id: str) -> Chart:
    rows = [Row(theme.label, count) for theme, count in themes]
    return bar_chart(chart_id, _("Partenariats par thème"), rows)


def year_chart(chart_id: str, title: str, counts: list[tuple[int, int]]) -> Chart:
    svg = year_columns(counts, chart_id=chart_id, title=title)
    rows = [Row(str(year), count) for year, count in sorted(counts)]
    return Chart(chart_id, title, mark_safe(svg), rows)  # noqa: S308 (escaped in render)
