"""The server-side SVG (pure): TopoJSON decoding and projection, the choropleth, the charts."""

from __future__ import annotations

import math
import re

import pytest

from coopdec.web.svg.bars import Bar, horizontal_bars, year_columns
from coopdec.web.svg.choropleth import MapValue, legend, render_choropleth, shade
from coopdec.web.svg.geometry import (
    WorldShapes,
    build_shapes,
    decode_arcs,
    equal_earth,
    split_at_antimeridian,
    world_shapes,
)


def test_equal_earth_reference_points() -> None:
    assert equal_earth(0, 0) == (0.0, 0.0)
    # The projection's published extent: x = ±2.7066 at the equator's ends, y = ±1.3173 at
    # the poles (Šavrič et al. 2018, unit sphere).
    x, y = equal_earth(180, 0)
    assert x == pytest.approx(2.70663, abs=1e-4) and y == 0
    assert equal_earth(0, 90)[1] == pytest.approx(1.31731, abs=1e-4)
    assert equal_earth(-180, -90)[1] == pytest.approx(-1.31731, abs=1e-4)


# Two unit squares side by side sharing their middle edge (arc 1), quantised on a 0.5° grid.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [0, 0]},
    "arcs": [
        [[2, 0], [-2, 0], [0, 2], [2, 0]],  # left square's outer edge: (1,0) (0,0) (0,1) (1,1)
        [[2, 2], [0, -2]],  # shared edge, top to bottom: (1,1) (1,0)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # right square's outer edge: (1,0) (2,0) (2,1) (1,1)
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "001", "arcs": [[0, 1]], "properties": {"name": "L"}},
                {"type": "Polygon", "id": "002", "arcs": [[2, ~1]], "properties": {"name": "R"}},
                {"type": "Polygon", "id": "010", "arcs": [[0, 1]], "properties": {"name": "A"}},
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "no id"}},
            ],
        }
    },
}


def test_arcs_are_delta_decoded_and_scaled() -> None:
    arcs = decode_arcs(TOPOLOGY)
    assert arcs[0] == [(1.0, 0.0), (0.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
    assert arcs[1] == [(1.0, 1.0), (1.0, 0.0)]


def test_shapes_stitch_shared_arcs_and_leave_out_antarctica() -> None:
    shapes = build_shapes(TOPOLOGY, width=200)
    assert [c.numeric for c in shapes.countries] == ["001", "002"]  # no 010, no id-less shape
    assert shapes.width == 200 and 0 < shapes.height < 200
    for country in shapes.countries:
        assert re.fullmatch(r"M[\d.]+ [\d.]+l[-\d. ]+z", country.path), country.path
    # The left square spans x 0..100 of the 200 view box; its closing point is its start.
    left = shapes.countries[0].path
    start = [float(v) for v in left[1 : left.index("l")].split()]
    moves = re.findall(r"-?[\d.]+|-?\.\d+", left[left.index("l") + 1 : -1])
    total_dx = sum(float(v) for v in moves[0::2])
    assert start[0] == pytest.approx(100, abs=0.1)
    assert start[0] + total_dx == pytest.approx(100, abs=0.1)  # back to x = 100


def test_the_shipped_world_map() -> None:
    shapes = world_shapes()
    assert isinstance(shapes, WorldShapes) and world_shapes() is shapes  # computed once
    numerics = {c.numeric for c in shapes.countries}
    assert len(numerics) == 173 and "010" not in numerics
    assert {"250", "854", "686", "156"} <= numerics  # France, Burkina Faso, Senegal, China
    assert shapes.view_box == "0 0 1000 439.1"
    assert sum(len(c.path) for c in shapes.countries) < 80_000  # the page weight budget


def test_shades_and_legend() -> None:
    assert [shade(n) for n in (0, 1, 2, 4, 5, 9, 10, 19, 20, 500)] == [0, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    classes = legend()
    assert [(c.low, c.high) for c in classes] == [
        (0, 0),
        (1, 1),
        (2, 4),
        (5, 9),
        (10, 19),
        (20, None),
    ]


def test_choropleth_links_only_countries_with_records() -> None:
    shapes = build_shapes(TOPOLOGY)
    values = {"001": MapValue(3, "L <3> : 3 fiches", "/catalogue/?country=LL&a=1")}
    svg = render_choropleth(shapes, values, names={"002": "Right"}, selected=frozenset({"001"}))
    assert svg.startswith("<svg") and 'aria-hidden="true"' in svg
    assert '<a href="/catalogue/?country=LL&amp;a=1" tabindex="-1">' in svg
    assert "<title>L &lt;3&gt; : 3 fiches</title>" in svg
    assert 'class="coopdec-map__c2 coopdec-map__selected"' in svg
    assert '<path class="coopdec-map__c0" d="' in svg and "<title>Right</title>" in svg
    assert svg.count("<a ") == 1


def test_horizontal_bars_are_proportional() -> None:
    svg = horizontal_bars(
        [Bar("Eau & assainissement", 10), Bar("Santé", 5)], chart_id="c", title="T <x>"
    )
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert 'role="img" aria-labelledby="c-title"' in svg and "T &lt;x&gt;" in svg
    assert "Eau &amp; assainissement" in svg
    assert horizontal_bars([], chart_id="c", title="T") == ""


def test_year_columns_span_every_year() -> None:
    svg = year_columns([(1998, 2), (2000, 1)], chart_id="y", title="Années")
    assert len(re.findall(r"<rect ", svg)) == 2  # 1999 has no column but keeps its place
    xs = [float(x) for x in re.findall(r'<rect class="coopdec-chart__bar" x="([\d.]+)"', svg)]
    assert xs[1] - xs[0] == pytest.approx(2 * 720 / 3, abs=0.2)
    assert ">2000</text>" in svg  # a tick every ten years
    assert not math.isnan(xs[0])


def _widest_step(path: str) -> float:
    """The widest horizontal step of any ring of ``path`` (relative ``l`` commands)."""
    widest = 0.0
    for ring in re.findall(r"l([^z]*)z", path):
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", ring)]
        widest = max([widest, *(abs(dx) for dx in numbers[0::2])])
    return widest


def test_no_country_is_drawn_across_the_antimeridian() -> None:
    """Russia and Fiji straddle ±180°: no line across the map, no band over the Arctic."""
    shapes = world_shapes()
    by_numeric = {c.numeric: c.path for c in shapes.countries}
    for numeric in ("643", "242"):  # Russia, Fiji
        assert _widest_step(by_numeric[numeric]) < shapes.width / 4, numeric
    assert max(_widest_step(path) for path in by_numeric.values()) < shapes.width / 4


def test_a_ring_is_cut_at_the_antimeridian() -> None:
    ring = [(170.0, 60.0), (179.0, 62.0), (-179.0, 64.0), (-170.0, 60.0), (-179.0, 58.0),
            (179.0, 58.0)]  # fmt: skip
    pieces = split_at_antimeridian(ring)
    assert len(pieces) == 2
    for piece in pieces:
        signs = {lon > 0 for lon, _lat in piece if abs(lon) != 180}
        assert len(signs) == 1  # each piece on one side
        assert sum(abs(lon) == 180 for lon, _lat in piece) == 2  # two points on the meridian
    east = next(p for p in pieces if p[1][0] > 0 or p[0][0] > 0)
    assert (180.0, 63.0) in east and (180.0, 58.0) in east
    assert split_at_antimeridian(ring[:2]) == [ring[:2]]
