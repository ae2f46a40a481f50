"""Country centroids from the shipped world-atlas TopoJSON (Natural Earth, public domain).

A country's point is the area-weighted centroid (planar, in degrees) of its largest polygon,
so that France's point is in metropolitan France, not in the Atlantic between it and French
Guiana. ``countries-110m.json`` is read first; countries too small for it (Comoros, Cabo
Verde, Mauritius, Malta...) come from ``countries-50m.json``. Ids there are ISO 3166-1
numeric codes, joined to alpha-2 codes through ``countries/codes.json``. Pure, cached.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
ATLASES = ("world_geo/countries-110m.json", "world_geo/countries-50m.json")
Ring = list[tuple[float, float]]


def _arcs(topology: dict[str, Any]) -> list[Ring]:
    """Decode the delta-encoded, quantised arcs into absolute coordinates."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    """A closed ring, its longitudes made continuous across the antimeridian (Fiji, Russia)."""
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    unwrapped: Ring = []
    shift = 0.0
    for i, (x, y) in enumerate(points):
        if i and abs(x + shift - unwrapped[-1][0]) > 180:
            shift += 360 if unwrapped[-1][0] > x + shift else -360
        unwrapped.append((x + shift, y))
    return unwrapped


def _area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed-area magnitude and centroid (x, y) of a closed ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area / 2), cx / (3 * area), cy / (3 * area)


def _centroid(geometry: dict[str, Any], arcs: list[Ring]) -> tuple[float, float] | None:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    best: tuple[float, float, float] | None = None
    for polygon in polygons:
        outer = _ring(arcs, polygon[0])
        if len(outer) < 3:
            continue
        candidate = _area_centroid(outer)
        if best is None or candidate[0] > best[0]:
            best = candidate
    if best is None:
        return None
    longitude = (best[1] + 180) % 360 - 180
    return round(best[2], 4), round(longitude, 4)


@cache
def country_centroids() -> dict[str, tuple[float, float]]:
    """``ISO alpha-2 -> (latitude, longitude)`` for every country of the atlases."""
    codes = json.loads((DATA / "countries" / "codes.json").read_text(encoding="utf-8"))
    alpha2 = {str(row[2]): str(row[0]) for row in codes}
    found: dict[str, tuple[float, float]] = {}
    for atlas in ATLASES:
        topology = json.loads((DATA / atlas).read_text(encoding="utf-8"))
        arcs = _arcs(topology)
        for geometry in topology["objects"]["countries"]["geometries"]:
            iso2 = alpha2.get(str(geometry.get("id")))
            if iso2 and iso2 not in found and geometry.get("type") in ("Polygon", "MultiPolygon"):
                point = _centroid(geometry, arcs)
                if point is not None:
                    found[iso2] = point
    return found
