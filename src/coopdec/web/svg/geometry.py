"""World country outlines as SVG path data, from the offline TopoJSON of world-atlas.

The TopoJSON (``data/world_geo/countries-110m.json``, Natural Earth 1:110m, public domain)
stores shared borders once as quantised, delta-encoded arcs; each country lists the arcs of its
rings. We decode the arcs, project them with the Equal Earth projection (equal-area, so a
choropleth does not exaggerate northern countries) and write one ``d`` attribute per country.
The work is done once per process (``world_shapes`` is cached): about 30 ms.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

WORLD_FILE = Path(__file__).resolve().parents[2] / "data" / "world_geo" / "countries-110m.json"
WIDTH = 1000.0
# Antarctica carries no partnership and would take a fifth of the picture.
LEFT_OUT = frozenset({"010"})

# Equal Earth (Šavrič, Patterson, Jenny 2018) polynomial coefficients.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


@dataclass(frozen=True)
class CountryShape:
    numeric: str  # ISO 3166-1 numeric, as ``Country.numeric``
    name: str  # English name from Natural Earth (used only when the database has no row)
    path: str  # SVG path data in the ``WorldShapes`` view box


@dataclass(frozen=True)
class WorldShapes:
    width: float
    height: float
    countries: tuple[CountryShape, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Project degrees to Equal Earth plane coordinates (y grows northwards)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute (longitude, latitude) points of every arc of a quantised topology."""
    transform = topology["transform"]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = topology["arcs"]
    decoded = []
    for arc in arcs:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(
    indexes: Sequence[int], arcs: list[list[tuple[float, float]]]
) -> list[tuple[float, float]]:
    """Stitch a ring from arc indexes; ``~i`` (negative) means arc i reversed."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end point: keep it once.
        points.extend(arc[1:] if points else arc)
    return points


def split_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring cut where it crosses the ±180° meridian, as rings that each stay on one side.

    Russia's and Fiji's rings step from 179.9° to -179.9°: projected as they are, the step
    is a line across the whole map, and Russia's Arctic coast closes into a band over the
    top of it. Each crossing point is interpolated on the meridian, and every piece between
    two crossings becomes its own ring, closed along the meridian."""
    crossings = [
        i for i in range(len(ring)) if abs(ring[i][0] - ring[(i + 1) % len(ring)][0]) > 180
    ]
    if not crossings:
        return [ring]
    # Start just after a crossing, so that every piece runs from one crossing to the next.
    start = crossings[0] + 1
    ordered = ring[start:] + ring[:start]
    edge, lat = _meridian_crossing(ordered[-1], ordered[0])
    pieces: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = [(-edge, lat)]
    for index, point in enumerate(ordered):
        current.append(point)
        following = ordered[(index + 1) % len(ordered)]
        if abs(following[0] - point[0]) > 180:
            edge, lat = _meridian_crossing(point, following)
            current.append((edge, lat))
            pieces.append(current)
            current = [(-edge, lat)]
    return [piece for piece in pieces if len(piece) >= 3]


def _meridian_crossing(
    point: tuple[float, float], following: tuple[float, float]
) -> tuple[float, float]:
    """Where the step from ``point`` to ``following`` meets ±180°: (the meridian on
    ``point``'s side, the latitude there), interpolated along the shorter way round."""
    (lon, lat), (next_lon, next_lat) = point, following
    edge = 180.0 if lon > 0 else -180.0
    unwrapped = next_lon + (360 if lon > 0 else -360)
    if unwrapped == lon:  # both points on the meridian already
        return edge, lat
    return edge, lat + (next_lat - lat) * (edge - lon) / (unwrapped - lon)


def _polygons(geometry: dict[str, Any]) -> Iterable[Sequence[Sequence[int]]]:
    arcs: list[Any] = geometry["arcs"]
    if geometry["type"] == "Polygon":
        return [arcs]
    if geometry["type"] == "MultiPolygon":
        return arcs
    return []


def _number(tenths: int) -> str:
    """A tenth-precision number in the fewest characters SVG accepts (``-.5``, ``12``)."""
    text = f"{tenths / 10:g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _pair(dx: int, dy: int) -> str:
    # SVG needs no separator before a minus sign.
    y = _number(dy)
    return _number(dx) + ("" if y.startswith("-") else " ") + y


def _path_data(rings: Iterable[list[tuple[float, float]]]) -> str:
    """Relative path commands rounded to a tenth of a unit: small and precise enough."""
    parts = []
    for ring in rings:
        tenths = [(round(x * 10), round(y * 10)) for x, y in ring]
        x0, y0 = tenths[0]
        moves = []
        px, py = x0, y0
        for x, y in tenths[1:]:
            if (x, y) != (px, py):
                moves.append(_pair(x - px, y - py))
                px, py = x, y
        if len(moves) < 2:
            continue  # an island smaller than the rounding step
        joined = moves[0]
        for move in moves[1:]:
            joined += move if move.startswith("-") else " " + move
        parts.append(f"M{_pair(x0, y0)}l{joined}z")
    return "".join(parts)


def build_shapes(topology: dict[str, Any], *, width: float = WIDTH) -> WorldShapes:
    """Project every country of a world-atlas topology into a ``width``-wide view box."""
    arcs = decode_arcs(topology)
    objects = topology["objects"]
    geometries = [
        g
        for g in objects["countries"]["geometries"]
        if g.get("id") and g["id"] not in LEFT_OUT and g.get("arcs")
    ]
    projected: list[tuple[dict[str, Any], list[list[tuple[float, float]]]]] = []
    for geometry in geometries:
        rings = [
            [equal_earth(lon, lat) for lon, lat in piece]
            for polygon in _polygons(geometry)
            for ring in polygon
            for piece in split_at_antimeridian(_ring(ring, arcs))
        ]
        projected.append((geometry, rings))
    xs = [x for _, rings in projected for ring in rings for x, _y in ring]
    ys = [y for _, rings in projected for ring in rings for _x, y in ring]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    scale = width / (max_x - min_x)
    height = round((max_y - min_y) * scale, 1)

    def to_view(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
        # SVG's y axis points down: flip.
        return [((x - min_x) * scale, (max_y - y) * scale) for x, y in ring]

    countries = []
    for geometry, rings in projected:
        properties = geometry.get("properties") or {}
        path = _path_data(to_view(ring) for ring in rings)
        if path:
            countries.append(
                CountryShape(str(geometry["id"]), str(properties.get("name", "")), path)
            )
    return WorldShapes(width, height, tuple(sorted(countries, key=lambda c: c.numeric)))


@lru_cache(maxsize=1)
def world_shapes() -> WorldShapes:
    """The shipped world map, computed once per process."""
    return build_shapes(json.loads(WORLD_FILE.read_text("utf-8")))
