"""A world choropleth as one SVG string: each country shaded by its count, a link when it has one.

The picture is for pointer users: it is hidden from assistive technologies and its links leave
the tab order, because 170 tab stops would drown a keyboard user. The page puts the same counts
in a table of links next to it (see the map templates).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from coopdec.web.svg.geometry import WorldShapes

# Upper bounds (inclusive) of the shading classes; above the last, the darkest class.
DEFAULT_BREAKS: tuple[int, ...] = (0, 1, 4, 9, 19)


@dataclass(frozen=True)
class MapValue:
    count: int
    label: str  # "Sénégal : 34 partenariats", shown as the tooltip
    href: str | None = None


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
        # In drawing order: (numeric, b'" d="…"><title>', its default title ending the path
        # (escaped name, b'</title></path>'), the whole <path> of a country without records,
        # which most countries are for most queries).
        countries = []
        for country in shapes.countries:
            shape = f'" d="{country.path}"><title>'.encode()
            name = escape(names.get(country.numeric, country.name))
            default_title = f"{name}</title></path>".encode()
            plain = f'<path class="{self._classes[0]}'.encode() + shape + default_title
            countries.append((country.numeric, shape, default_title, plain))
        self.countries = tuple(countries)
        self._opens = tuple(f'<path class="{css}'.encode() for css in self._classes)
        self._opens_selected = tuple(
            f'<path class="{css} coopdec-map__selected'.encode() for css in self._classes
        )

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
        return self.paint_encoded(
            counts,
            titles={
                numeric: f"{title}</title></path>".encode() for numeric, title in titles.items()
            },
            links={
                numeric: f'<a href="{href}" tabindex="-1">'.encode()
                for numeric, href in hrefs.items()
                if href
            },
            selected=selected,
        )

    def paint_encoded(
        self,
        counts: Mapping[str, int],
        *,
        titles: Mapping[str, bytes],
        links: Mapping[str, bytes],
        selected: frozenset[str] = frozenset(),
    ) -> bytes:
        """``paint`` with the per-country pieces already escaped and encoded: ``titles`` end
        the path (``…</title></path>``), ``links`` open the ``<a …>`` around it."""
        out = [self.head]
        top = len(self._opens) - 1
        for numeric, shape, default_title, plain in self.countries:
            count = counts.get(numeric, 0)
            is_selected = numeric in selected
            if count <= 0 and not is_selected and numeric not in titles:
                out.append(plain)
                continue
            shade_index = min(count, top) if count > 0 else 0
            opening = (self._opens_selected if is_selected else self._opens)[shade_index]
            title = titles.get(numeric, default_title)
            link = links.get(numeric) if count > 0 else None
            if link:
                # Out of the tab order on purpose: the table of countries is the keyboard route.
                out += (link, opening, shape, title, b"</a>")
            else:
                out += (opening, shape, title)
        out.append(b"</svg>")
        return b"".join(out)


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
