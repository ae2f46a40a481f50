from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdec.documents.formatting import (
    format_date,
    format_duration,
    format_money,
    format_percent,
    months_between,
    parse_date,
    parse_decimal,
)

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("12500"), f"12{NNBSP}500,00{NBSP}€"),
        (Decimal("0"), f"0,00{NBSP}€"),
        (Decimal("999.995"), f"1{NNBSP}000,00{NBSP}€"),  # half-up, as accountants round
        (Decimal("1234567.8"), f"1{NNBSP}234{NNBSP}567,80{NBSP}€"),
        (Decimal("-1500"), f"-1{NNBSP}500,00{NBSP}€"),
        (Decimal("100"), f"100,00{NBSP}€"),
    ],
)
def test_format_money_uses_french_separators(amount: Decimal, expected: str) -> None:
    assert format_money(amount) == expected


def test_format_money_other_currency_keeps_iso_code() -> None:
    assert format_money(Decimal("5000000"), "XOF") == f"5{NNBSP}000{NNBSP}000,00{NBSP}XOF"


def test_format_percent() -> None:
    assert format_percent(Decimal("52500"), Decimal("125000")) == f"42,0{NBSP}%"
    assert format_percent(Decimal("1"), Decimal("3")) == f"33,3{NBSP}%"
    with pytest.raises(ValueError):
        format_percent(Decimal(1), Decimal(0))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 3, 12), "12 mars 2026"),
        (dt.date(2026, 1, 1), "1er janvier 2026"),
        (dt.date(2025, 8, 4), "4 août 2025"),
        (dt.date(2024, 12, 31), "31 décembre 2024"),
    ],
)
def test_format_date(value: dt.date, expected: str) -> None:
    assert format_date(value) == expected


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (dt.date(2026, 1, 1), dt.date(2028, 12, 31), 36),
        (dt.date(2026, 1, 15), dt.date(2027, 1, 14), 12),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 20), 1),
        (dt.date(2026, 1, 15), dt.date(2027, 1, 20), 13),
    ],
)
def test_months_between_counts_started_months(start: dt.date, end: dt.date, months: int) -> None:
    assert months_between(start, end) == months


def test_format_duration_spells_whole_years() -> None:
    assert format_duration(36) == f"36{NBSP}mois (3{NBSP}ans)"
    assert format_duration(12) == f"12{NBSP}mois (1{NBSP}an)"
    assert format_duration(18) == f"18{NBSP}mois"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (12500, Decimal("12500")),
        ("12500.50", Decimal("12500.50")),
        ("12 500,50", Decimal("12500.50")),
        (f"12{NNBSP}500,50{NBSP}€", Decimal("12500.50")),
        (0.1, Decimal("0.1")),  # through str(), not binary: no 0.1000000000000000055...
        (Decimal("7"), Decimal("7")),
    ],
)
def test_parse_decimal_accepts_usual_inputs(raw: object, expected: Decimal) -> None:
    assert parse_decimal(raw) == expected


@pytest.mark.parametrize("raw", [True, "abc", -5, "NaN", float("inf"), [1], None])
def test_parse_decimal_rejects_non_amounts(raw: object) -> None:
    assert parse_decimal(raw) is None


def test_parse_date() -> None:
    assert parse_date("2026-03-12") == dt.date(2026, 3, 12)
    assert parse_date(dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC)) == dt.date(2026, 3, 12)
    assert parse_date("12/03/2026") is None
    assert parse_date(20260312) is None


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_money_round_trips_through_parse(amount: Decimal) -> None:
    assert parse_decimal(format_money(amount)) == amount
