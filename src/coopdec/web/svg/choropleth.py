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


def render_choropleth(
    shapes: WorldShapes,
    values: Mapping[str, MapValue],
    *,
    names: Mapping[str, str],
    selected: frozenset[str] = frozenset(),
    breaks: Sequence[int] = DEFAULT_BREAKS,
) -> str:
    """SVG markup; ``values`` and ``names`` are keyed by ISO numeric code."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coopdec-map__svg" '
        f'viewBox="{shapes.view_box}" aria-hidden="true" focusable="false">'
    ]
    for country in shapes.countries:
        value = values.get(country.numeric)
        count = value.count if value else 0
        classes = f"coopdec-map__c{shade(count, breaks)}"
        if country.numeric in selected:
            classes += " coopdec-map__selected"
        title = escape(value.label if value else names.get(country.numeric, country.name))
        path = f'<path class="{classes}" d="{country.path}"><title>{title}</title></path>'
        if value and value.href and count:
            # Out of the tab order on purpose: the table of countries is the keyboard route.
            out.append(f'<a href="{escape(value.href)}" tabindex="-1">{path}</a>')
        else:
            out.append(path)
    out.append("</svg>")
    return "".join(out)
