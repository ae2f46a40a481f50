"""Building blocks shared by the catalogue and the project-file exports (pure, no Django).

Each block is chosen so that the import reads back what the export wrote (docs/opendata.md):
- status: planned → 1 (pipeline), active → 2 (implementation), ended → 4 (closed); an
  unknown status is derived from the dates on the day of the export;
- dates: a planned project has planned dates (1, 3); otherwise the start is actual (2) and the
  end is planned (3) until the project has ended (4);
- a budget covering several years is cut into calendar years (IATI asks for periods of a year
  at most), pro rata of the days, the cents left over going to the last year;
- several DAC sectors share 100 % equally (the remainder on the first), as IATI asks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_DOWN, Decimal

from coopdec.formats.iati import model as m

STATUS_TO_IATI = {"planned": "1", "active": "2", "ended": "4"}
CENT = Decimal("0.01")
INDICATIVE = "1"  # BudgetStatus: the catalogue knows announced amounts, not committed ones
ORIGINAL = "1"  # BudgetType
_UNSAFE = re.compile(r"[\s/&|?]+")


def safe_identifier(text: str) -> str:
    """IATI identifiers carry no whitespace, ``/``, ``&``, ``|`` or ``?``."""
    return _UNSAFE.sub("-", text.strip()).strip("-")


def status_code(status: str, start: date | None, end: date | None, today: date) -> str:
    """The ActivityStatus code of a catalogue status (derived from the dates if unknown)."""
    if status in STATUS_TO_IATI:
        return STATUS_TO_IATI[status]
    if end is not None and end < today:
        return "4"
    if start is not None and start > today:
        return "1"
    return "2"


def activity_dates(code: str, start: date | None, end: date | None) -> tuple[m.ActivityDate, ...]:
    """Activity dates matching the status code (empty when no date is known)."""
    dates = []
    if start is not None:
        dates.append(m.ActivityDate(type="1" if code == "1" else "2", iso_date=start))
    if end is not None:
        dates.append(m.ActivityDate(type="4" if code in ("3", "4") else "3", iso_date=end))
    return tuple(dates)


def yearly_budgets(
    amount: Decimal | None, start: date | None, end: date | None, currency: str
) -> tuple[m.Budget, ...]:
    """``amount`` over ``start``-``end`` as one original, indicative budget per calendar year."""
    if amount is None or start is None or end is None or end < start:
        return ()
    periods = [
        (max(start, date(year, 1, 1)), min(end, date(year, 12, 31)))
        for year in range(start.year, end.year + 1)
    ]
    total_days = (end - start).days + 1
    values = [
        (amount * ((last - first).days + 1) / total_days).quantize(CENT, rounding=ROUND_DOWN)
        for first, last in periods
    ]
    values[-1] = amount.quantize(CENT) - sum(values[:-1], Decimal(0))
    return tuple(
        m.Budget(
            period_start=first,
            period_end=last,
            value=m.Money(value=value, value_date=first, currency=currency),
            type=ORIGINAL,
            status=INDICATIVE,
        )
        for (first, last), value in zip(periods, values, strict=True)
    )


def shared_sectors(codes: Sequence[str]) -> tuple[m.Sector, ...]:
    """DAC 5-digit sectors (vocabulary 1) sharing 100 % equally."""
    if not codes:
        return ()
    if len(codes) == 1:
        return (m.Sector(code=codes[0], vocabulary=m.DAC_SECTOR_VOCABULARY),)
    share = (Decimal(100) / len(codes)).quantize(CENT, rounding=ROUND_DOWN)
    first = Decimal(100) - share * (len(codes) - 1)
    return tuple(
        m.Sector(
            code=code, vocabulary=m.DAC_SECTOR_VOCABULARY, percentage=first if i == 0 else share
        )
        for i, code in enumerate(codes)
    )


def narratives(main: str, lang: str, others: dict[str, dict[str, str]], key: str) -> m.Narratives:
    """``main`` in ``lang``, then the ``key`` text of every other language, sorted by code."""
    items = [m.Narrative(text=main, lang=lang)]
    for other in sorted(others):
        text = (others[other] or {}).get(key)
        if other != lang and text:
            items.append(m.Narrative(text=text, lang=other))
    return tuple(items)
