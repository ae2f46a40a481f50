"""Table Schema (v1) descriptors: fields, types, constraints, and the typing of one cell.

Supported: field types string, integer, number (with ``decimalChar`` / ``groupChar``, since
French spreadsheets write "1 234,5"), boolean (``trueValues`` / ``falseValues``), date
(``format`` "default" = ISO, "any", or a strftime pattern such as "%d/%m/%Y") and year;
constraints required, unique, enum, pattern, minLength, maxLength, minimum, maximum;
``primaryKey`` and ``missingValues``. Anything else in a descriptor is refused rather than
silently ignored, so a schema never promises a check that does not run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from coopdec.formats.i18n import _

Value = str | int | Decimal | bool | date | None
Row = dict[str, Value]
TYPES = frozenset({"string", "integer", "number", "boolean", "date", "year"})
CONSTRAINTS = frozenset(
    {"required", "unique", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum"}
)


TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")


class SchemaError(ValueError):
    """The schema descriptor itself is wrong (a programming or packaging error)."""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str = "string"
    format: str = "default"
    constraints: Mapping[str, Any] | None = None
    decimal_char: str = "."
    group_char: str = ""
    true_values: tuple[str, ...] = TRUE_VALUES
    false_values: tuple[str, ...] = FALSE_VALUES

    def constraint(self, name: str) -> Any:
        return (self.constraints or {}).get(name)


@dataclass(frozen=True, slots=True)
class TableSchema:
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    missing_values: tuple[str, ...] = ("",)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def is_required(self, f: Field) -> bool:
        return bool(f.constraint("required")) or f.name in self.primary_key


def load_schema(descriptor: Mapping[str, Any] | Path | str) -> TableSchema:
    """A TableSchema from a descriptor (a mapping, a JSON file path, or JSON text)."""
    if isinstance(descriptor, Path) or (
        isinstance(descriptor, str) and not descriptor.lstrip().startswith("{")
    ):
        descriptor = json.loads(Path(descriptor).read_text(encoding="utf-8"))
    elif isinstance(descriptor, str):
        descriptor = json.loads(descriptor)
    if not isinstance(descriptor, Mapping):
        raise SchemaError(_("le descripteur de schéma doit être un objet JSON"))
    fields = tuple(_field(raw) for raw in descriptor.get("fields", []))
    if not fields:
        raise SchemaError(_("schéma sans champ"))
    names = [f.name for f in fields]
    key = descriptor.get("primaryKey", ())
    primary_key = (key,) if isinstance(key, str) else tuple(key)
    unknown = [k for k in primary_key if k not in names]
    if unknown or len(set(names)) != len(names):
        raise SchemaError(
            _("clé primaire ou noms de champs incohérents : %(names)s") % {"names": names}
        )
    return TableSchema(
        fields=fields,
        primary_key=primary_key,
        missing_values=tuple(descriptor.get("missingValues", ("",))),
    )


def _field(raw: Mapping[str, Any]) -> Field:
    kind = raw.get("type", "string")
    constraints = raw.get("constraints", {})
    if kind not in TYPES or not set(constraints) <= CONSTRAINTS:
        raise SchemaError(
            _("champ « %(name)s » : type ou contrainte non pris en charge")
            % {"name": raw.get("name")}
        )
    return Field(
        name=raw["name"],
        type=kind,
        format=raw.get("format", "default"),
        constraints=constraints,
        decimal_char=raw.get("decimalChar", "."),
        group_char=raw.get("groupChar", ""),
        true_values=tuple(raw.get("trueValues", TRUE_VALUES)),
        false_values=tuple(raw.get("falseValues", FALSE_VALUES)),
    )


class CellError(ValueError):
    """A cell that does not fit its field; the message is the French reason."""


def cast_cell(f: Field, raw: str) -> Value:
    """The typed value of a non-missing cell; CellError otherwise."""
    text = raw.strip()
    try:
        if f.type == "string":
            return raw
        if f.type in ("integer", "year"):
            if not re.fullmatch(r"[+-]?\d+", text) or (
                f.type == "year" and len(text.lstrip("+-")) != 4
            ):
                raise ValueError
            return int(text)
        if f.type == "number":
            if f.group_char:
                text = text.replace(f.group_char, "").replace("\u202f", "").replace("\xa0", "")
            value = Decimal(text.replace(f.decimal_char, ".") if f.decimal_char != "." else text)
            if not value.is_finite():
                raise ValueError
            return value
        if f.type == "boolean":
            if text in f.true_values:
                return True
            if text in f.false_values:
                return False
            raise ValueError
        return _date(f, text)
    except (ValueError, InvalidOperation):
        raise CellError(_expected(f, raw)) from None


def _date(f: Field, text: str) -> date:
    if f.format == "default":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    formats = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y") if f.format == "any" else (f.format,)
    for pattern in formats:
        try:
            return datetime.strptime(text, pattern).date()  # a calendar day: no timezone
        except ValueError:
            continue
    raise ValueError


def _expected(f: Field, raw: str) -> str:
    wanted = {
        "integer": _("un nombre entier"),
        "year": _("une année sur 4 chiffres"),
        "number": _("un nombre (séparateur décimal « %(sep)s »)") % {"sep": f.decimal_char},
        "boolean": _("l'une des valeurs %(values)s")
        % {"values": ", ".join(f.true_values + f.false_values)},
        "date": _("une date au format %(format)s")
        % {"format": "AAAA-MM-JJ" if f.format == "default" else f.format},
    }.get(f.type, f.type)
    return _("« %(raw)s » : %(wanted)s attendu") % {"raw": raw, "wanted": wanted}


def check_constraints(f: Field, raw: str, value: Value) -> list[str]:
    """French reasons for every constraint the (non-missing) cell breaks."""
    reasons: list[str] = []
    enum = f.constraint("enum")
    if enum is not None and value not in [_enum_value(f, item) for item in enum]:
        reasons.append(
            _("« %(raw)s » n'est pas une valeur permise (%(allowed)s)")
            % {"raw": raw, "allowed": ", ".join(map(str, enum))}
        )
    pattern = f.constraint("pattern")
    if pattern is not None and not re.fullmatch(pattern, raw):
        reasons.append(
            _("« %(raw)s » ne respecte pas le motif %(pattern)s") % {"raw": raw, "pattern": pattern}
        )
    min_length, max_length = f.constraint("minLength"), f.constraint("maxLength")
    if (min_length is not None and len(raw) < min_length) or (
        max_length is not None and len(raw) > max_length
    ):
        reasons.append(
            _("longueur %(n)d hors des limites %(min)s-%(max)s")
            % {"n": len(raw), "min": min_length or 0, "max": max_length or "∞"}
        )
    for name in ("minimum", "maximum"):
        limit = f.constraint(name)
        if limit is None or value is None:
            continue
        bound = _enum_value(f, limit)
        if (name == "minimum" and value < bound) or (name == "maximum" and value > bound):  # type: ignore[operator]
            reasons.append(
                _("%(value)s est hors limite (%(rule)s = %(limit)s)")
                % {"value": raw.strip(), "rule": name, "limit": limit}
            )
    return reasons


def _enum_value(f: Field, item: Any) -> Value:
    # Descriptors give enum and bounds as JSON values: strings in the field's physical
    # form, or JSON numbers; compare them as typed values.
    if isinstance(item, bool | int) and f.type in ("integer", "year", "boolean"):
        return item
    if isinstance(item, int | float):
        return Decimal(str(item))
    return cast_cell(f, str(item))
