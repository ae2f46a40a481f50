"""From an activity as read (``ActivityRow``) to the values of a catalogue project.

No database access: the lookups (countries, sectors, authorities) are ``iati_upsert``'s.

Choices (docs/opendata.md, "Import IATI"):
- the main language is French when the title has a French narrative, else the activity's
  default language, else the first narrative's; title and general description in that
  language fill ``title`` and ``description``; every other language goes to ``narratives``
  as ``{lang: {"title": ..., "description": ...}}``;
- ``summary`` is the start of the description (the catalogue lists show it);
- status: 1 → planned, 2 → active, 3/4/5 → ended, 6 (suspended) → unknown; start = actual
  start else planned start, end = actual end else planned end;
- budget: the sum of the revised budgets when there are any, else of the original ones, when
  they share one currency and fit the column (16 digits); else no budget and a note;
- SDG targets come from tags of vocabulary 3 and sectors of vocabulary 8.
"""

from __future__ import annotations

import hashlib
import marshal
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from coopdec.catalogue.imports.iati.reading import ActivityRow, Org, Texts

KEY_PREFIX = "iati:"
MAX_KEY = 200
MAX_TITLE = 500
SUMMARY_LENGTH = 300
STATUS_FROM_IATI = {"1": "planned", "2": "active", "3": "ended", "4": "ended", "5": "ended"}
BUDGET_LIMIT = Decimal("1e14")  # Project.budget: max_digits=16, decimal_places=2
CENT = Decimal("0.01")


@dataclass
class ProjectValues:
    identifier: str
    key: str
    title: str
    summary: str
    description: str
    narratives: dict[str, dict[str, str]]
    status: str
    start_date: date | None
    end_date: date | None
    budget: Decimal | None
    currency: str
    countries: tuple[str, ...]
    dac_sectors: tuple[str, ...]
    dac_categories: tuple[str, ...]
    sdg_targets: tuple[str, ...]
    participants: tuple[Org, ...]
    publisher: Org
    language: str
    version: str
    last_updated: datetime | None
    fingerprint: str
    notes: list[str] = field(default_factory=list)


def fingerprint(row: ActivityRow) -> str:
    """Equal for two activities that would store the same values (the line is left out).

    ``marshal`` serialises plain tuples and strings fast; its format may change with the
    Python version, which only makes the next import see the activities as updated."""
    data = marshal.dumps(tuple(row)[1:])
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def skip_reason(row: ActivityRow) -> str | None:
    """Why an activity cannot become a project (None when it can)."""
    if len(KEY_PREFIX + row.identifier) > MAX_KEY:
        return _("identifiant IATI trop long (plus de %d caractères)") % (MAX_KEY - len(KEY_PREFIX))
    return None


def main_language(row: ActivityRow) -> str:
    langs = [lang for lang, _text in row.titles]
    if "fr" in langs:
        return "fr"
    if row.language and row.language in langs:
        return row.language
    return next((lang for lang in langs if lang), row.language or "fr")


def _by_lang(texts: Texts, main: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for lang, text in texts:
        result.setdefault(lang or main, text)
    return result


def _general_description(row: ActivityRow) -> Texts:
    for kind, texts in row.descriptions:
        if kind in (None, "1"):
            return texts
    return row.descriptions[0][1] if row.descriptions else ()


def shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """``text`` cut at a word boundary before ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(maxsplit=1)[0].rstrip(" ,;:.")
    return cut + "…"


def _budget(row: ActivityRow, notes: list[str]) -> tuple[Decimal | None, str | None]:
    budgets = [b for b in row.budgets if b[0] == "2"] or list(row.budgets)
    if not budgets:
        return None, row.default_currency
    currencies = {b[2] for b in budgets}
    if len(currencies) != 1 or None in currencies:
        notes.append(_("budgets en plusieurs devises ou sans devise : budget non repris"))
        return None, row.default_currency
    try:
        total = sum((Decimal(b[1]) for b in budgets), Decimal(0)).quantize(CENT)
    except InvalidOperation:
        total = BUDGET_LIMIT
    if abs(total) >= BUDGET_LIMIT:
        notes.append(_("budget hors des limites du catalogue : non repris"))
        return None, currencies.pop()
    return total, currencies.pop()


def _timestamp(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _date(raw: str | None) -> date | None:
    return date.fromisoformat(raw) if raw else None


def project_values(row: ActivityRow) -> ProjectValues:
    """The catalogue values of a (schema-valid) activity."""
    main = main_language(row)
    titles = _by_lang(row.titles, main)
    descriptions = _by_lang(_general_description(row), main)
    title = titles.get(main) or next(iter(titles.values()), "") or row.identifier
    description = descriptions.get(main, "")
    narratives: dict[str, dict[str, str]] = {}
    for lang in dict.fromkeys([*titles, *descriptions]):
        if lang == main:
            continue
        entry = {"title": titles.get(lang, ""), "description": descriptions.get(lang, "")}
        narratives[lang] = {k: v for k, v in entry.items() if v}
    notes: list[str] = []
    budget, currency = _budget(row, notes)
    dates = dict(row.dates)
    sectors = [code for vocabulary, code in row.sectors if vocabulary == "1"]
    categories = [code for vocabulary, code in row.sectors if vocabulary == "2"]
    targets = [code for vocabulary, code in row.tags if vocabulary == "3"]
    targets += [code for vocabulary, code in row.sectors if vocabulary == "8"]
    return ProjectValues(
        identifier=row.identifier,
        key=KEY_PREFIX + row.identifier,
        title=title if len(title) <= MAX_TITLE else shorten(title, MAX_TITLE),
        summary=shorten(description),
        description=description,
        narratives=narratives,
        status=STATUS_FROM_IATI.get(row.status or "", "unknown"),
        start_date=_date(dates.get("2") or dates.get("1")),
        end_date=_date(dates.get("4") or dates.get("3")),
        budget=budget,
        currency=(currency or "EUR")[:3],
        countries=tuple(dict.fromkeys(row.countries)),
        dac_sectors=tuple(dict.fromkeys(sectors)),
        dac_categories=tuple(dict.fromkeys([*categories, *(code[:3] for code in sectors)])),
        sdg_targets=tuple(dict.fromkeys(targets)),
        participants=row.participants,
        publisher=row.publisher,
        language=main,
        version=row.version,
        last_updated=_timestamp(row.last_updated),
        fingerprint=fingerprint(row),
        notes=notes,
    )


def participant_json(org: Org) -> dict[str, Any]:
    """An unresolved participating organisation as stored in ``Project.other_participants``."""
    ref, kind, names, role, activity_id = org
    entry: dict[str, Any] = {"role": role, "ref": ref, "type": kind, "activity_id": activity_id}
    entry["names"] = [[lang, text] for lang, text in names]
    return {key: value for key, value in entry.items() if value is not None}
