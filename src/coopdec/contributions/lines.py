"""A project's budget lines and financing lines as a contribution declares them, in the
vocabulary of the project file (``coopdec.projectfile.model``: ``EXPENSE_CATEGORIES``,
``FINANCING_SOURCES``, ``MAX_ITEMS``), so that a workspace project's lines carry over as
they are. Stored on ``Project.budget_lines`` / ``financing_lines`` as lists of dicts with
amounts as decimal strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from coopdec.projectfile.model import EXPENSE_CATEGORIES, FINANCING_SOURCES, MAX_ITEMS

# line kind -> (field holding the code, allowed codes, free-text fields)
SHAPES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "budget_lines": ("category", EXPENSE_CATEGORIES, ()),
    "financing_lines": ("source", FINANCING_SOURCES, ("name",)),
}
MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_AMOUNT = Decimal("100000000000")


def clean_lines(name: str, raw: Any) -> list[dict[str, Any]] | None:
    """The lines of ``name`` ("budget_lines" | "financing_lines") checked and normalised;
    ``None`` for no line. Raises ``ValidationError`` naming the line (1-based) and the cell."""
    if raw in (None, "", []):
        return None
    if not isinstance(raw, list) or not all(isinstance(row, Mapping) for row in raw):
        raise ValidationError(_("une liste de lignes est attendue"))
    if len(raw) > MAX_ITEMS:
        raise ValidationError(_("au plus %(n)s lignes") % {"n": MAX_ITEMS})
    code_field, codes, texts = SHAPES[name]
    out: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, row in enumerate(raw, start=1):
        where = _("ligne %(n)s") % {"n": number}
        unknown = set(row) - {code_field, "year", "amount", *texts}
        if unknown:
            errors.append(f"{where} : {_('champ inconnu')} ({', '.join(sorted(unknown))})")
            continue
        line: dict[str, Any] = {}
        code = str(row.get(code_field) or "")
        if code not in codes:
            errors.append(f"{where} : {_('poste ou source inconnu')} « {code} »")
        line[code_field] = code
        line.update(_year(row.get("year"), where, errors))
        amount = _amount(row.get("amount"), where, errors)
        if amount is not None:
            line["amount"] = amount
        for text in texts:
            value = str(row.get(text) or "").strip()
            if len(value) > 300:
                errors.append(f"{where} : {_('texte trop long (300 caractères au plus)')}")
            if value:
                line[text] = value
        out.append(line)
    if errors:
        raise ValidationError(errors)
    return out


def _year(raw: Any, where: str, errors: list[str]) -> dict[str, int]:
    if raw in (None, ""):
        return {}
    try:
        year = int(str(raw))
    except ValueError:
        errors.append(f"{where} : {_('année invalide')} « {raw} »")
        return {}
    if not MIN_YEAR <= year <= MAX_YEAR:
        errors.append(f"{where} : {_('année invalide')} « {raw} »")
        return {}
    return {"year": year}


def _amount(raw: Any, where: str, errors: list[str]) -> str | None:
    if raw in (None, ""):
        errors.append(f"{where} : {_('montant manquant')}")
        return None
    try:
        amount = Decimal(str(raw).replace(",", ".").replace(" ", "").replace("\u202f", ""))
    except InvalidOperation:
        errors.append(f"{where} : {_('montant invalide')} « {raw} »")
        return None
    if not amount.is_finite() or amount < 0 or amount >= MAX_AMOUNT:
        errors.append(f"{where} : {_('montant invalide')} « {raw} »")
        return None
    return str(amount.quantize(Decimal("0.01")))


def total(lines: Iterable[Mapping[str, Any]] | None) -> Decimal:
    """The sum of the lines' amounts."""
    return sum((Decimal(str(line.get("amount") or 0)) for line in lines or ()), Decimal(0))
