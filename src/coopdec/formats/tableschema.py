"""Frictionless Table Schema (v1) validation of CSV imports.

``read_csv`` never stops at the first problem: it checks the header (missing required columns,
unknown or repeated columns) and every cell, then raises one TableError listing each problem
with file, line, column and reason, in French. Encoding, separator and size limit are handled
by ``csvtext``; field types and constraints by ``tablefields``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coopdec.formats import csvtext
from coopdec.formats.i18n import _
from coopdec.formats.tablefields import (
    CellError,
    Field,
    Row,
    SchemaError,
    TableSchema,
    Value,
    cast_cell,
    check_constraints,
    load_schema,
)

__all__ = [
    "Field",
    "Problem",
    "Row",
    "SchemaError",
    "TableError",
    "TableSchema",
    "Value",
    "load_schema",
    "read_csv",
]


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    reason: str

    def describe(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(_("ligne %(line)d") % {"line": self.line})
        if self.column is not None:
            where.append(_("colonne « %(column)s »") % {"column": self.column})
        return f"{', '.join(where)} : {self.reason}"


class TableError(Exception):
    """Every problem found in a CSV file; nothing from the file should be used."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.describe() for p in problems))


def read_csv(
    source: Path | str | bytes,
    schema: TableSchema,
    *,
    filename: str | None = None,
    max_bytes: int = csvtext.DEFAULT_MAX_BYTES,
) -> list[Row]:
    """The typed rows of a CSV file (path or bytes) checked against ``schema``.

    Raises TableError listing every problem, or the single reason the file could not be read
    at all (too large, not text, malformed quoting).
    """
    name = filename or (_("<données>") if isinstance(source, bytes) else str(source))
    try:
        data = csvtext.read_bytes(source, filename=name, max_bytes=max_bytes)
        text = csvtext.decode(data, filename=name)
        records = list(csvtext.records(text, filename=name))
    except csvtext.CsvTextError as exc:
        raise TableError([Problem(name, None, None, exc.reason)]) from None
    if not records:
        raise TableError([Problem(name, None, None, _("fichier vide : aucune ligne d'en-tête"))])
    header_line, header = records[0]
    problems, columns = _check_header(schema, header, name, header_line, text.separator)
    rows: list[Row] = []
    if columns is not None:
        rows, row_problems = _check_rows(schema, columns, records[1:], name)
        problems += row_problems
    if problems:
        raise TableError(problems)
    return rows


def _check_header(
    schema: TableSchema, header: Sequence[str], file: str, line: int, separator: str
) -> tuple[list[Problem], list[Field | None] | None]:
    """Problems of the header, and the field of each column (None for unknown columns)."""
    names = [cell.strip() for cell in header]
    problems: list[Problem] = []
    if len(names) == 1 and len(schema.fields) > 1:
        problems.append(
            Problem(
                file,
                line,
                None,
                _(
                    "une seule colonne lue avec le séparateur « %(sep)s » : le fichier doit être "
                    "séparé par des virgules ou des points-virgules"
                )
                % {"sep": separator},
            )
        )
        return problems, None
    for position, column in enumerate(names):
        if schema.field(column) is None:
            problems.append(Problem(file, line, column, _("colonne inconnue du schéma")))
        elif column in names[:position]:
            problems.append(Problem(file, line, column, _("colonne en double")))
    for f in schema.fields:
        if f.name not in names and schema.is_required(f):
            problems.append(Problem(file, line, f.name, _("colonne obligatoire absente")))
    return problems, [schema.field(column) for column in names]


def _check_rows(
    schema: TableSchema,
    columns: list[Field | None],
    records: list[tuple[int, list[str]]],
    file: str,
) -> tuple[list[Row], list[Problem]]:
    problems: list[Problem] = []
    rows: list[Row] = []
    seen: dict[str, dict[Value, int]] = {
        f.name: {} for f in schema.fields if f.constraint("unique")
    }
    keys: dict[tuple[Value, ...], int] = {}
    for line, cells in records:
        if len(cells) != len(columns):
            reason = _("%(found)d cellules au lieu de %(expected)d") % {
                "found": len(cells),
                "expected": len(columns),
            }
            problems.append(Problem(file, line, None, reason))
            continue
        row: Row = {f.name: None for f in schema.fields}
        for f, raw in zip(columns, cells, strict=True):
            if f is None:
                continue
            value, reasons = _cell(schema, f, raw)
            problems += [Problem(file, line, f.name, reason) for reason in reasons]
            row[f.name] = value
            if f.name in seen and value is not None:
                first = seen[f.name].setdefault(value, line)
                if first != line:
                    reason = _("valeur « %(raw)s » déjà présente ligne %(first)d")
                    problems.append(
                        Problem(file, line, f.name, reason % {"raw": raw, "first": first})
                    )
        if schema.primary_key:
            key = tuple(row[name] for name in schema.primary_key)
            first = keys.setdefault(key, line)
            if first != line and None not in key:
                reason = _("clé primaire (%(key)s) en double, déjà présente ligne %(first)d")
                names = ", ".join(schema.primary_key)
                problems.append(Problem(file, line, names, reason % {"key": names, "first": first}))
        rows.append(row)
    return rows, problems


def _cell(schema: TableSchema, f: Field, raw: str) -> tuple[Value, list[str]]:
    if raw.strip() in schema.missing_values or raw in schema.missing_values:
        if schema.is_required(f):
            return None, [_("valeur obligatoire manquante")]
        return None, []
    try:
        value = cast_cell(f, raw)
    except CellError as exc:
        return None, [str(exc)]
    return value, check_constraints(f, raw, value)
