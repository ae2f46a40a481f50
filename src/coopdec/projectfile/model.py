"""The project file, typed: one immutable model every interface and every engine shares.

Every field is optional except the format version: the rules engine answers ``unknown``
and names the missing field rather than guessing, so ``None`` always means "not supplied".
The vocabularies (``AUTHORITY_KINDS``...) and the size caps (``MAX_ITEMS``) are declared
here once; the parser, the JSON Schema, the web forms and the documents read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

FORMAT_VERSION = 1

AUTHORITY_KINDS = (
    "commune",
    "epci",
    "departement",
    "region",
    "collectivite_particuliere",
    "syndicat",
)
PARTNER_KINDS = ("local_authority", "federated_entity", "state", "grouping", "ngo", "other")
FINANCING_SOURCES = ("own_cash", "own_in_kind", "partner", "one_percent", "program", "other")
ONE_PERCENT_SERVICES = ("eau_assainissement", "energie", "dechets", "mobilite")
# The bodies of L1115-4 (a foreign-law entity), L1115-4-1 (GLCT) and L1115-4-2 (GECT).
FOREIGN_BODY_KINDS = ("foreign_entity", "glct", "gect")
STATE_EXCEPTION_CASES = (
    "law",
    "gect",
    "gec",
    "glct",
    "international_agreement",
    "regional_programme",
    "other_grouping",
)
# The most items a list of the file may hold, whichever interface sends it (API, CLI, web
# form). A real project has a handful of partners and financing lines; the cap keeps one
# request from making the rules, the finder and the documents work for minutes.
MAX_ITEMS = 30
MAX_OBJECTIVES = 30
# The expense categories of a budget by category and year: those of the ministry's application
# form (annexe budgétaire des appels à projets de la DCTCIV), in its order.
EXPENSE_CATEGORIES = (
    "personnel",
    "missions",
    "equipement",
    "travaux",
    "formation",
    "prestations",
    "communication",
    "suivi_evaluation",
    "fonctionnement",
    "autre",
)
# An amount written as text: digits, one optional decimal point, and the spaces (plain or
# narrow no-break) people group thousands with ("12 000.50"). No sign, no exponent ("1e5"):
# the schema publishes this pattern and the parser accepts exactly the strings it matches.
MONEY_TEXT_PATTERN = "^[ \u202f]*[0-9][0-9 \u202f]*([.][ \u202f]*[0-9][0-9 \u202f]*)?$"
# The deepest nesting a decoded file may have. The format itself is 4 levels deep
# (instruments.convention.signed); the margin keeps the message about the real problem.
MAX_DEPTH = 20

THEMES = (
    "eau_assainissement",
    "dechets",
    "energie_climat",
    "mobilite_transport",
    "agriculture_alimentation",
    "sante",
    "education_formation",
    "culture_patrimoine",
    "gouvernance_locale",
    "developpement_economique",
    "tourisme",
    "jeunesse",
    "environnement_biodiversite",
    "sport",
    "urbanisme_habitat",
    "egalite_genre",
    "numerique",
    "migrations_diaspora",
    "francophonie",
    "echanges_scolaires",
    "aide_humanitaire_urgence",
    "finances_locales",
)


@dataclass(frozen=True)
class AuthorityRef:
    """A French local authority, identified by its official code."""

    kind: str | None = None
    code: str | None = None
    name: str | None = None
    # False when the authority only funds the project (not eligible to MEAE calls or FICOL).
    project_owner: bool | None = None


@dataclass(frozen=True)
class Partner:
    """A foreign partner; ``area`` is the sub-national territory, used for restrictions."""

    name: str | None = None
    country: str | None = None
    kind: str | None = None
    area: str | None = None
    # What the partner commits to bring (staff, premises, co-financing): the application asks.
    commitment: str | None = None


@dataclass(frozen=True)
class Convention:
    signed: bool | None = None
    signed_on: date | None = None
    transmitted_to_prefect: bool | None = None
    states_purpose: bool | None = None
    states_financial_commitment: bool | None = None


@dataclass(frozen=True)
class Deliberation:
    adopted: bool | None = None
    adopted_on: date | None = None
    transmitted_to_prefect: bool | None = None


@dataclass(frozen=True)
class StateConventionException:
    """The L1115-5 case relied on when a foreign State signs the convention."""

    case: str | None = None
    prefect_authorised: bool | None = None


@dataclass(frozen=True)
class ForeignBody:
    """Joining or creating a body with foreign authorities (L1115-4, L1115-4-1, L1115-4-2)."""

    kind: str | None = None
    prefect_order: bool | None = None
    # L1115-4: the French authorities together may not hold more than half of it.
    french_majority: bool | None = None


@dataclass(frozen=True)
class Instruments:
    convention: Convention | None = None
    deliberation: Deliberation | None = None
    twinning: bool | None = None
    charter: bool | None = None
    state_convention_exception: StateConventionException | None = None
    foreign_body: ForeignBody | None = None


@dataclass(frozen=True)
class BudgetLine:
    """One cell of the budget by expense category and by year."""

    category: str | None = None
    year: int | None = None
    amount: Decimal | None = None


@dataclass(frozen=True)
class Budget:
    currency: str | None = None
    total: Decimal | None = None
    monitoring_evaluation: Decimal | None = None
    lines: tuple[BudgetLine, ...] = ()


@dataclass(frozen=True)
class Indicator:
    """One row of the logical framework: a result, how it is measured, from where to where."""

    result: str | None = None
    indicator: str | None = None
    baseline: str | None = None
    target: str | None = None
    source: str | None = None  # source of verification


@dataclass(frozen=True)
class FinancingLine:
    """One source of the financing plan; which extra field is set depends on ``source``."""

    source: str | None = None
    amount: Decimal | None = None
    service: str | None = None
    program: str | None = None
    name: str | None = None
    # The budget year the line is spent in: the 1 % caps are annual (L1115-1-1, -2, -3).
    year: int | None = None


@dataclass(frozen=True)
class ServiceBudgets:
    """Resources of the service budgets (the base of the 1 % caps)."""

    eau_assainissement: Decimal | None = None
    energie: Decimal | None = None
    dechets: Decimal | None = None
    mobilite: Decimal | None = None
    # Part of ``mobilite`` that is versement mobilité: L1115-3 excludes it from the base.
    versement_mobilite: Decimal | None = None

    def get(self, service: str) -> Decimal | None:
        """The resources of one service budget (``None``: not supplied)."""
        value: Decimal | None = getattr(self, service, None)
        return value


@dataclass(frozen=True)
class Prerequisites:
    apd_declared_previous_year: bool | None = None
    atlas_up_to_date: bool | None = None
    previous_reports_submitted: bool | None = None
    # First international action: nothing to declare last year, nothing in the Atlas yet.
    first_action: bool | None = None


@dataclass(frozen=True)
class ProjectFile:
    """A project file, parsed. Build one with :func:`coopdec.projectfile.parse_project`."""

    coopdec_project: int = FORMAT_VERSION
    title: str | None = None
    # Free text the documents print (the rules do not read it).
    description: str | None = None
    context: str | None = None  # the situation the project answers (the application's narrative)
    objectives: tuple[str, ...] = ()
    expected_results: tuple[str, ...] = ()
    logframe: tuple[Indicator, ...] = ()
    lead_authority: AuthorityRef | None = None
    co_authorities: tuple[AuthorityRef, ...] = ()
    partners: tuple[Partner, ...] = ()
    themes: tuple[str, ...] = ()
    sdg_targets: tuple[str, ...] = ()
    start_date: date | None = None
    end_date: date | None = None
    instruments: Instruments | None = None
    budget: Budget | None = None
    financing: tuple[FinancingLine, ...] = ()
    service_budgets: ServiceBudgets | None = None
    prerequisites: Prerequisites | None = None

    def foreign_partners(self) -> tuple[Partner, ...]:
        """The partners outside France."""
        return tuple(p for p in self.partners if p.country != "FR")

    def lines(self, source: str) -> tuple[FinancingLine, ...]:
        """The financing lines of one ``source``."""
        return tuple(line for line in self.financing if line.source == source)
