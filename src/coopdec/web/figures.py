"""Pictures of the catalogue for the pages: the world map and the bar charts, each with the
rows of its accessible table. The drawing itself is pure (``coopdec.web.svg``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import NamedTuple

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from coopdec.catalogue.queries.refs import Ref
from coopdec.reference.models import Country
from coopdec.web.svg.bars import Bar, horizontal_bars, year_columns
from coopdec.web.svg.choropleth import SLOTS, Choropleth, LegendClass, Place, legend
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
    # The rows' ``<tr>`` markup, when ``world_map`` wrote it itself (then ``rows`` is empty).
    table: str | None = None


class _Cell(NamedTuple):
    """A country with a count, unselected, as the catalogue's map and table write it."""

    row_end: str  # the table row after its link's per-query prefix: 'SN">Sénégal</a>…</tr>'
    start: int  # its first slot on the map's canvas; -1 if the map does not draw it
    paint: tuple[bytes, ...]  # its slots after the link's per-query head (Choropleth.linked)


@dataclass(frozen=True)
class _WorldTables:
    """What the map needs in one language, read once: reference rows change only with
    ``coopdec init``, which runs before the server starts."""

    countries: dict[str, tuple[str, str]]  # iso2 -> (numeric, name)
    escaped: dict[str, str]  # iso2 -> escaped name
    painter: Choropleth
    one: str  # "%(n)s fiche", escaped
    many: str  # "%(n)s fiches", escaped
    colon: str  # " :" in French (a no-break space before), ":" in English
    # Per country, the end of its linked table row after the link's query prefix:
    # 'SN">Sénégal</a></td><td>'; and the end of its map link: b'SN" tabindex="-1">'.
    row_tails: dict[str, str] = field(default_factory=dict)
    link_tails: dict[str, bytes] = field(default_factory=dict)
    phrases: dict[int, str] = field(default_factory=dict)  # count -> "12 fiches", escaped
    titles: dict[tuple[str, int], bytes] = field(default_factory=dict)  # see ``title``
    ranks: dict[str, int] = field(default_factory=dict)  # iso2 -> place in name order
    by_rank: tuple[str, ...] = ()  # iso2 in name order
    places: dict[str, Place] = field(default_factory=dict)  # iso2 -> where the map draws it
    cells: dict[tuple[str, int], _Cell] = field(default_factory=dict)  # see ``cell``

    def phrase(self, count: int) -> str:
        try:
            return self.phrases[count]
        except KeyError:
            done = (self.one if count == 1 else self.many) % {"n": count}
            if len(self.phrases) < 10_000:  # counts of records: a bounded set, kept bounded
                self.phrases[count] = done
            return done

    def title(self, iso2: str, count: int) -> bytes:
        """``Sénégal : 12 fiches</title></path>``, UTF-8: what the map writes after a
        country's outline. The same country comes back with the same count from one query
        to the next (a country's total, a frequent word's)."""
        key = (iso2, count)
        try:
            return self.titles[key]
        except KeyError:
            done = f"{self.escaped[iso2]}{self.colon} {self.phrase(count)}</title></path>".encode()
            if len(self.titles) < 50_000:
                self.titles[key] = done
            return done

    def cell(self, iso2: str, count: int) -> _Cell:
        """The pieces of a country with ``count`` records, kept like its ``title`` (the map
        of a query with words or filters has a hundred countries; their counts recur)."""
        key = (iso2, count)
        try:
            return self.cells[key]
        except KeyError:
            place = self.places.get(iso2)
            row_end = f"{self.row_tails[iso2]}{count}</td></tr>"
            if place is None:
                done = _Cell(row_end, -1, ())
            else:
                title, tail = self.title(iso2, count), self.link_tails[iso2]
                done = _Cell(row_end, place.start, self.painter.linked(place, count, title, tail))
            if len(self.cells) < 50_000:
                self.cells[key] = done
            return done


# The map's countries are sorted on one integer each: the count, shifted, minus the
# country's rank in name order (``_WorldTables.ranks``); comparing names on every response
# cost more than the rest of the ordering.
_RANK_BITS = 12  # room for 4,096 countries
_RANK_MASK = (1 << _RANK_BITS) - 1


