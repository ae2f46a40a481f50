"""Plain, version-independent data for IATI activities and organisation files.

The dataclasses are frozen and use tuples so that a parsed activity can be hashed, compared
and shared between threads. They hold what coopdec needs from an activity, not the whole
standard: results, policy markers, conditions and the like are skipped by the reader.

Conventions:
- money is ``Decimal``; dates are ``datetime.date``; timestamps are timezone-aware when the
  source says so;
- a narrative's ``lang`` is resolved on reading (its own ``xml:lang``, else the activity's
  default language), so a narrative never depends on the element that contained it;
- vocabularies that IATI defaults when absent (sector and region vocabulary "1") are stored
  explicitly, so that two equivalent files give equal objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

SDG_GOAL_TAG_VOCABULARY = "2"
SDG_TARGET_TAG_VOCABULARY = "3"
SDG_GOAL_SECTOR_VOCABULARY = "7"
SDG_TARGET_SECTOR_VOCABULARY = "8"
DAC_SECTOR_VOCABULARY = "1"


@dataclass(frozen=True, slots=True)
class Narrative:
    """A human-readable text in one language (``lang`` is an ISO 639-1 code or None)."""

    text: str
    lang: str | None = None


Narratives = tuple[Narrative, ...]


def narrative_text(narratives: Iterable[Narrative], lang: str = "fr") -> str | None:
    """The text in ``lang``, else the first text, else None."""
    items = tuple(narratives)
    for item in items:
        if item.lang == lang:
            return item.text
    return items[0].text if items else None


@dataclass(frozen=True, slots=True)
class OrganisationRef:
    """An organisation as cited by an activity (reporting-org, participating-org, ...)."""

    ref: str | None = None
    type: str | None = None
    narratives: Narratives = ()


@dataclass(frozen=True, slots=True)
class ParticipatingOrg:
    role: str
    ref: str | None = None
    type: str | None = None
    activity_id: str | None = None
    narratives: Narratives = ()


@dataclass(frozen=True, slots=True)
class Description:
    narratives: Narratives
    type: str | None = None


@dataclass(frozen=True, slots=True)
class ActivityDate:
    type: str
    iso_date: date


@dataclass(frozen=True, slots=True)
class ContactInfo:
    type: str | None = None
    organisation: Narratives = ()
    department: Narratives = ()
    person_name: Narratives = ()
    job_title: Narratives = ()
    telephones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    mailing_address: Narratives = ()


@dataclass(frozen=True, slots=True)
class RecipientCountry:
    code: str
    percentage: Decimal | None = None


@dataclass(frozen=True, slots=True)
class RecipientRegion:
    code: str
    vocabulary: str = "1"
    percentage: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Point:
    """WGS 84 coordinates (IATI ``pos`` is "latitude longitude")."""

    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True, slots=True)
class Location:
    ref: str | None = None
    name: Narratives = ()
    description: Narratives = ()
    point: Point | None = None


@dataclass(frozen=True, slots=True)
class Sector:
    code: str
    vocabulary: str = DAC_SECTOR_VOCABULARY
    percentage: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Tag:
    code: str
    vocabulary: str
    narratives: Narratives = ()


@dataclass(frozen=True, slots=True)
class Money:
    value: Decimal
    value_date: date
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class Budget:
    period_start: date
    period_end: date
    value: Money
    type: str | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class TransactionOrg:
    ref: str | None = None
    type: str | None = None
    activity_id: str | None = None
    narratives: Narratives = ()


@dataclass(frozen=True, slots=True)
class Transaction:
    type: str
    date: date
    value: Money
    ref: str | None = None
    description: Narratives = ()
    provider: TransactionOrg | None = None
    receiver: TransactionOrg | None = None


@dataclass(frozen=True, slots=True)
class DocumentLink:
    url: str
    format: str
    title: Narratives
    categories: tuple[str, ...]
    languages: tuple[str, ...] = ()
    document_date: date | None = None


@dataclass(frozen=True, slots=True)
class Activity:
    """One ``iati-activity`` record."""

    iati_identifier: str
    reporting_org: OrganisationRef
    title: Narratives
    descriptions: tuple[Description, ...] = ()
    participating_orgs: tuple[ParticipatingOrg, ...] = ()
    activity_status: str | None = None
    activity_dates: tuple[ActivityDate, ...] = ()
    contacts: tuple[ContactInfo, ...] = ()
    recipient_countries: tuple[RecipientCountry, ...] = ()
    recipient_regions: tuple[RecipientRegion, ...] = ()
    locations: tuple[Location, ...] = ()
    sectors: tuple[Sector, ...] = ()
    tags: tuple[Tag, ...] = ()
    budgets: tuple[Budget, ...] = ()
    transactions: tuple[Transaction, ...] = ()
    document_links: tuple[DocumentLink, ...] = ()
    default_currency: str | None = None
    language: str | None = None
    last_updated: datetime | None = None

    def dates_by_type(self) -> dict[str, date]:
        """Activity dates keyed by ActivityDateType code (1 planned start ... 4 actual end)."""
        return {item.type: item.iso_date for item in self.activity_dates}

    def dac_sectors(self) -> tuple[str, ...]:
        return self._sector_codes(DAC_SECTOR_VOCABULARY)

    def sdg_goals(self) -> tuple[str, ...]:
        """SDG goals declared either as tags (vocabulary 2) or sectors (vocabulary 7)."""
        return _unique(
            self._tag_codes(SDG_GOAL_TAG_VOCABULARY)
            + self._sector_codes(SDG_GOAL_SECTOR_VOCABULARY)
        )

    def sdg_targets(self) -> tuple[str, ...]:
        """SDG targets declared either as tags (vocabulary 3) or sectors (vocabulary 8)."""
        return _unique(
            self._tag_codes(SDG_TARGET_TAG_VOCABULARY)
            + self._sector_codes(SDG_TARGET_SECTOR_VOCABULARY)
        )

    def _sector_codes(self, vocabulary: str) -> tuple[str, ...]:
        return tuple(s.code for s in self.sectors if s.vocabulary == vocabulary)

    def _tag_codes(self, vocabulary: str) -> tuple[str, ...]:
        return tuple(t.code for t in self.tags if t.vocabulary == vocabulary)


def _unique(codes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(codes))


@dataclass(frozen=True, slots=True)
class OrganisationBudget:
    """A total budget, or with ``recipient_country`` set, a recipient-country budget."""

    period_start: date
    period_end: date
    value: Money
    status: str | None = None
    recipient_country: str | None = None


@dataclass(frozen=True, slots=True)
class Organisation:
    """One ``iati-organisation`` record (an organisation file describes its publisher)."""

    organisation_identifier: str
    name: Narratives
    reporting_org: OrganisationRef
    total_budgets: tuple[OrganisationBudget, ...] = ()
    recipient_country_budgets: tuple[OrganisationBudget, ...] = ()
    document_links: tuple[DocumentLink, ...] = ()
    default_currency: str | None = None
    language: str | None = None
    last_updated: datetime | None = None
