"""IATI 2.0x activity and organisation files: streaming hardened reader, writer, XSD validation,
codelists. Pure logic, no Django.

Layout: ``model`` (plain data), ``xmlsafe`` (hardened streaming parse), ``reader`` / ``writer``
(version dispatch), ``v2`` (everything specific to 2.01-2.03), ``schema`` (XSD validation),
``codelists`` and ``build`` (codes and helpers for French authorities).
"""

from __future__ import annotations

from coopdec.formats.iati.build import (
    bilingual,
    check_codes,
    dac_sectors,
    local_authority,
    participant,
    sdg_tags,
    sector_label,
)
from coopdec.formats.iati.codelists import (
    Codelist,
    CodelistItem,
    available_codelists,
    load_codelist,
)
from coopdec.formats.iati.errors import (
    IatiError,
    IatiSecurityError,
    IatiVersionError,
    ValidationIssue,
)
from coopdec.formats.iati.model import (
    Activity,
    ActivityDate,
    Budget,
    ContactInfo,
    Description,
    DocumentLink,
    Location,
    Money,
    Narrative,
    Organisation,
    OrganisationBudget,
    OrganisationRef,
    ParticipatingOrg,
    Point,
    RecipientCountry,
    RecipientRegion,
    Sector,
    Tag,
    Transaction,
    TransactionOrg,
    narrative_text,
)
from coopdec.formats.iati.reader import iter_activities, iter_organisations
from coopdec.formats.iati.schema import validate_activities, validate_organisations
from coopdec.formats.iati.writer import write_activities, write_organisation

__all__ = [
    "Activity",
    "ActivityDate",
    "Budget",
    "Codelist",
    "CodelistItem",
    "ContactInfo",
    "Description",
    "DocumentLink",
    "IatiError",
    "IatiSecurityError",
    "IatiVersionError",
    "Location",
    "Money",
    "Narrative",
    "Organisation",
    "OrganisationBudget",
    "OrganisationRef",
    "ParticipatingOrg",
    "Point",
    "RecipientCountry",
    "RecipientRegion",
    "Sector",
    "Tag",
    "Transaction",
    "TransactionOrg",
    "ValidationIssue",
    "available_codelists",
    "bilingual",
    "check_codes",
    "dac_sectors",
    "iter_activities",
    "iter_organisations",
    "load_codelist",
    "local_authority",
    "narrative_text",
    "participant",
    "sdg_tags",
    "sector_label",
    "validate_activities",
    "validate_organisations",
    "write_activities",
    "write_organisation",
]
