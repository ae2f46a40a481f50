"""Typed, fault-collecting access to the raw project-file mapping.

The project file may come from YAML, JSON or a web form, and anything may be missing or
mistyped. Each accessor returns ``None`` instead of raising and records a
:class:`FieldProblem` with the exact path, so the user gets every problem at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from coopdec.documents.errors import FieldProblem
from coopdec.documents.formatting import parse_date, parse_decimal
from coopdec.documents.i18n import _


class ProjectReader:
    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def invalid(self, path: str, reason: str) -> None:
        self.problems.append(FieldProblem(path, reason))

    def mapping(self, data: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any]:
        """A sub-mapping; an absent one reads as empty, a wrong type is reported."""
        value = data.get(key)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.invalid(path, _("un objet (clé : valeur) est attendu"))
            return {}
        return value

    def items(self, data: Mapping[str, Any], key: str, path: str) -> Sequence[Any]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            self.invalid(path, _("une liste est attendue"))
            return ()
        return value

    def text(self, data: Mapping[str, Any], key: str, path: str) -> str | None:
        """A non-empty string, whitespace-normalised; numbers are accepted as codes."""
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.invalid(path, _("un texte est attendu"))
            return None
        cleaned = " ".join(str(value).split())
        return cleaned or None

    def required_text(self, data: Mapping[str, Any], key: str, path: str, what: str) -> str | None:
        value = self.text(data, key, path)
        if value is None and not any(p.path == path for p in self.problems):
            self.invalid(path, what)
        return value

    def amount(self, data: Mapping[str, Any], key: str, path: str) -> Decimal | None:
        raw = data.get(key)
        if raw is None:
            return None
        value = parse_decimal(raw)
        if value is None:
            self.invalid(path, _("un montant positif est attendu (ex. 12500.00)"))
        return value

    def date(self, data: Mapping[str, Any], key: str, path: str) -> dt.date | None:
        raw = data.get(key)
        if raw is None:
            return None
        value = parse_date(raw)
        if value is None:
            self.invalid(path, _("une date AAAA-MM-JJ est attendue"))
        return value

    def flag(self, data: Mapping[str, Any], key: str, path: str) -> bool:
        """A yes/no answer; absent means no, because documents only mention what is done."""
        raw = data.get(key)
        if raw is None:
            return False
        if not isinstance(raw, bool):
            self.invalid(path, _("true ou false est attendu"))
            return False
        return raw
