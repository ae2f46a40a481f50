"""Form fields for the project file's value types: tri-state answers, money, codes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YES, NO = "oui", "non"


class TriStateField(forms.ChoiceField):
    """Yes, no, or not supplied: a missing answer stays missing and the rules say ``unknown``.

    A checkbox cannot tell "no" from "I do not know", and the rules engine must not guess.
    """

    widget = forms.RadioSelect

    def __init__(self, **kwargs: Any) -> None:
        choices = [("", _("Non renseigné")), (YES, _("Oui")), (NO, _("Non"))]
        super().__init__(choices=choices, required=False, **kwargs)

    def clean(self, value: Any) -> bool | None:
        text = super().clean(value)
        return {YES: True, NO: False}.get(text)

    @staticmethod
    def initial_of(value: Any) -> str:
        return {True: YES, False: NO}.get(value, "") if isinstance(value, bool) else ""


class MoneyField(forms.CharField):
    """An amount in euros, typed the French way ("12 000,50 €") or plainly ("12000.50").

    Returns a :class:`~decimal.Decimal`, never a float.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        compact = "".join(text.replace("€", "").split()).replace("\u202f", "")
        compact = compact.replace(",", ".")
        try:
            amount = Decimal(compact)
        except InvalidOperation:
            raise ValidationError(
                _("Montant en euros attendu, par exemple 12000 ou 12 000,50."), code="invalid"
            ) from None
        if not amount.is_finite() or amount < 0:
            raise ValidationError(_("Le montant doit être positif ou nul."), code="negative")
        if amount.as_tuple().exponent < -2:  # type: ignore[operator]
            raise ValidationError(_("Au plus deux décimales (les centimes)."), code="cents")
        return amount

    @staticmethod
    def initial_of(value: Any) -> str:
        if value is None or isinstance(value, bool):
            return ""
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        return str(amount).replace(".", ",")


class LinesField(forms.CharField):
    """A list of short texts typed one per line (objectives, expected results): no script
    needed to add an item; blank lines are dropped."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *, max_items: int, **kwargs: Any) -> None:
        self.max_items = max_items
        super().__init__(required=False, **kwargs)

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        items = [line.strip() for line in text.splitlines() if line.strip()]
        if len(items) > self.max_items:
            raise ValidationError(
                _("%(max)s lignes au plus."), code="max_items", params={"max": self.max_items}
            )
        return items

    @staticmethod
    def initial_of(value: Any) -> str:
        return "\n".join(str(v) for v in value) if isinstance(value, list) else ""


class YearField(forms.IntegerField):
    """A budget year (four digits)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, min_value=1900, max_value=2100, **kwargs)

    @staticmethod
    def initial_of(value: Any) -> Any:
        return "" if value is None else value


class DayField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"], **kwargs)

    @staticmethod
    def initial_of(value: Any) -> Any:
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        return value


def to_file_value(value: Any) -> Any:
    """A cleaned form value as the project file stores it (None: leave the key out)."""
    if value in ("", None, [], ()):
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, str):
        return value.strip() or None
    return value


def initial_of(field: forms.Field, value: Any) -> Any:
    """The value of the project file shown in ``field``."""
    converter = getattr(field, "initial_of", None)
    if converter is not None:
        return converter(value)
    if isinstance(field, forms.MultipleChoiceField):
        return [str(v) for v in value] if isinstance(value, list) else []
    return "" if value is None else value
