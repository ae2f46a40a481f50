"""Open-data exports of the whole catalogue (starter data included): CSV checked against its
Table Schema, JSON, GeoJSON (RFC 7946) and XLSX, each stating its licence and sources."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from coopdec.catalogue.models import Partnership, Project
from coopdec.formats.tableschema import load_schema, read_csv
from coopdec.opendata import exports as opendata
from coopdec.opendata.centroids import country_centroids
from coopdec.opendata.selection import Selection, SelectionError

pytestmark = pytest.mark.django_db


def _export(fmt: str, selection: Selection | None = None) -> bytes:
    out = io.BytesIO()
    opendata.export(fmt, out, selection)
    return out.getvalue()


def _total() -> int:
    return Partnership.objects.count() + Project.objects.count()


def test_csv_validates_against_its_table_schema(catalogue: dict[str, Any], tmp_path: Path) -> None:
    written = opendata.export_file("csv", tmp_path / "catalogue.csv")
    assert [p.name for p in written] == ["catalogue.csv", "catalogue.datapackage.json"]
    package = json.loads(written[1].read_text("utf-8"))
    resource = package["resources"][0]
    assert resource["path"] == "catalogue.csv"
    assert package["licenses"][0]["name"] == "etalab-2.0"
    assert any("Wikidata" in s["title"] for s in package["sources"])
    rows = read_csv(written[0], load_schema(resource["schema"]))  # raises on any problem
    assert len(rows) == _total()
    by_id = {row["id"]: row for row in rows}
    water = by_id["project:TEST-1"]
    assert water["countries"] == "SN"
    assert water["french_authorities"] == "Bretagne | Rennes"
    assert water["french_authority_codes"] == "region:53 | commune:35238"
    assert water["themes"] == "eau_assainissement | gouvernance_locale"
    assert water["start_date"] == date(2023, 3, 1) and water["budget"] == 150000
    assert water["partnership"] == "TEST-P1" and water["relation_type"] == "jumelage"
    twinning = by_id["partnership:TEST-P1"]
    assert twinning["start_year"] == 1998 and twinning["open_to_new_members"] is False
    assert twinning["source_url"] == "https://example.org/rennes | https://example.org/ziguinchor"


def test_json_states_licence_and_sources(catalogue: dict[str, Any]) -> None:
    data = json.loads(_export("json"))
    meta = data["metadata"]
    assert meta["licenses"][0]["path"].startswith("https://www.etalab.gouv.fr/")
    assert meta["sources"] and meta["attribution"]
    assert len(data["records"]) == _total()
    water = next(r for r in data["records"] if r["id"] == "project:TEST-1")
    assert water["countries"] == ["SN"] and water["sdg_targets"] == ["11.3", "6.1"]
    assert water["end_date"] == "2025-06-30"


def test_geojson_places_partners_or_country_centroids(catalogue: dict[str, Any]) -> None:
    data = json.loads(_export("geojson"))
    assert data["type"] == "FeatureCollection"
    assert any("Natural Earth" in s["title"] for s in data["metadata"]["sources"])
    features = {f["id"]: f for f in data["features"]}
    assert len(features) == _total()
    twinning = features["partnership:TEST-P1"]
    assert twinning["geometry"] == {"type": "Point", "coordinates": [-16.27, 12.58]}
    assert twinning["properties"]["location_source"] == "partner"
    school = features["project:TEST-2"]
    latitude, longitude = country_centroids()["BF"]
    assert school["geometry"] == {"type": "Point", "coordinates": [longitude, latitude]}
    assert school["properties"]["location_source"] == "country_centroid"
    for feature in data["features"]:
        geometry = feature["geometry"]
        if geometry is None:
            continue
        points = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPoint"
            else [geometry["coordinates"]]
        )
        for lon, lat in points:  # RFC 7946: longitude first, WGS 84
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["location_source"] in {"partner", "country_centroid", "mixed"}


def test_xlsx_for_officials(catalogue: dict[str, Any]) -> None:
    book = load_workbook(io.BytesIO(_export("xlsx")), read_only=True)
    assert book.sheetnames == ["Catalogue", "Licence et sources"]
    rows = list(book["Catalogue"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Identifiant", "Type", "Clé", "Titre")
    assert len(rows) - 1 == _total()
    water = next(r for r in rows if r[0] == "project:TEST-1")
    assert water[rows[0].index("Date de début")].date() == date(2023, 3, 1)
    assert water[rows[0].index("Budget")] == 150000
    about = {r[0]: r[1] for r in book["Licence et sources"].iter_rows(values_only=True) if r}
    assert "Licence Ouverte" in about["Licence"]
    assert about["Enregistrements"] == _total()


def test_filters_select_records(catalogue: dict[str, Any]) -> None:
    senegal = json.loads(_export("json", Selection.parse(country="sn")))["records"]
    assert {"partnership:TEST-P1", "project:TEST-1"} <= {r["id"] for r in senegal}
    assert all("SN" in r["countries"] for r in senegal)
    bretagne = json.loads(_export("json", Selection.parse(authority="region:53")))["records"]
    ids = {r["id"] for r in bretagne}
    assert {"project:TEST-1", "project:TEST-2", "project:TEST-3"} <= ids
    assert "partnership:TEST-P1" not in ids  # Rennes' twinning, not Bretagne's
    water = json.loads(_export("json", Selection.parse(theme="eau_assainissement")))["records"]
    assert "project:TEST-1" in {r["id"] for r in water}
    assert json.loads(_export("json"))["metadata"]["filters"] == {}


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"authority": "region"}, "NATURE:CODE"),
        ({"authority": "region:99"}, "aucune collectivité"),
        ({"country": "ZZ"}, "pays inconnu"),
        ({"theme": "cuisine"}, "thème inconnu"),
    ],
)
def test_unknown_filters_are_named(filters: dict[str, str], message: str) -> None:
    with pytest.raises(SelectionError, match=message):
        Selection.parse(**filters)


def test_country_centroids_fall_inside_their_countries() -> None:
    centroids = country_centroids()
    expected = {  # (lat range, lon range)
        "FR": ((42, 51), (-5, 8)),  # metropolitan France, not between it and Guiana
        "SN": ((12, 17), (-18, -11)),
        "KM": ((-13, -11), (43, 45)),  # too small for the 110m atlas: from the 50m one
        "FJ": ((-19, -16), (177, 180)),  # across the antimeridian
        "RU": ((50, 70), (60, 130)),
        "MG": ((-26, -12), (43, 51)),
    }
    for iso2, ((lat0, lat1), (lon0, lon1)) in expected.items():
        lat, lon = centroids[iso2]
        assert lat0 <= lat <= lat1 and lon0 <= lon <= lon1, (iso2, lat, lon)
    assert len(centroids) >= 230


def test_rows_fill_exactly_the_declared_columns(catalogue: dict[str, Any]) -> None:
    """The rows are written by name (``opendata/records.py``); every name is a declared column
    (``catalogue/fields.py``) and a project row fills them all."""
    from coopdec.opendata.records import FIELDS, rows

    declared = {column.name for column in FIELDS}
    kinds = set()
    for row, _foreign in rows(Selection()):
        assert set(row) <= declared, set(row) - declared
        if row["record_type"] == "project":
            assert set(row) == declared
        kinds.add(row["record_type"])
    assert kinds == {"partnership", "project"}
