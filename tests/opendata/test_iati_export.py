"""Catalogue projects, project files and authorities as IATI 2.03 files, valid against the XSD."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from coopdec.assistant import load_project_file
from coopdec.catalogue.identifiers import organisation_ref
from coopdec.catalogue.imports.iati.importer import import_iati
from coopdec.catalogue.models import Project
from coopdec.formats import iati
from coopdec.opendata.iati_export import (
    export_activities,
    export_organisation,
    export_project_files,
)
from coopdec.opendata.selection import Selection
from tests.opendata.helpers import EXAMPLES, VALID_SAMPLES, french

pytestmark = pytest.mark.django_db
TODAY = date(2025, 1, 15)
GENERATED = datetime(2025, 1, 15, 12, tzinfo=UTC)


def _export(selection: Selection | None = None, **options: Any) -> tuple[bytes, Any]:
    out = io.BytesIO()
    report = export_activities(out, selection, today=TODAY, generated=GENERATED, **options)
    return out.getvalue(), report


def _activities(data: bytes) -> dict[str, iati.Activity]:
    return {a.iati_identifier: a for a in iati.iter_activities(io.BytesIO(data))}


def test_catalogue_projects_are_valid_iati_activities(catalogue: dict[str, Any]) -> None:
    data, report = _export()
    assert iati.validate_activities(io.BytesIO(data)) == []
    activities = _activities(data)
    bretagne = organisation_ref(catalogue["bretagne"])
    assert bretagne == "FR-COG-REG-53"
    water = activities[f"{bretagne}-TEST-1"]
    # Reporting org: the first French authority by name (Bretagne), Local Government.
    assert (water.reporting_org.ref, water.reporting_org.type) == (bretagne, "11")
    assert iati.narrative_text(water.title, "fr") == "Eau potable à Ziguinchor"
    assert iati.narrative_text(water.title, "en") == "Drinking water in Ziguinchor"
    # Partners: the French authorities fund (1), the partner's authority implements (4).
    roles = [(p.role, iati.narrative_text(p.narratives)) for p in water.participating_orgs]
    assert roles == [("1", "Bretagne"), ("1", "Rennes"), ("4", "Commune de Ziguinchor")]
    assert water.participating_orgs[1].ref == "FR-RCS-213502388"  # Rennes' SIREN
    assert [c.code for c in water.recipient_countries] == ["SN"]
    # No DAC sector of its own: the themes' default sectors, 50 % each, vocabulary 1.
    assert [(s.code, s.vocabulary, s.percentage) for s in water.sectors] == [
        ("14030", "1", Decimal("50.00")),
        ("15112", "1", Decimal("50.00")),
    ]
    assert water.sdg_goals() == ("6", "11") and water.sdg_targets() == ("6.1", "11.3")
    assert water.activity_status == "2"
    assert water.dates_by_type() == {"2": date(2023, 3, 1), "3": date(2025, 6, 30)}
    assert [b.period_start.year for b in water.budgets] == [2023, 2024, 2025]
    assert sum(b.value.value for b in water.budgets) == Decimal("150000.00")
    assert water.contacts and water.default_currency == "EUR"
    school = activities[f"{bretagne}-TEST-2"]
    assert school.activity_status == "1" and school.dates_by_type() == {"1": date(2026, 1, 1)}
    assert [s.code for s in school.sectors] == ["11120", "11220"]
    assert [c.code for c in school.recipient_countries] == ["BF"]
    # The undated project cannot be written: it is reported, not silently dropped.
    skipped = {s["project"]: s["reason"] for s in report.skipped_examples}
    assert "date" in skipped["TEST-3"]
    assert "TEST-1" not in skipped and "TEST-2" not in skipped
    assert report.written + report.skipped == Project.objects.count()


def test_an_authority_file_reports_as_that_authority(catalogue: dict[str, Any]) -> None:
    rennes = catalogue["rennes"]
    data, _report = _export(Selection(authority=rennes), org_ref="FR-RCS-213502388")
    activities = _activities(data)
    assert list(activities) == ["FR-RCS-213502388-TEST-1"]
    assert activities["FR-RCS-213502388-TEST-1"].reporting_org.narratives[0].text == "Rennes"
    assert iati.validate_activities(io.BytesIO(data)) == []


def test_an_authority_file_leaves_out_other_publishers_activities(
    samples: Path, catalogue: dict[str, Any]
) -> None:
    import_iati(samples / "acfspain" / "acfspain-fr.xml")
    imported = Project.objects.get(iati_identifier="ES-CIF-G81164105-R2G-ACF-France-HQ")
    imported.french_authorities.add(catalogue["bretagne"])
    data, report = _export(Selection(authority=catalogue["bretagne"]))
    assert "ES-CIF-G81164105-R2G-ACF-France-HQ" not in _activities(data)
    reasons = [s["reason"] for s in report.skipped_examples]
    assert any("autre éditeur (ES-CIF-G81164105)" in r for r in reasons)


@pytest.mark.parametrize("relative", VALID_SAMPLES)
def test_imported_samples_come_back_out_valid(samples: Path, relative: str) -> None:
    [activity] = iati.iter_activities(samples / relative)
    import_iati(samples / relative)
    data, _report = _export()
    assert iati.validate_activities(io.BytesIO(data)) == []
    out = _activities(data)[activity.iati_identifier]
    assert out.reporting_org.ref == activity.reporting_org.ref
    assert {c.code for c in out.recipient_countries} == {
        c.code for c in activity.recipient_countries
    }
    assert out.title == tuple(
        sorted(out.title, key=lambda n: (n.lang != out.language, n.lang or ""))
    )


def test_organisation_file_of_an_authority_is_valid(db: Any) -> None:
    out = io.BytesIO()
    ref = export_organisation(out, french("epci", "200046977"), generated=GENERATED)
    assert ref == "FR-RCS-200046977"
    assert iati.validate_organisations(io.BytesIO(out.getvalue())) == []
    [organisation] = iati.iter_organisations(io.BytesIO(out.getvalue()))
    assert organisation.reporting_org.type == "11"
    assert iati.narrative_text(organisation.name) == "Métropole de Lyon"


def test_project_files_are_valid_activities_with_their_financing(db: Any) -> None:
    files = [(p.name, load_project_file(p)) for p in sorted(EXAMPLES.glob("*.yaml"))]
    files += [(p.name, load_project_file(p)) for p in sorted(EXAMPLES.glob("albigeois*.json"))]
    out = io.BytesIO()
    report = export_project_files(files, out, today=TODAY, generated=GENERATED)
    assert report.written == 2 and report.skipped == 0
    assert iati.validate_activities(io.BytesIO(out.getvalue())) == []
    activities = list(iati.iter_activities(io.BytesIO(out.getvalue())))
    carmaux = next(a for a in activities if "Koudougou" in iati.narrative_text(a.title))
    assert carmaux.iati_identifier.startswith("FR-RCS-218100600-acces-a-l-eau-potable")
    assert carmaux.reporting_org.ref == "FR-RCS-218100600"  # Carmaux's SIREN in the COG
    assert carmaux.activity_status == "1"  # starts on 2025-09-01, after TODAY
    assert [c.code for c in carmaux.recipient_countries] == ["BF"]
    assert sorted(carmaux.sdg_targets()) == ["11.3", "6.1", "6.b"]
    money = {(t.type, t.value.value) for t in carmaux.transactions}
    # own cash and 1 % are outgoing commitments; the partner's and the ministry's incoming.
    assert money == {
        ("2", Decimal(25000)),
        ("2", Decimal(12000)),
        ("11", Decimal(5000)),
        ("11", Decimal(50000)),
    }
    assert sum(b.value.value for b in carmaux.budgets) == Decimal(100000)