@lru_cache(maxsize=4)
def _tables(language: str) -> _WorldTables:
    english = language.startswith("en")
    rows = Country.objects.values_list("iso2", "numeric", "name_fr", "name_en")
    by_iso2 = {iso2: (numeric, en if english else fr) for iso2, numeric, fr, en in rows}
    escaped = {iso2: escape(name) for iso2, (_numeric, name) in by_iso2.items()}
    # ISO codes are letters: nothing to escape in a link or an attribute.
    plain = [iso2 for iso2 in by_iso2 if iso2.isascii() and iso2.isalnum()]
    painter = Choropleth(world_shapes(), dict(by_iso2.values()))
    in_order = sorted(by_iso2, key=lambda iso2: (by_iso2[iso2][1], iso2))
    if len(in_order) > _RANK_MASK + 1:
        raise ValueError(f"{len(in_order)} countries: more than _RANK_BITS can rank")
    return _WorldTables(
        countries=by_iso2,
        escaped=escaped,
        painter=painter,
        one=escape(ngettext("%(n)s fiche", "%(n)s fiches", 1)),
        many=escape(ngettext("%(n)s fiche", "%(n)s fiches", 2)),
        colon=escape(_("\u00a0:")),
        row_tails={iso2: f'{iso2}">{escaped[iso2]}</a></td><td>' for iso2 in plain},
        link_tails={iso2: f'{iso2}" tabindex="-1">'.encode() for iso2 in plain},
        ranks={iso2: rank for rank, iso2 in enumerate(in_order)},
        by_rank=tuple(in_order),
        places={
            iso2: painter.places[numeric]
            for iso2, (numeric, _name) in by_iso2.items()
            if numeric in painter.places
        },
    )


def world_map(
    counts: Mapping[str, int],
    *,
    href: Callable[[str], str] | None = None,
    href_html: Callable[[str], str] | None = None,
    selected: Iterable[str] = (),
    prefix_html: str | None = None,
) -> WorldMap:
    """Choropleth of ``counts`` (keyed by ISO alpha-2); ``href(iso2)`` links a country, and
    ``href_html(iso2)`` is the same link escaped, if the caller can make it cheaply.

    ``prefix_html``, when given, says that the escaped link of every country not in
    ``selected`` is ``prefix_html + iso2``: the map and its table rows are then written
    from per-country pieces prepared once (the catalogue page draws up to 200 linked
    countries on every response)."""
    tables = _tables(get_language() or "fr")
    countries, ranks, by_rank = tables.countries, tables.ranks, tables.by_rank
    chosen = {iso2.upper() for iso2 in selected}
    # Most records first, then by name (see _RANK_BITS).
    ordered = sorted(
        ranks[iso2] - (count << _RANK_BITS)
        for iso2, count in counts.items()
        if count > 0 and iso2 in ranks
    )
    painter, places, title = tables.painter, tables.places, tables.title
    canvas = painter.canvas()
    row_tails = tables.row_tails
    if (
        href is not None
        and prefix_html is not None
        and not chosen
        # Every ISO code is plain letters (checked once per language, not per country).
        and (
            len(row_tails) == len(countries)
            or all(by_rank[key & _RANK_MASK] in row_tails for key in ordered)
        )
    ):
        # The common case, written from the per-country pieces: no object per country.
        # A country's link is the query's prefix, then its code: the row is
        # ``row_head + cell.row_end``, the map's slots ``link_head`` then ``cell.paint``.
        row_head = '<tr><td><a href="' + prefix_html
        link_head = ('<a href="' + prefix_html).encode()
        cells, cell = tables.cells, tables.cell
        ends: list[str] = []
        append = ends.append
        for key in ordered:
            iso2, count = by_rank[key & _RANK_MASK], -(key >> _RANK_BITS)
            found = cells.get((iso2, count)) or cell(iso2, count)
            append(found.row_end)
            start = found.start
            if start >= 0:
                canvas[start] = link_head
                canvas[start + 1 : start + SLOTS] = found.paint
        table = row_head + row_head.join(ends) if ends else ""
        return WorldMap(b"".join(canvas), [], legend(), len(ends), table)
    rows = []
    link: tuple[bytes, ...] = ()
    for key in ordered:
        iso2, count = by_rank[key & _RANK_MASK], -(key >> _RANK_BITS)
        name, place = countries[iso2][1], places.get(iso2)
        if href is None:
            rows.append(Row(name, count, None, iso2 in chosen))
        else:
            url = href(iso2)
            url_html = href_html(iso2) if href_html else escape(url)
            rows.append(Row(name, count, url, iso2 in chosen, url_html))
            link = (f'<a href="{url_html}'.encode(), b'" tabindex="-1">')
        if place is not None:
            draw_title = title(iso2, count)
            painter.draw(canvas, place, painter.opening(count, iso2 in chosen), draw_title, link)
    for iso2 in chosen - {by_rank[key & _RANK_MASK] for key in ordered}:
        place = places.get(iso2)
        if place is not None:  # a selected country without records: outlined, unlinked
            painter.draw(canvas, place, painter.opening(0, True), place.title, ())
    return WorldMap(b"".join(canvas), rows, legend(), len(rows))


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
