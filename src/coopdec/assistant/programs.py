"""Programme facts read from funding_programs.yaml: rule sets by year, editions, deadlines.

The funding data is the single source for calendars (nothing is copied into parameters):
curators update one file and the rules follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from functools import lru_cache
from typing import Any

from coopdec.i18n import _, current_language
from coopdec.i18n import english as reader_is_english
from coopdec.projectfile.model import FinancingLine, Partner, ProjectFile

from . import reference
from .countries import NON_ODA, CountryGroup, rate_group
from .params import ParameterValue, value_at
from .verdict import Source

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def program(program_id: str) -> dict[str, Any]:
    return reference.programs_by_id()[program_id]


def program_name(program_id: str, *, english: bool | None = None) -> str:
    """The programme's name as users know it (the id stays in the JSON, never in messages);
    ``english``: its English rendering (``name_en``, same sources), for English pages
    (default: the language messages are being built in)."""
    data = program(program_id)
    if english is None:
        english = reader_is_english()
    return str(data.get("name_en") or data["name"]) if english else str(data["name"])


def program_label(program_id: str) -> str:
    return f"{program(program_id)['name']} ({program_id})"


def program_sources(program_id: str, limit: int = 2) -> tuple[Source, ...]:
    data = program(program_id)
    urls = [str(u) for u in (data.get("sources") or [])][:limit]
    return tuple(Source(str(data["name"]), url) for url in urls)


def dctciv_lines(project: ProjectFile) -> list[tuple[int, FinancingLine]]:
    """Financing lines that claim a MEAE (DAECT/DCTCIV) programme."""
    return [
        (i, line)
        for i, line in enumerate(project.financing)
        if line.source == "program" and line.program and reference.is_dctciv(program(line.program))
    ]


@dataclass(frozen=True)
class Deadline:
    day: date
    edition: str
    confidence: str
    sources: tuple[Source, ...]


def deadlines(program_id: str) -> list[Deadline]:
    """Every known deadline of a programme, oldest first (revised 2025 calendar included)."""
    return list(_deadlines(program_id, current_language()))


@lru_cache(maxsize=256)
def _deadlines(program_id: str, language: str) -> tuple[Deadline, ...]:
    # ``language`` keys the cache: the sources' labels are written in the reader's language.
    # Read once per programme: the funding data are parsed once per process and never change
    # while it runs, and a funding judgement asks for a programme's calendar several times.
    out: list[Deadline] = []
    for edition in program(program_id).get("editions") or []:
        raw = [
            edition.get("deadline"),
            edition.get("deadline_extended"),
            *(edition.get("deadlines") or []),
        ]
        text = " ".join(str(item) for item in raw if item is not None)
        sources = tuple(
            Source(
                _("%s, édition %s") % (program_name(program_id), edition.get("edition")),
                str(url),
            )
            for url in (edition.get("sources") or [])[:2]
        )
        for found in _ISO_DATE.findall(text):
            out.append(
                Deadline(
                    date.fromisoformat(found),
                    str(edition.get("edition")),
                    str(
                        edition.get("confidence")
                        or program(program_id).get("confidence")
                        or "medium"
                    ),
                    sources,
                )
            )
    return tuple(sorted(out, key=lambda d: d.day))


def next_deadline(program_id: str, on: date) -> Deadline | None:
    upcoming = [d for d in deadlines(program_id) if d.day >= on]
    return upcoming[0] if upcoming else None


def rule_set_years(program_id: str) -> set[int]:
    """Years covered by the DCTCIV general rule sets the programme refers to."""
    cofinancing = program(program_id).get("cofinancing") or {}
    years: set[int] = set()
    for set_id in cofinancing.get("general_rules_by_year") or []:
        rule_set = reference.rule_sets_by_id().get(str(set_id))
        if rule_set and rule_set.get("valid_from") and rule_set.get("valid_to"):
            years.update(range(int(rule_set["valid_from"]), int(rule_set["valid_to"]) + 1))
    return years


def partner_countries(project: ProjectFile) -> list[str]:
    """Distinct foreign countries of the partners, in file order."""
    seen: list[str] = []
    for partner in project.foreign_partners():
        if partner.country and partner.kind != "ngo" and partner.country not in seen:
            seen.append(partner.country)
    return seen


@dataclass(frozen=True)
class RateAnswer:
    rate: Decimal | None
    value: ParameterValue | None
    groups: tuple[CountryGroup, ...]
    explanation: str
    # Set when no rule set covers the date: ``rate`` is then the last known edition's, given
    # for information ("à vérifier"), never as the rule of the year asked.
    last_known_year: int | None = None


def dctciv_max_rate(project: ProjectFile, program_id: str, on: date) -> RateAnswer:
    """Maximum DCTCIV share of the total cost for this project, programme and date.

    After the last known rule set, the answer carries that edition's rate with
    ``last_known_year`` set, so callers say "à vérifier" with the last known values.
    """
    answer = _dctciv_max_rate(project, program_id, on)
    years = rule_set_years(program_id)
    if answer.rate is not None or not years or on.year <= max(years):
        return answer
    last = max(years)
    previous = _dctciv_max_rate(project, program_id, date(last, 12, 31))
    if previous.rate is None:
        return answer
    return RateAnswer(
        previous.rate,
        previous.value,
        previous.groups,
        _("aucun règlement connu pour %d ; taux de la dernière édition connue (%d) : %s")
        % (on.year, last, previous.explanation),
        last_known_year=last,
    )


def _dctciv_max_rate(project: ProjectFile, program_id: str, on: date) -> RateAnswer:
    if program_id == "joint-fund-liban":
        liban = value_at("joint_fund_liban_max_rate", on)
        if liban is not None:
            pooled = bool(project.co_authorities)
            rate = Decimal(str(liban.value["pooled" if pooled else "single"]))
            why = (
                _("projet mutualisé entre plusieurs collectivités françaises")
                if pooled
                else _("projet porté par une seule collectivité française")
            )
            return RateAnswer(rate, liban, (), _("appel franco-libanais : %s") % why)
    if on.year not in rule_set_years(program_id):
        return RateAnswer(
            None,
            None,
            (),
            _("aucun règlement de cofinancement connu pour %s en %d") % (program_id, on.year),
        )
    value = value_at("dctciv_max_rate", on)
    if value is None:
        return RateAnswer(
            None, None, (), _("taux DCTCIV %d non publiés dans les sources lues") % on.year
        )
    countries = partner_countries(project)
    if not countries:
        return RateAnswer(
            None, value, (), _("pays du partenaire inconnu (renseigner partners[].country)")
        )
    rates: dict[str, float] = value.value
    groups = tuple(rate_group(c, rates, on) for c in countries)
    per_country = [Decimal(str(rates.get(g.group, rates[NON_ODA]))) for g in groups]
    rate = min(per_country)
    explanation = "; ".join(g.note for g in groups)
    flat = rates.get("multi_country_flat")
    if len(countries) > 1 and flat is not None:
        rate = max(rate, Decimal(str(flat)))
        explanation += (
            _(
                " ; projet multi-pays : taux forfaitaire de %s %% possible (ou taux de chaque "
                "pays sur sa part)"
            )
            % (Decimal(str(flat)) * 100).normalize()
        )
    return RateAnswer(rate, value, groups, explanation)


def own_contribution(project: ProjectFile) -> tuple[Decimal, Decimal]:
    """(cash, in kind) brought by the French authorities (own_cash, own_in_kind, 1 %)."""
    cash = sum(
        (
            f.amount
            for f in project.financing
            if f.amount is not None and f.source in {"own_cash", "one_percent"}
        ),
        Decimal(0),
    )
    in_kind = sum(
        (f.amount for f in project.financing if f.amount is not None and f.source == "own_in_kind"),
        Decimal(0),
    )
    return cash, in_kind


def program_total(project: ProjectFile, program_id: str) -> Decimal:
    return sum(
        (f.amount for f in project.financing if f.program == program_id and f.amount is not None),
        Decimal(0),
    )


def cents(value: Decimal) -> Decimal:
    """``value`` rounded to the cent, whatever its size (a file may hold 1e307 euros: the
    default 28-digit context cannot quantize it)."""
    with localcontext() as context:
        context.prec = max(28, value.adjusted() + 4)
        return value.quantize(Decimal("0.01"))


def percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1')).normalize():f} %"


# Sub-national fund territories (``CA-QC``): matched on the partner's area name.
_SUBDIVISION_NAMES = {"CA-QC": ("quebec", "québec")}


def partner_matches(partner: Partner, code: str) -> bool:
    """Whether a partner lies in a fund territory given as ISO alpha-2 or ISO 3166-2 code."""
    country, _sep, subdivision = code.partition("-")
    if partner.country != country:
        return False
    if not subdivision:
        return True
    area = f"{partner.area or ''} {partner.name or ''}".lower()
    return any(name in area for name in _SUBDIVISION_NAMES.get(code, (code.lower(),)))


# --- Which edition of a programme is known for a date: the one source of truth -------------
#
# The funding data stop somewhere (2025 for most calls). A date after the last known edition
# is not a refusal: the programme may well run again. Every rule and the finder ask
# ``edition_state`` and answer "à vérifier — dernière édition connue : …" in that case.

CURRENT = "current"
DATA_ENDED = "data_ended"
CLOSED = "closed"
NOT_YET = "not_yet"


@dataclass(frozen=True)
class EditionState:
    """Where a date stands against a programme's known editions."""

    program_id: str
    state: str
    last_year: int | None
    last_deadline: Deadline | None

    @property
    def known_edition(self) -> bool:
        """The data describe an edition for this date (or the programme has no editions)."""
        return self.state == CURRENT


