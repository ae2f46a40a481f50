"""The document context: every fact a document shows, already formatted in French.

Renderers and document builders only read these frozen values; they never parse the raw
project file nor format a number themselves, so DOCX and PDF print the same strings.
Optional values are ``None`` (or empty tuples): whether a document may do without them is
decided per document kind in :mod:`coopdec.documents.requirements`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdec.i18n import english
from coopdec.projectfile import FieldError


@dataclass(frozen=True)
class Money:
    amount: Decimal
    text: str  # "12 500,00 €" (narrow no-break space, no-break space before €)


@dataclass(frozen=True)
class FrenchDate:
    value: dt.date
    text: str  # "12 mars 2026"


@dataclass(frozen=True)
class Authority:
    """A French authority taking part in the project."""

    kind: str
    code: str
    name: str  # official name: "Gaillac", "Tarn", "Communauté d'agglomération ..."
    designation: str  # as a party is named in an act: "Commune de Gaillac"
    council: str  # "conseil municipal"
    executive: str  # "le maire"
    seat: str | None  # where acts are signed ("Fait à Gaillac")
    feminine: bool  # grammatical gender of the designation: "représentée" / "représenté"

    @property
    def with_article(self) -> str:
        """ "la Commune de Gaillac", "le Département du Tarn", "l'Eurométropole ..."
        ("the Commune de Gaillac" in an English document)."""
        if english():
            return "the " + self.designation
        if self.designation[:1].upper() in "AEÉÈIOUYH":
            return "l'" + self.designation
        return ("la " if self.feminine else "le ") + self.designation


@dataclass(frozen=True)
class Partner:
    name: str
    country_code: str
    country: str
    kind: str | None
    kind_label: str | None
    area: str | None
    can_sign_convention: bool
    commitment: str | None = None  # what the partner brings, for the application


@dataclass(frozen=True)
class Theme:
    id: str
    label: str


@dataclass(frozen=True)
class SdgTarget:
    code: str  # "6.1"
    goal: str  # "ODD 6 : Eau propre et assainissement"
    text: str


@dataclass(frozen=True)
class FinancingLine:
    source: str  # own_cash | own_in_kind | partner | one_percent | program | other
    nature: str  # "Apport en numéraire", "1 % eau et assainissement", ...
    funder: str  # who pays: "Commune de Gaillac", "MEAE – DCTCIV (ex-DAECT)", ...
    detail: str | None  # programme name, service budget
    amount: Money
    share: str | None  # of the total budget: "42,5 %"
    service: str | None = None  # one_percent only
    legal_key: str | None = None  # key in coopdec.documents.legal.REFERENCES
    year: int | None = None  # budget year (the 1 % caps are annual)


@dataclass(frozen=True)
class Instruments:
    convention_signed: bool
    convention_signed_on: FrenchDate | None
    convention_transmitted: bool
    deliberation_adopted: bool
    deliberation_adopted_on: FrenchDate | None
    twinning: bool
    charter: bool


@dataclass(frozen=True)
class LogframeRow:
    """A row of the logical framework, each cell a text ("" when not given)."""

    result: str
    indicator: str
    baseline: str
    target: str
    source: str


@dataclass(frozen=True)
class BudgetCell:
    """An amount of the budget by expense category and by year."""

    category: str  # its label
    year: int | None
    amount: Money


@dataclass(frozen=True)
class DocumentContext:
    """Everything the four documents can show, typed and formatted."""

    today: FrenchDate
    title: str | None
    description: str | None
    objectives: tuple[str, ...]
    lead: Authority | None
    co_authorities: tuple[Authority, ...]
    partners: tuple[Partner, ...]
    themes: tuple[Theme, ...]
    sdg_targets: tuple[SdgTarget, ...]
    start: FrenchDate | None
    end: FrenchDate | None
    duration: str | None  # "36 mois (3 ans)"
    currency: str
    budget_total: Money | None
    monitoring_evaluation: Money | None
    monitoring_share: str | None
    financing: tuple[FinancingLine, ...]
    financing_total: Money | None
    own_contribution: Money | None  # own cash + in kind + 1 % lines
    own_share: str | None
    financing_gap: Money | None  # budget minus financing, when they differ
    instruments: Instruments
    problems: tuple[FieldError, ...]  # invalid or incomplete values met while reading
    # What the ministry's application form asks beyond the facts above.
    context_text: str | None = None
    expected_results: tuple[str, ...] = ()
    logframe: tuple[LogframeRow, ...] = ()
    budget_lines: tuple[BudgetCell, ...] = ()

    @property
    def authorities(self) -> tuple[Authority, ...]:
        """The French authorities, lead first."""
        return ((self.lead,) if self.lead else ()) + self.co_authorities

    @property
    def one_percent_lines(self) -> tuple[FinancingLine, ...]:
        return tuple(line for line in self.financing if line.source == "one_percent")

    @property
    def program_lines(self) -> tuple[FinancingLine, ...]:
        return tuple(line for line in self.financing if line.source == "program")
