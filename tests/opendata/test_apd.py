"""The APD declaration helper: project files give amounts, the catalogue the rest; every row
says what the officer must still complete."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from coopdec.assistant import load_project_file
from coopdec.opendata import apd, apd_files
from coopdec.reference.models import Country
from tests.opendata.helpers import EXAMPLES, french

pytestmark = pytest.mark.django_db


def test_year_share_counts_days() -> None:
    assert apd.year_share(date(2024, 7, 1), date(2025, 6, 30), 2024) == Decimal(184) / Decimal(365)
    assert apd.year_share(date(2026, 1, 1), date(2026, 12, 31), 2024) == 0
    assert apd.year_share(None, date(2026, 12, 31), 2024) is None


def test_a_project_file_gives_the_estimated_amount_of_the_year() -> None:
    carmaux = french("commune", "81060")
    project = load_project_file(EXAMPLES / "carmaux-koudougou-eau.yaml")
    [row] = apd.declaration(carmaux, 2026, [("carmaux.yaml", project)])
    share = Decimal(122) / Decimal(730)  # 1 Sept - 31 Dec 2025 of a two-year project
    assert row.year == 2025
    assert (row.country, row.country_name, row.oda_eligibility) == ("BF", "Burkina Faso", "PMA")
    assert row.amount == (Decimal(37000) * share).quantize(Decimal("0.01"))  # cash + 1 %
    assert row.one_percent == (Decimal(12000) * share).quantize(Decimal("0.01"))
    assert row.in_kind == (Decimal(8000) * share).quantize(Decimal("0.01"))
    assert row.cofinancing_received == (Decimal(55000) * share).quantize(Decimal("0.01"))
    assert (row.dac_sector, row.channel, row.aid_type) == ("14030", "12002", "C01")
    assert "réellement versé" in " ".join(row.to_complete)
    # Not a member of the project: nothing to declare.
    assert apd.declaration(french("commune", "35238"), 2026, [("carmaux.yaml", project)]) == []


def test_a_project_outside_the_year_is_left_out() -> None:
    project = load_project_file(EXAMPLES / "carmaux-koudougou-eau.yaml")
    assert apd.declaration(french("commune", "81060"), 2025, [("carmaux.yaml", project)]) == []


def test_catalogue_projects_give_everything_but_the_amount(catalogue: dict[str, Any]) -> None:
    rows = apd.declaration(catalogue["rennes"], 2025)
    [water] = [r for r in rows if r.reference == "TEST-1"]
    assert water.amount is None
    assert water.country == "SN" and water.oda_eligibility == "PMA"
    assert water.channel == "12002" and water.dac_sector == "14030"
    assert any("montant versé en 2024" in item for item in water.to_complete)
    assert any("plusieurs secteurs" in item for item in water.to_complete)


def test_a_country_off_the_dac_list_is_flagged(catalogue: dict[str, Any]) -> None:
    catalogue["water"].countries.add(*Country.objects.filter(iso2="DE"))
    declared = apd.declaration(catalogue["rennes"], 2025)
    rows = {r.country: r for r in declared if r.reference == "TEST-1"}
    assert rows["DE"].oda_eligibility == "hors liste CAD"
    assert any("ne pas déclarer" in item for item in rows["DE"].to_complete)
    # A year the shipped DAC list does not cover is not guessed.
    early = [r for r in apd.declaration(catalogue["rennes"], 2024) if r.reference == "TEST-1"]
    assert {r.oda_eligibility for r in early} == {"?"}


def test_csv_and_xlsx_carry_the_same_rows() -> None:
    carmaux = french("commune", "81060")
    files = [("carmaux.yaml", load_project_file(EXAMPLES / "carmaux-koudougou-eau.yaml"))]
    rows = apd.declaration(carmaux, 2026, files)
    out = io.BytesIO()
    apd_files.write_csv(rows, out)
    records = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert len(records) == len(rows) == 1
    assert records[0]["montant_eur"] == format(rows[0].amount, "f")
    assert records[0]["pays_nom"] == "Burkina Faso"
    book_out = io.BytesIO()
    apd_files.write_xlsx(rows, book_out, 2025)
    sheet = load_workbook(io.BytesIO(book_out.getvalue()), read_only=True)["APD 2025"]
    values = list(sheet.iter_rows(values_only=True))
    assert "pas la déclaration" in values[0][0]
    assert values[1][15] == "Montant APD (EUR)"
    assert values[2][15] == float(rows[0].amount)
