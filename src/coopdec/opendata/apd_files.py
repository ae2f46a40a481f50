"""The APD declaration rows as CSV (UTF-8, comma) and XLSX (one sheet, plus a notice)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from coopdec.formats.spreadsheets import csv_row, xlsx_row
from coopdec.opendata.apd import ApdRow

# (attribute, column name in CSV, title in XLSX)
COLUMNS = (
    ("year", "annee", "Année des montants"),
    ("authority", "collectivite", "Collectivité"),
    ("authority_code", "collectivite_code", "Code (nature:code)"),
    ("project", "projet", "Projet"),
    ("reference", "reference", "Référence"),
    ("origin", "origine", "Origine des données"),
    ("country", "pays", "Pays (ISO)"),
    ("country_name", "pays_nom", "Pays bénéficiaire"),
    ("oda_eligibility", "eligibilite_apd", "Éligibilité APD (liste CAD)"),
    ("dac_sector", "secteur_cad", "Secteur CAD"),
    ("dac_sector_label", "secteur_cad_libelle", "Libellé du secteur"),
    ("channel", "canal", "Canal (code CRS)"),
    ("channel_label", "canal_libelle", "Canal d'acheminement"),
    ("aid_type", "type_aide", "Type d'aide (code)"),
    ("aid_type_label", "type_aide_libelle", "Type d'aide"),
    ("amount", "montant_eur", "Montant APD (EUR)"),
    ("one_percent", "dont_1_pourcent_eur", "dont 1 % (EUR)"),
    ("in_kind", "valorisation_eur", "Valorisation en nature (EUR, pour mémoire)"),
    ("cofinancing_received", "cofinancements_recus_eur",
     "Cofinancements reçus (EUR, pour mémoire)"),
    ("amount_basis", "base_du_montant", "Base du montant"),
    ("to_complete", "a_completer", "À compléter ou vérifier"),
)  # fmt: skip
NOTICE = (
    "Préparation de la déclaration annuelle de l'APD (CGCT art. L1115-6) produite par coopdec. "
    "Ce n'est pas la déclaration : les montants sont des estimations tirées des plans de "
    "financement, à remplacer par les sommes réellement versées dans l'année (compte "
    "administratif) ; voir la colonne « À compléter ou vérifier »."
)


def _value(row: ApdRow, attribute: str, *, spreadsheet: bool) -> Any:
    value = getattr(row, attribute)
    if isinstance(value, list):
        return " ; ".join(value)
    if isinstance(value, Decimal):
        return float(value) if spreadsheet else format(value, "f")
    return "" if value is None and not spreadsheet else value


def write_csv(rows: list[ApdRow], out: IO[bytes]) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([name for _attr, name, _title in COLUMNS])
    for row in rows:
        writer.writerow(csv_row(_value(row, attr, spreadsheet=False) for attr, _n, _t in COLUMNS))
    text.detach()


def write_xlsx(rows: list[ApdRow], out: IO[bytes], year: int) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("APD %(year)d") % {"year": year})
    sheet.freeze_panes = "A3"
    for index, (_attr, name, _title) in enumerate(COLUMNS, start=1):
        wide = name in ("projet", "base_du_montant", "a_completer", "collectivite")
        sheet.column_dimensions[get_column_letter(index)].width = 45 if wide else 16
    sheet.append([NOTICE])
    bold = Font(bold=True)
    header = []
    for _attr, _name, title in COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(xlsx_row(sheet, (_value(row, a, spreadsheet=True) for a, _n, _t in COLUMNS)))
    book.save(out)
