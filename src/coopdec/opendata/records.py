"""Catalogue records (partnerships and projects) as flat open-data rows, read in chunks.

One row per record, the same columns for both kinds (``record_type`` tells them apart);
lists are Python lists here, joined with `` | `` in CSV and XLSX, arrays in JSON. The columns
and their Table Schema are ``FIELDS``; ``locations`` gives the points of the GeoJSON export.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from coopdec.catalogue.fields import OPENDATA_COLUMNS, Column
from coopdec.catalogue.models import ForeignAuthority, Partnership, Project
from coopdec.catalogue.schemas.tables import open_data_schema
from coopdec.opendata.centroids import country_centroids
from coopdec.opendata.iati_activity import foreign_authorities, french_authorities
from coopdec.opendata.selection import Selection

CHUNK = 1000
# The columns, their titles and Table Schema come from the one declaration of the record
# fields (``catalogue/fields.py``); the rows below fill them by their names.
FIELDS: tuple[Column, ...] = OPENDATA_COLUMNS


def table_schema() -> dict[str, Any]:
    """The Frictionless Table Schema (v1) of the CSV export."""
    return open_data_schema()


def _partnerships(selection: Selection) -> QuerySet[Partnership]:
    return (
        selection.partnerships()
        .prefetch_related(
            "french_authorities",
            Prefetch("foreign_authorities", ForeignAuthority.objects.select_related("country")),
            "themes",
        )
        .order_by("pk")
    )


def _projects(selection: Selection) -> QuerySet[Project]:
    return (
        selection.projects()
        .select_related("partnership")
        .prefetch_related(
            "french_authorities",
            "partnership__french_authorities",
            Prefetch("foreign_authorities", ForeignAuthority.objects.select_related("country")),
            Prefetch(
                "partnership__foreign_authorities",
                ForeignAuthority.objects.select_related("country"),
            ),
            "countries",
            "themes",
            "sdg_targets",
            "dac_sectors",
        )
        .order_by("pk")
    )


def _common(record: Any, kind: str, french: list[Any], foreign: list[Any]) -> dict[str, Any]:
    return {
        "id": f"{kind}:{record.key}",
        "record_type": kind,
        "key": record.key,
        "title": record.title,
        "summary": record.summary,
        "status": record.status,
        "french_authorities": [a.name for a in french],
        "french_authority_codes": [f"{a.kind}:{a.code or ''}" for a in french],
        "foreign_partners": [a.name for a in foreign],
        "funders": record.funders,
        "open_to_new_members": record.open_to_new_members,
        "source_url": record.source_urls,
        "source_date": record.source_date,
        "updated_at": record.updated_at.date(),
    }


def rows(selection: Selection) -> Iterator[tuple[dict[str, Any], list[Any]]]:
    """``(row, foreign authorities)`` for every selected partnership, then every project."""
    for partnership in _partnerships(selection).iterator(chunk_size=CHUNK):
        french = sorted(partnership.french_authorities.all(), key=lambda a: (a.name, a.pk))
        foreign = sorted(partnership.foreign_authorities.all(), key=lambda a: (a.name, a.pk))
        row = _common(partnership, "partnership", french, foreign)
        row.update(
            relation_type=partnership.relation_type,
            start_year=partnership.start_year,
            end_year=partnership.end_year,
            countries=sorted({a.country.iso2 for a in foreign}),
            themes=sorted(t.code for t in partnership.themes.all()),
            sdg_targets=[],
            dac_sectors=[],
        )
        yield row, foreign
    for project in _projects(selection).iterator(chunk_size=CHUNK):
        french, foreign = french_authorities(project), foreign_authorities(project)
        row = _common(project, "project", french, foreign)
        countries = {c.iso2 for c in project.countries.all()} | {a.country.iso2 for a in foreign}
        row.update(
            relation_type=project.partnership.relation_type if project.partnership else "projet",
            start_year=project.start_date.year if project.start_date else None,
            end_year=project.end_date.year if project.end_date else None,
            start_date=project.start_date,
            end_date=project.end_date,
            countries=sorted(countries),
            themes=sorted(t.code for t in project.themes.all()),
            sdg_targets=sorted(t.code for t in project.sdg_targets.all()),
            dac_sectors=sorted(s.code for s in project.dac_sectors.all()),
            budget=project.budget,
            currency=project.currency,
            iati_identifier=project.iati_identifier,
            partnership=project.partnership.key if project.partnership else None,
        )
        yield row, foreign


def locations(row: dict[str, Any], foreign: list[Any]) -> tuple[list[list[float]], str | None]:
    """GeoJSON positions (longitude, latitude) of a record, and where they come from:
    "partner" (the partner authorities' coordinates), "country_centroid" or "mixed"."""
    points, kinds = [], set()
    placed = set()
    for authority in foreign:
        if authority.latitude is not None and authority.longitude is not None:
            points.append([authority.longitude, authority.latitude])
            placed.add(authority.country.iso2)
            kinds.add("partner")
    centroids = country_centroids()
    for iso2 in row["countries"]:
        if iso2 not in placed and iso2 in centroids:
            latitude, longitude = centroids[iso2]
            points.append([longitude, latitude])
            kinds.add("country_centroid")
    kind = None if not kinds else kinds.pop() if len(kinds) == 1 else "mixed"
    return points, kind


def cell(value: Any) -> Any:
    """A JSON value for ``value`` (dates as ISO text, decimals as numbers)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
