"""French formatting and lenient parsing of amounts and dates.

Typography choice (CLDR ``fr`` locale, also the Imprimerie nationale rule): thousands are
grouped with a NARROW NO-BREAK SPACE (U+202F) and the currency sign or percent sign is
preceded by a NO-BREAK SPACE (U+00A0). Both keep a figure on one line in DOCX and PDF, and
both survive PDF text extraction, so tests can look for the exact string.

Money is always :class:`~decimal.Decimal`. A float can still arrive from YAML/JSON
(``12500.5``); it is converted through ``str()`` (its shortest round-trip form), never
through binary arithmetic.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from coopdec.i18n import N_, _, english

THOUSANDS_SEP = "\u202f"  # narrow no-break space
UNIT_SEP = "\u00a0"  # no-break space before € and %
CENTS = Decimal("0.01")

MONTHS = (
    N_("janvier"),
    N_("février"),
    N_("mars"),
    N_("avril"),
    N_("mai"),
    N_("juin"),
    N_("juillet"),
    N_("août"),
    N_("septembre"),
    N_("octobre"),
    N_("novembre"),
    N_("décembre"),
)

CURRENCY_SIGNS = {"EUR": "€"}


def _group(digits: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return THOUSANDS_SEP.join(groups)


def format_decimal(value: Decimal, places: int = 2) -> str:
    """``Decimal("12500")`` -> ``"12 500,00"`` (half-up rounding, French separators)."""
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    integer, _dot, fraction = f"{abs(rounded):f}".partition(".")
    text = sign + _group(integer)
    return f"{text},{fraction}" if places else text


def format_money(value: Decimal, currency: str = "EUR") -> str:
    """``Decimal("12500")`` -> ``"12 500,00 €"``; other currencies keep their ISO code."""
    sign = CURRENCY_SIGNS.get(currency.upper(), currency.upper())
    return f"{format_decimal(value)}{UNIT_SEP}{sign}"


def format_percent(part: Decimal, whole: Decimal) -> str:
    """Share of ``part`` in ``whole`` with one decimal: ``"42,5 %"``."""
    if whole == 0:
        raise ValueError("cannot express a share of zero")
    return f"{format_decimal(part * 100 / whole, 1)}{UNIT_SEP}%"


def format_date(value: dt.date) -> str:
    """``date(2026, 3, 12)`` -> ``"12 mars 2026"``; the first day reads ``"1er"``."""
    day = "1er" if value.day == 1 and not english() else str(value.day)
    return f"{day} {_(MONTHS[value.month - 1])} {value.year}"


def months_between(start: dt.date, end: dt.date) -> int:
    """Months covered by an inclusive period, a started month counting as a whole one
    (1 January-31 December is 12 months, 15 January-14 January next year too)."""
    stop = end + dt.timedelta(days=1)  # exclusive bound makes the arithmetic exact
    months = (stop.year - start.year) * 12 + (stop.month - start.month)
    if stop.day > start.day:
        months += 1
    return max(months, 1)


def format_duration(months: int) -> str:
    """``36`` -> ``"36 mois (3 ans)"``; whole years are spelled out because conventions
    usually state them."""
    text = f"{months}{UNIT_SEP}{_('mois')}"
    if months >= 12 and months % 12 == 0:
        years = months // 12
        unit = _("an") if years == 1 else _("ans")
        text += f" ({years}{UNIT_SEP}{unit})"
    return text


def parse_decimal(raw: object) -> Decimal | None:
    """Read an amount from YAML/JSON input; ``None`` when it is not a finite number >= 0.

    Accepts Decimal, int, float (via ``str``), and strings such as ``"12500.50"`` or the
    French ``"12 500,50"``. Booleans are rejected although Python counts them as ints.
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int | float):
        value = Decimal(str(raw))
    elif isinstance(raw, str):
        cleaned = raw.strip().replace(THOUSANDS_SEP, "").replace(UNIT_SEP, "")
        cleaned = cleaned.replace(" ", "").removesuffix("€").replace(",", ".")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            return None
    else:
        return None
    if not value.is_finite() or value < 0:
        return None
    return value


def parse_date(raw: object) -> dt.date | None:
    """Read a date from a ``date``/``datetime`` object or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip()[:10])
        except ValueError:
            return None
    return None
