"""Bar charts as SVG strings: horizontal bars for categories, columns for years.

Each chart has a title (``role="img"`` with ``aria-labelledby``) that says where its numbers
are; the page puts them in a table under the picture. Colours come from CSS classes, never
``style`` attributes (strict CSP).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from html import escape
from typing import NamedTuple

CHART_WIDTH = 720
LABEL_WIDTH = 300
ROW_HEIGHT = 26
BAR_HEIGHT = 18


class Bar(NamedTuple):
    label: str
    value: int


def _open(width: int, height: int, chart_id: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coopdec-chart__svg" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-title">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
    )


def _ellipsis(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=1024)
def _bar_label(label: str) -> str:
    """The escaped, shortened label: themes and zones come back on every catalogue page."""
    return escape(_ellipsis(label))


@lru_cache(maxsize=256)
def _bar_row(row: int) -> tuple[str, str]:
    """The label's opening tag and the rectangle's, which depend only on the row."""
    y = row * ROW_HEIGHT + 2
    middle = y + BAR_HEIGHT / 2
    label = (
        f'<text class="coopdec-chart__label" x="{LABEL_WIDTH - 8}" y="{middle}" '
        'text-anchor="end" dominant-baseline="middle">'
    )
    rect = f'</text><rect class="coopdec-chart__bar" x="{LABEL_WIDTH}" y="{y}" width="'
    return label, rect


@lru_cache(maxsize=4096)
def _bar_end(row: int, value: int, top: int) -> str:
    """A bar's width and its value's label, from its width on: they depend only on the
    row, the value and the largest value (counts that recur from one query to the next)."""
    plot = CHART_WIDTH - LABEL_WIDTH - 50
    width = round(plot * value / top, 1)
    middle = row * ROW_HEIGHT + 2 + BAR_HEIGHT / 2
    return (
        f'{width:g}" height="{BAR_HEIGHT}"/>'
        f'<text class="coopdec-chart__value" x="{LABEL_WIDTH + width + 6:g}" y="{middle}" '
        f'dominant-baseline="middle">{value}</text>'
    )


def horizontal_bars(bars: Sequence[Bar], *, chart_id: str, title: str) -> str:
    """One row per bar, longest value spanning the plot; empty charts draw nothing."""
    if not bars:
        return ""
    top = max(bar.value for bar in bars) or 1
    height = ROW_HEIGHT * len(bars) + 4
    out = [_open(CHART_WIDTH, height, chart_id, title)]
    for row, bar in enumerate(bars):
        label, rect = _bar_row(row)
        out.append(f"{label}{_bar_label(bar.label)}{rect}{_bar_end(row, bar.value, top)}")
    out.append("</svg>")
    return "".join(out)


@lru_cache(maxsize=256)
def _columns(count: int) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Width of ``count`` columns and, for each, its left edge and middle as written in the
    SVG: they depend only on how many years the chart spans."""
    step = CHART_WIDTH / count
    width = f"{max(step - 1, 1):.1f}"
    places = []
    for index in range(count):
        x = round(index * step, 1)
        places.append((f"{x:g}", f"{x + step / 2:.1f}"))
    return width, tuple(places)


@lru_cache(maxsize=4096)
def _column_height(value: int, top: int, plot_height: int) -> tuple[str, str]:
    """A column's top and height, written: they depend only on its value and the largest."""
    height = round(plot_height * value / top, 1)
    return f"{plot_height - height + 4:g}", f"{height:g}"


def year_columns(
    counts: Sequence[tuple[int, int]], *, chart_id: str, title: str, tick_every: int = 10
) -> str:
    """One column per year from the first to the last (missing years are zero-height)."""
    if not counts:
        return ""
    by_year = dict(counts)
    first, last = min(by_year), max(by_year)
    years = list(range(first, last + 1))
    top = max(by_year.values()) or 1
    plot_height, axis = 180, 24
    out = [_open(CHART_WIDTH, plot_height + axis + 8, chart_id, title)]
    width, columns = _columns(len(years))
    for index, year in enumerate(years):
        value = by_year.get(year, 0)
        x, middle = columns[index]
        if value:
            y, height = _column_height(value, top, plot_height)
            out.append(
                f'<rect class="coopdec-chart__bar" x="{x}" y="{y}" '
                f'width="{width}" height="{height}"/>'
            )
        if year % tick_every == 0:
            out.append(
                f'<text class="coopdec-chart__label" x="{middle}" '
                f'y="{plot_height + axis}" text-anchor="middle">{year}</text>'
            )
    out.append(
        f'<line class="coopdec-chart__axis" x1="0" x2="{CHART_WIDTH}" '
        f'y1="{plot_height + 4}" y2="{plot_height + 4}"/>'
    )
    out.append("</svg>")
    return "".join(out)
