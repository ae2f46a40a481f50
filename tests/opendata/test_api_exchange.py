"""The exchange routes of /api/v1: downloads, the IATI upload and its limits, JSON errors."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook

from coopdec.api import opendata as exchange_api
from coopdec.catalogue.models import Project
from coopdec.formats import iati
from coopdec.formats.tableschema import load_schema, read_csv
from tests.opendata.helpers import EXAMPLES

pytestmark = pytest.mark.django_db


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_openapi_lists_the_exchange_routes(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/exports/catalogue.{fmt}",
        "/api/v1/exports/catalogue.datapackage.json",
        "/api/v1/exports/iati/activities.xml",
        "/api/v1/exports/iati/organisation.xml",
        "/api/v1/imports/iati",
        "/api/v1/exports/apd.{fmt}",
        "/api/v1/funding/deadlines.ics",
    ):
        assert path in paths, path


def test_catalogue_csv_with_its_data_package(client: Client, catalogue: dict[str, Any]) -> None:
    response = client.get("/api/v1/exports/catalogue.csv?country=SN")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "catalogue.datapackage.json" in response["Link"]
    package = client.get("/api/v1/exports/catalogue.datapackage.json?country=SN").json()
    assert package["licenses"][0]["name"] == "etalab-2.0"
    assert package["x_filters"] == {"country": "SN"}
    rows = read_csv(_body(response), load_schema(package["resources"][0]["schema"]))
    assert "project:TEST-1" in {row["id"] for row in rows}
    assert (
        client.get("/api/v1/exports/catalogue.schema.json").json()
        == package["resources"][0]["schema"]
    )


@pytest.mark.parametrize("fmt", ["json", "geojson", "xlsx"])
def test_other_formats(client: Client, catalogue: dict[str, Any], fmt: str) -> None:
    response = client.get(f"/api/v1/exports/catalogue.{fmt}?authority=region:53")
    assert response.status_code == 200
    content = _body(response)
    if fmt == "xlsx":
        assert load_workbook(io.BytesIO(content)).sheetnames == ["Catalogue", "Licence et sources"]
    else:
        data = json.loads(content)
        assert data["metadata"]["filters"] == {"authority": "region:53"}
    assert int(response["X-Records"]) >= 3


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/exports/catalogue.pdf",
        "/api/v1/exports/catalogue.csv?country=ZZ",
        "/api/v1/exports/iati/activities.xml?authority=region:99",
        "/api/v1/exports/iati/organisation.xml?authority=nowhere:1",
        "/api/v1/exports/apd.csv?authority=commune:81060&year=1990",
    ],
)
def test_bad_parameters_are_json_400(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_iati_downloads_are_valid(client: Client, catalogue: dict[str, Any]) -> None:
    response = client.get("/api/v1/exports/iati/activities.xml?authority=region:53")
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    data = _body(response)
    assert iati.validate_activities(io.BytesIO(data)) == []
    assert int(response["X-Activities"]) == 2 and int(response["X-Skipped"]) == 1
    org = client.get("/api/v1/exports/iati/organisation.xml?authority=commune:35238")
    assert iati.validate_organisations(io.BytesIO(_body(org))) == []
    files = [yaml.safe_load((EXAMPLES / "carmaux-koudougou-eau.yaml").read_text("utf-8"))]
    posted = client.post(
        "/api/v1/exports/iati/project-files.xml", files, content_type="application/json"
    )
    assert posted.status_code == 200
    assert iati.validate_activities(io.BytesIO(_body(posted))) == []
    invalid = client.post(
        "/api/v1/exports/iati/project-files.xml",
        [{"coopdec_project": 1, "start_date": "hier"}],
        content_type="application/json",
    )
    assert invalid.status_code == 422 and invalid.json()["errors"][0]["path"]


def _upload(client: Client, data: bytes, name: str = "file.xml", query: str = "") -> Any:
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(f"/api/v1/imports/iati{query}", {"file": upload})


def test_upload_is_for_curators(client: Client, samples: Path) -> None:
    data = (samples / "acfspain" / "acfspain-ne.xml").read_bytes()
    assert _upload(client, data).status_code == 401
    client.force_login(User.objects.create_user("agent", password="x"))
    assert _upload(client, data).status_code == 403


def test_upload_imports_or_lists_every_issue(client: Client, samples: Path) -> None:
    client.force_login(User.objects.create_user("curator", password="x", is_staff=True))
    good = _upload(client, (samples / "acfspain" / "acfspain-ne.xml").read_bytes(), "ne.xml")
    assert good.status_code == 200
    assert good.json()["created"] == 1 and good.json()["file"] == "ne.xml"
    assert Project.objects.filter(iati_identifier="ES-CIF-G81164105-NEF5AB").exists()
    before = Project.objects.count()
    canada = (samples / "iati-flattener-fixtures" / "canada-activity.xml").read_bytes()
    refused = _upload(client, canada, "canada.xml")
    assert refused.status_code == 422
    body = refused.json()
    assert body["status"] == "refused" and body["issue_count"] == 7
    assert body["issues"][0] | {"message": ""} == {
        "line": 2,
        "element": "point",
        "path": "/iati-activities/iati-activity[1]/location[1]/point",
        "rule": "SCHEMAV_ELEMENT_CONTENT",
        "message": "",
    }
    truncated = _upload(client, canada[: len(canada) // 2], "cut.xml")
    assert truncated.status_code == 422 and "tronqué" in truncated.json()["detail"]
    dry = _upload(
        client, (samples / "acfspain" / "acfspain-bf.xml").read_bytes(), query="?dry_run=true"
    )
    assert dry.json()["status"] == "dry_run"
    assert Project.objects.count() == before


def test_upload_size_is_bounded(
    client: Client, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(User.objects.create_user("big", password="x", is_staff=True))
    monkeypatch.setattr(exchange_api, "MAX_UPLOAD", 1000)
    response = _upload(client, (samples / "acfspain" / "acfspain-ml.xml").read_bytes())
    assert response.status_code == 413
    assert "Mo" in response.json()["detail"]


def test_apd_downloads(client: Client, catalogue: dict[str, Any]) -> None:
    csv_response = client.get("/api/v1/exports/apd.csv?authority=commune:35238&year=2025")
    assert csv_response.status_code == 200
    assert "TEST-1" in _body(csv_response).decode("utf-8")
    project = yaml.safe_load((EXAMPLES / "carmaux-koudougou-eau.yaml").read_text("utf-8"))
    posted = client.post(
        "/api/v1/exports/apd.xlsx",
        {"authority": "commune:81060", "year": 2026, "project_files": [project]},
        content_type="application/json",
    )
    assert posted.status_code == 200
    sheet = load_workbook(io.BytesIO(_body(posted)), read_only=True)["APD 2025"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][6] == "BF" and rows[2][15] > 0