def last_known_year(program_id: str) -> int | None:
    """The last year the funding data describe for this programme (None: not dated)."""
    data = program(program_id)
    years = [d.day.year for d in deadlines(program_id)]
    if data.get("valid_to") is not None:
        years.append(int(data["valid_to"]))
    return max(years) if years else None


def edition_state(program_id: str, on: date) -> EditionState:
    """Whether ``on`` falls in a known edition, after the data stop, or after a closure."""
    data = program(program_id)
    known = deadlines(program_id)
    last_deadline = known[-1] if known else None
    last = last_known_year(program_id)
    if data.get("status") in {"closed", "historical"}:
        state = CLOSED
    elif data.get("valid_from") is not None and on.year < int(data["valid_from"]):
        state = NOT_YET
    elif last is not None and on.year > last:
        state = DATA_ENDED
    else:
        state = CURRENT
    return EditionState(program_id, state, last, last_deadline)


def last_edition_note(program_id: str, rate: Decimal | None = None) -> str:
    """« à vérifier — dernière édition connue : 2025 (taux 70 %, échéance 2025-05-30) »."""
    state = edition_state(program_id, date.max)
    details = []
    if rate is not None:
        details.append(_("taux %s") % percent(rate))
    if state.last_deadline is not None:
        details.append(_("échéance %s") % state.last_deadline.day.isoformat())
    # The last edition with a known calendar; a multi-year call's end year says less.
    last = state.last_deadline.day.year if state.last_deadline else state.last_year
    year = str(last) if last is not None else _("non datée")
    text = _("à vérifier — dernière édition connue : %s") % year
    return f"{text} ({', '.join(details)})" if details else text


@dataclass(frozen=True)
class FundCover:
    """A joint fund that covers (or may still cover) a partner's country on a date."""

    fund_id: str
    name: str
    # ``CURRENT``: the fund is known to run this year; ``DATA_ENDED``: the data stop before
    # this year and the fund is not known closed, so it may still cover the country.
    state: str
    last_year: int | None


def joint_fund_covers(partner: Partner, on: date) -> list[FundCover]:
    """Joint funds whose territory holds ``partner`` on ``on``, closed ones excepted.

    One answer for the rules (generalist exclusion, joint-fund conditions), the finder and
    the financing plan: a country stays with its joint fund until the fund is known closed.
    """
    out: list[FundCover] = []
    for fund_id, data in reference.programs_by_id().items():
        if data.get("kind") != "joint_fund":
            continue
        codes = [str(c) for c in data.get("eligible_countries") or []]
        if not any(partner_matches(partner, code) for code in codes):
            continue
        state = edition_state(fund_id, on)
        if state.state in {CURRENT, DATA_ENDED}:
            out.append(FundCover(fund_id, program_name(fund_id), state.state, state.last_year))
    return out
