"""A world choropleth as one SVG string: each country shaded by its count, a link when it has one.

The picture is for pointer users: it is hidden from assistive technologies and its links leave
the tab order, because 170 tab stops would drown a keyboard user. The page puts the same counts
in a table of links next to it (see the map templates).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import NamedTuple

from coopdec.web.svg.geometry import WorldShapes

# Upper bounds (inclusive) of the shading classes; above the last, the darkest class.
DEFAULT_BREAKS: tuple[int, ...] = (0, 1, 4, 9, 19)


@dataclass(frozen=True)
class MapValue:
    count: int
    label: str  # "Sénégal : 34 partenariats", shown as the tooltip
    href: str | None = None


class Place(NamedTuple):
    """Where a country is drawn on the canvas, and its fixed markup."""

    start: int  # its first slot
    shape: bytes  # b'" d="…"><title>'
    title: bytes  # its name ending the path: b'Sénégal</title></path>'


SLOTS = 6  # per country: link (two pieces), path opening, shape, title, closing </a>


@dataclass(frozen=True)
class LegendClass:
    css_class: str
    low: int
    high: int | None  # None: and more


def shade(count: int, breaks: Sequence[int] = DEFAULT_BREAKS) -> int:
    """Index of the shading class of ``count`` (0 = no partnership)."""
    for index, upper in enumerate(breaks):
        if count <= upper:
            return index
    return len(breaks)


def legend(breaks: Sequence[int] = DEFAULT_BREAKS) -> list[LegendClass]:
    classes = []
    low = 0
    for index, upper in enumerate(breaks):
        classes.append(LegendClass(f"coopdec-map__c{index}", low, upper))
        low = upper + 1
    classes.append(LegendClass(f"coopdec-map__c{len(breaks)}", low, None))
    return classes


class Choropleth:
    """A world map prepared once (outlines, default titles, shading classes) and painted
    per request: the catalogue page draws 173 countries on every response, and only their
    shade, link and title change with the query.

    It paints UTF-8 bytes: the outlines are four fifths of the catalogue page, and encoding
    them on every response (country names make the text non-ASCII) cost more than painting.
    """

    def __init__(
        self,
        shapes: WorldShapes,
        names: Mapping[str, str],
        breaks: Sequence[int] = DEFAULT_BREAKS,
    ) -> None:
        self.head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="coopdec-map__svg" '
            f'viewBox="{shapes.view_box}" aria-hidden="true" focusable="false">'
        ).encode()
        self.breaks = tuple(breaks)
        self._classes = tuple(
            f"coopdec-map__c{shade(count, breaks)}" for count in range(self.breaks[-1] + 2)
        )
        # Each country owns SLOTS consecutive places of a canvas, in drawing order; painting
        # fills the places of the countries that have records and joins the canvas. A
        # country without records keeps its whole ``<path>`` prepared here (most countries,
        # for most queries), so a query costs work for its own countries only.
        canvas: list[bytes] = [self.head]
        places: dict[str, Place] = {}
        for country in shapes.countries:
            shape = f'" d="{country.path}"><title>'.encode()
            name = escape(names.get(country.numeric, country.name))
            default_title = f"{name}</title></path>".encode()
            plain = f'<path class="{self._classes[0]}'.encode() + shape + default_title
            places[country.numeric] = Place(len(canvas), shape, default_title)
            canvas += (b"", b"", plain, b"", b"", b"")
        canvas.append(b"</svg>")
        self._blank = tuple(canvas)
        self.places = places
        self.opens = tuple(f'<path class="{css}'.encode() for css in self._classes)
        self._opens_selected = tuple(
            f'<path class="{css} coopdec-map__selected'.encode() for css in self._classes
        )

    def canvas(self) -> list[bytes]:
        """A blank map to paint with ``draw``, then ``b"".join`` into the SVG."""
        return list(self._blank)

    def opening(self, count: int, selected: bool = False) -> bytes:
        """``<path class="…`` of a country with ``count`` records."""
        opens = self._opens_selected if selected else self.opens
        return opens[min(count, len(opens) - 1) if count > 0 else 0]

    def linked(self, place: Place, count: int, title: bytes, link_tail: bytes) -> tuple[bytes, ...]:
        """What ``draw`` writes for a linked, unselected country after the link's first
        piece, to keep per country: a caller painting a hundred countries then stores
        ``canvas[place.start] = link_head`` and this at ``place.start + 1``."""
        return (link_tail, self.opening(count), place.shape, title, b"</a>")

    @staticmethod
    def draw(
        canvas: list[bytes], place: Place, opening: bytes, title: bytes, link: Sequence[bytes]
    ) -> None:
        """Paint one country: its ``opening``, its ``title`` (escaped, ending the path:
        ``…</title></path>``), inside a link whose opening tag is ``b"".join(link)`` (given
        in two pieces or none: callers keep a link's per-query and per-country halves)."""
        start = place.start
        if link:
            head, tail = link
            canvas[start : start + SLOTS] = (head, tail, opening, place.shape, title, b"</a>")
        else:
            canvas[start : start + SLOTS] = (b"", b"", opening, place.shape, title, b"")

    def paint(
        self,
        counts: Mapping[str, int],
        *,
        titles: Mapping[str, str],
        hrefs: Mapping[str, str],
        selected: frozenset[str] = frozenset(),
    ) -> bytes:
        """SVG markup, UTF-8. Keyed by ISO numeric: ``titles`` and ``hrefs`` are already
        escaped (a title replaces the country's name; a country links only when it has a
        count)."""
        canvas = self.canvas()
        for numeric in counts.keys() | titles.keys() | selected:
            place = self.places.get(numeric)
            count = counts.get(numeric, 0)
            is_selected = numeric in selected
            if place is None or (count <= 0 and not is_selected and numeric not in titles):
                continue
            title = titles.get(numeric)
            href = hrefs.get(numeric) if count > 0 else None
            self.draw(
                canvas,
                place,
                self.opening(count, is_selected),
                f"{title}</title></path>".encode() if title is not None else place.title,
                (f'<a href="{href}'.encode(), b'" tabindex="-1">') if href else (),
            )
        return b"".join(canvas)


def render_choropleth(
    shapes: WorldShapes,
    values: Mapping[str, MapValue],
    *,
    names: Mapping[str, str],
    selected: frozenset[str] = frozenset(),
    breaks: Sequence[int] = DEFAULT_BREAKS,
) -> str:
    """SVG markup; ``values`` and ``names`` are keyed by ISO numeric code."""
    painted = Choropleth(shapes, names, breaks).paint(
        {numeric: value.count for numeric, value in values.items()},
        titles={numeric: escape(value.label) for numeric, value in values.items()},
        hrefs={numeric: escape(v.href) for numeric, v in values.items() if v.href},
        selected=selected,
    )
    return painted.decode()
