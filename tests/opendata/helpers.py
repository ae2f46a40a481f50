"""Builders and readers shared by the exchange tests."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from coopdec.catalogue.models import (
    Contact,
    ForeignAuthority,
    FrenchAuthority,
    Partnership,
    Project,
)
from coopdec.reference.models import Country, DacSector, SdgTarget, Theme
from coopdec.textnorm import normalize_name

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLES = SHARED / "data" / "iati" / "samples"
VALID_SAMPLES = (
    "acfspain/acfspain-bf.xml",
    "acfspain/acfspain-fr.xml",
    "acfspain/acfspain-ml.xml",
    "acfspain/acfspain-ne.xml",
    "acfspain/acfspain-sn.xml",
    "iati-flattener-fixtures/fcdo-activity.xml",
    "iati-flattener-fixtures/usaid-activity.xml",
    "reference_examples/activity-standard-example-annotated.xml",
)
EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "coopdec" / "assistant" / "examples"


def french(kind: str, code: str) -> FrenchAuthority:
    return FrenchAuthority.objects.get(kind=kind, code=code)


def foreign(name: str, iso2: str, **extra: Any) -> ForeignAuthority:
    found, _created = ForeignAuthority.objects.get_or_create(
        country=Country.objects.get(iso2=iso2),
        search_name=normalize_name(name),
        defaults={"name": name, **extra},
    )
    return found


def make_catalogue() -> dict[str, Any]:
    """Rennes and Bretagne with Senegal and Burkina Faso, as curators would enter them."""
    rennes, bretagne = french("commune", "35238"), french("region", "53")
    ziguinchor = foreign("Commune de Ziguinchor", "SN", latitude=12.58, longitude=-16.27)
    ouaga = foreign("Commune de Ouagadougou", "BF")
    twinning = Partnership.objects.create(
        key="TEST-P1",
        title="Rennes – Ziguinchor : jumelage",
        summary="Jumelage et échanges scolaires.",
        relation_type="jumelage",
        start_year=1998,
        status="active",
        source_url="https://example.org/rennes | https://example.org/ziguinchor",
        source_date="2024-05",
    )
    twinning.french_authorities.set([rennes])
    twinning.foreign_authorities.set([ziguinchor])
    twinning.themes.set(Theme.objects.filter(code="echanges_scolaires"))
    water = Project.objects.create(
        key="TEST-1",
        title="Eau potable à Ziguinchor",
        summary="Forages et comités de gestion de l'eau.",
        description="Trois forages et la formation de comités de gestion.",
        narratives={"en": {"title": "Drinking water in Ziguinchor"}},
        partnership=twinning,
        budget=Decimal("150000.00"),
        start_date=date(2023, 3, 1),
        end_date=date(2025, 6, 30),
        status="active",
        contact=Contact.objects.order_by("pk").first(),
        source_url="https://example.org/eau",
    )
    water.french_authorities.set([rennes, bretagne])
    water.themes.set(Theme.objects.filter(code__in=["eau_assainissement", "gouvernance_locale"]))
    water.sdg_targets.set(SdgTarget.objects.filter(code__in=["6.1", "11.3"]))
    school = Project.objects.create(
        key="TEST-2",
        title="Écoles de Ouagadougou",
        summary="Équipement de trois écoles.",
        start_date=date(2026, 1, 1),
        status="planned",
    )
    school.french_authorities.set([bretagne])
    school.foreign_authorities.set([ouaga])
    school.dac_sectors.set(DacSector.objects.filter(code__in=["11120", "11220"]))
    undated = Project.objects.create(key="TEST-3", title="Projet sans date", status="unknown")
    undated.french_authorities.set([bretagne])
    undated.countries.set(Country.objects.filter(iso2="MG"))
    return {
        "rennes": rennes,
        "bretagne": bretagne,
        "twinning": twinning,
        "water": water,
        "school": school,
        "undated": undated,
    }


def without_timestamps(xml: bytes) -> bytes:
    """The XML with its last-updated-datetime attributes removed (they record when)."""
    return re.sub(rb' last-updated-datetime="[^"]*"', b"", xml)


def stream(data: bytes, name: str = "upload.xml") -> io.BytesIO:
    out = io.BytesIO(data)
    out.name = name
    return out
