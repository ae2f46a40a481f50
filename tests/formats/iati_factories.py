"""Builders of IATI test data shared by the interop tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from coopdec.formats import iati
from coopdec.formats.iati import model as m

GENERATED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def french_activity(number: int = 1, *, transactions: int = 2) -> m.Activity:
    """A realistic decentralised-cooperation project reported by a French région."""
    return m.Activity(
        iati_identifier=f"FR-SIRET-23350001600040-PRJ-{number:06d}",
        reporting_org=iati.local_authority(
            "FR-SIRET-23350001600040", "Région Bretagne", "Brittany Region"
        ),
        title=iati.bilingual(f"Eau potable à Tambacounda n°{number}", "Drinking water"),
        descriptions=(m.Description(narratives=iati.bilingual("Forages et comités de gestion.")),),
        participating_orgs=(
            iati.participant("1", "Région Bretagne", ref="FR-SIRET-23350001600040", org_type="11"),
            iati.participant("4", "Conseil départemental de Tambacounda", org_type="11"),
        ),
        activity_status="2",
        activity_dates=(m.ActivityDate(type="2", iso_date=date(2023, 1, 15)),),
        contacts=(
            m.ContactInfo(
                type="1",
                organisation=iati.bilingual("Région Bretagne"),
                emails=("international@example.org",),
            ),
        ),
        recipient_countries=(m.RecipientCountry(code="SN", percentage=Decimal(100)),),
        locations=(
            m.Location(
                name=iati.bilingual("Tambacounda"),
                point=m.Point(latitude=Decimal("13.77"), longitude=Decimal("-13.67")),
            ),
        ),
        sectors=iati.dac_sectors([("14030", Decimal(60)), ("14031", Decimal(40))]),
        tags=iati.sdg_tags(goals=["6"], targets=["6.1"]),
        default_currency="EUR",
        budgets=(
            m.Budget(
                period_start=date(2023, 1, 1),
                period_end=date(2023, 12, 31),
                value=m.Money(value=Decimal("120000.50"), value_date=date(2023, 1, 1)),
                type="1",
                status="2",
            ),
        ),
        transactions=tuple(
            m.Transaction(
                type="3",
                date=date(2023, 6, 1),
                value=m.Money(value=Decimal(1000 + i), value_date=date(2023, 6, 1)),
                receiver=m.TransactionOrg(narratives=iati.bilingual("Commune de Tambacounda")),
            )
            for i in range(transactions)
        ),
        document_links=(
            m.DocumentLink(
                url="https://example.org/convention.pdf",
                format="application/pdf",
                title=iati.bilingual("Convention de partenariat"),
                categories=("A01",),
                languages=("fr",),
            ),
        ),
        language="fr",
    )
