"""Reading import files: size limit, encoding (UTF-8 or cp1252), separator, typed cells.

Built on ``coopdec.formats`` (``csvtext`` decodes and splits, ``tablefields`` types and checks
cells), but it never stops at the first problem and hands back the problems with the rows, so
that an importer can add its own (unknown code, ambiguous name...) and list them all.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coopdec.formats import csvtext
from coopdec.formats.tablefields import (
    CellError,
    Field,
    Row,
    TableSchema,
    Value,
    cast_cell,
    check_constraints,
)
from coopdec.formats.tableschema import Problem

DEFAULT_MAX_BYTES = csvtext.DEFAULT_MAX_BYTES  # 20 Mo
SEPARATORS = ("\t", ";", ",")


class FileRefused(Exception):
    """The file cannot be read at all (too large, not text, malformed quoting, no header)."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.describe())


@dataclass
class Sheet:
    file: str
    checksum: str
    encoding: str
    separator: str
    header_line: int
    header: list[str]
    records: list[tuple[int, list[str]]]  # (line, cells) of every non-blank data row


def read_sheet(
    source: Path | bytes,
    *,
    filename: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    separators: Sequence[str] = (";", ","),
) -> Sheet:
    """Decode ``source`` and split it into records; FileRefused with the reason otherwise."""
    try:
        data = csvtext.read_bytes(source, filename=filename, max_bytes=max_bytes)
        text = csvtext.decode(data, filename=filename)
        text = dataclasses.replace(text, separator=_separator(text.text, separators))
        records = list(csvtext.records(text, filename=filename))
    except csvtext.CsvTextError as exc:
        raise FileRefused(Problem(filename, None, None, exc.reason)) from None
    if not records:
        raise FileRefused(Problem(filename, None, None, "fichier vide : aucune ligne d'en-tête"))
    header_line, header = records[0]
    return Sheet(
        file=filename,
        checksum=hashlib.sha256(data).hexdigest(),
        encoding=text.encoding,
        separator=text.separator,
        header_line=header_line,
        header=[cell.strip().lstrip("\ufeff") for cell in header],
        records=records[1:],
    )


def _separator(text: str, separators: Sequence[str]) -> str:
    """The separator that occurs most on the header line, outside quotes (ties: the first)."""
    header = text.split("\n", 1)[0]
    counts = dict.fromkeys(separators, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(separators, key=lambda sep: (counts[sep], -separators.index(sep)))


@dataclass
class TypedRows:
    rows: list[tuple[int, Row]] = field(default_factory=list)  # (line, typed values)
    problems: list[Problem] = field(default_factory=list)
    failed: set[tuple[int, str]] = field(default_factory=set)  # (line, column) that failed


def typed_rows(sheet: Sheet, schema: TableSchema, columns: list[Field | None]) -> TypedRows:
    """Cast and check every cell of the columns that have a field (None: ignored column)."""
    result = TypedRows()
    unique: dict[str, dict[Value, int]] = {
        f.name: {} for f in schema.fields if f.constraint("unique")
    }
    for line, cells in sheet.records:
        if len(cells) != len(columns):
            result.problems.append(
                Problem(
                    sheet.file,
                    line,
                    None,
                    f"{len(cells)} cellules au lieu de {len(columns)} "
                    f"(séparateur « {_shown(sheet.separator)} »)",
                )
            )
            continue
        row: Row = {f.name: None for f in schema.fields}
        for f, raw in zip(columns, cells, strict=True):
            if f is None:
                continue
            value, reasons = _cell(schema, f, raw)
            for reason in reasons:
                result.problems.append(Problem(sheet.file, line, f.name, reason))
                result.failed.add((line, f.name))
            row[f.name] = value
            if f.name in unique and value is not None:
                first = unique[f.name].setdefault(value, line)
                if first != line:
                    result.problems.append(
                        Problem(
                            sheet.file,
                            line,
                            f.name,
                            f"valeur « {raw} » déjà présente ligne {first}",
                        )
                    )
        result.rows.append((line, row))
    return result


def _shown(separator: str) -> str:
    return "tabulation" if separator == "\t" else separator


def _cell(schema: TableSchema, f: Field, raw: str) -> tuple[Value, list[str]]:
    if raw.strip() in schema.missing_values:
        if schema.is_required(f):
            return None, ["valeur obligatoire manquante"]
        return None, []
    try:
        value = cast_cell(f, raw.strip())
    except CellError as exc:
        return None, [str(exc)]
    return value, check_constraints(f, raw.strip(), value)
