"""Pictures of the catalogue for the pages: the world map and the bar charts, each with the
rows of its accessible table. The drawing itself is pure (``coopdec.web.svg``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from operator import attrgetter
from typing import NamedTuple

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from coopdec.catalogue.read_services import Ref
from coopdec.reference.models import Country
from coopdec.web.svg.bars import Bar, horizontal_bars, year_columns
from coopdec.web.svg.choropleth import Choropleth, LegendClass, legend
from coopdec.web.svg.geometry import world_shapes


class Row(NamedTuple):
    """A line of a chart's or the map's table (a tuple: the map makes a hundred per page)."""

    label: str
    value: int
    href: str | None = None
    selected: bool = False
    href_html: str | None = None  # ``href`` already escaped, when the caller had it


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    svg: SafeString
    rows: list[Row]


@dataclass(frozen=True)
class WorldMap:
    svg: bytes  # UTF-8 markup (``svg.choropleth.Choropleth``), escaped where it is drawn
    rows: list[Row]  # countries with at least one record, most first
    legend: list[LegendClass]
    total_countries: int


@dataclass(frozen=True)
class _WorldTables:
    """What the map needs in one language, read once: reference rows change only with
    ``coopdec init``, which runs before the server starts."""

    countries: dict[str, tuple[str, str]]  # iso2 -> (numeric, name)
    escaped: dict[str, str]  # iso2 -> escaped name
    painter: Choropleth
    one: str  # "%(n)s fiche", escaped
    many: str  # "%(n)s fiches", escaped
    phrases: dict[int, str] = field(default_factory=dict)  # count -> "12 fiches", escaped

    def phrase(self, count: int) -> str:
        try:
            return self.phrases[count]
        except KeyError:
            done = (self.one if count == 1 else self.many) % {"n": count}
            if len(self.phrases) < 10_000:  # counts of records: a bounded set, kept bounded
                self.phrases[count] = done
            return done


@lru_cache(maxsize=4)
def _tables(language: str) -> _WorldTables:
    english = language.startswith("en")
    rows = Country.objects.values_list("iso2", "numeric", "name_fr", "name_en")
    by_iso2 = {iso2: (numeric, en if english else fr) for iso2, numeric, fr, en in rows}
    return _WorldTables(
        countries=by_iso2,
        escaped={iso2: escape(name) for iso2, (_numeric, name) in by_iso2.items()},
        painter=Choropleth(world_shapes(), dict(by_iso2.values())),
        one=escape(ngettext("%(n)s fiche", "%(n)s fiches", 1)),
        many=escape(ngettext("%(n)s fiche", "%(n)s fiches", 2)),
    )


def world_map(
    counts: Mapping[str, int],
    *,
    href: Callable[[str], str] | None = None,
    href_html: Callable[[str], str] | None = None,
    selected: Iterable[str] = (),
) -> WorldMap:
    """Choropleth of ``counts`` (keyed by ISO alpha-2); ``href(iso2)`` links a country, and
    ``href_html(iso2)`` is the same link escaped, if the caller can make it cheaply (the map
    and its table carry a link per country)."""
    tables = _tables(get_language() or "fr")
    countries, escaped, phrases = tables.countries, tables.escaped, tables.phrases
    chosen = {iso2.upper() for iso2 in selected}
    shown: dict[str, int] = {}
    titles: dict[str, str] = {}
    hrefs: dict[str, str] = {}
    rows = []
    for iso2, count in counts.items():
        known = countries.get(iso2)
        if known is None or count <= 0:
            continue
        numeric, name = known
        shown[numeric] = count
        titles[numeric] = f"{escaped[iso2]} : {phrases.get(count) or tables.phrase(count)}"
        if href is None:
            rows.append(Row(name, count, None, iso2 in chosen))
            continue
        link = href(iso2)
        link_html = hrefs[numeric] = href_html(iso2) if href_html else escape(link)
        rows.append(Row(name, count, link, iso2 in chosen, link_html))
    # Most records first, then by name: two sorts on one key each (the sort is stable).
    rows.sort(key=attrgetter("label"))
    rows.sort(key=attrgetter("value"), reverse=True)
    numerics = frozenset(countries[i][0] for i in chosen if i in countries)
    svg = tables.painter.paint(shown, titles=titles, hrefs=hrefs, selected=numerics)
    return WorldMap(svg, rows, legend(), len(rows))


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
