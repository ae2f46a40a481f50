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
        # In drawing order: (numeric, b'" d="…"><title>', escaped name, the whole <path> of a
        # country without records, which most countries are for most queries).
        countries = []
        for country in shapes.countries:
            shape = f'" d="{country.path}"><title>'.encode()
            name = escape(names.get(country.numeric, country.name))
            plain = f'<path class="{self._classes[0]}'.encode() + shape
            plain += f"{name}</title></path>".encode()
            countries.append((country.numeric, shape, name, plain))
        self.countries = tuple(countries)

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
        out = [self.head]
        classes = self._classes
        top = len(classes) - 1
        for numeric, shape, name, plain in self.countries:
            count = counts.get(numeric, 0)
            if count <= 0 and numeric not in selected and numeric not in titles:
                out.append(plain)
                continue
            css = classes[min(count, top)] if count > 0 else classes[0]
            if numeric in selected:
                css += " coopdec-map__selected"
            title = f"{titles.get(numeric, name)}</title></path>"
            href = hrefs.get(numeric) if count > 0 else None
            if href:
                # Out of the tab order on purpose: the table of countries is the keyboard route.
                out.append(f'<a href="{href}" tabindex="-1"><path class="{css}'.encode())
                out.append(shape)
                out.append(f"{title}</a>".encode())
            else:
                out.append(f'<path class="{css}'.encode())
                out.append(shape)
                out.append(title.encode())
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
