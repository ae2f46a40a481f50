"""Cells that a spreadsheet will never run: every CSV and XLSX export goes through here.

Exported text comes partly from third parties (Wikidata, Atlas, IATI files, imported CSV): a
title such as ``=HYPERLINK("https://…")`` must open as text, not as a live formula.

- CSV (OWASP's "CSV injection" rule): a text cell starting with ``=``, ``+``, ``-``, ``@``,
  a tab or a carriage return gets a leading apostrophe, which spreadsheets show as text.
  Text that is only a number (``-12.5``, a negative amount) is left alone: it cannot run.
- XLSX: text is always stored as text (``t="inlineStr"``); openpyxl would otherwise store a
  string starting with ``=`` as a formula (``<f>``).

Cells that need nothing are written exactly as before, byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def neutralise(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet reads as a formula."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A CSV row with its text cells neutralised (numbers, dates and booleans unchanged)."""
    return [neutralise(v) if isinstance(v, str) else v for v in values]


def xlsx_value(sheet: Any, value: Any) -> Any:
    """``value`` for ``sheet.append`` (a write-only sheet): text that openpyxl would store as a
    formula becomes a cell typed as text; everything else is passed through unchanged."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # set after the value: openpyxl infers "f" from the leading "="
        return cell
    return value


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for ``sheet.append`` in which no text cell is a formula."""
    return [xlsx_value(sheet, value) for value in values]
