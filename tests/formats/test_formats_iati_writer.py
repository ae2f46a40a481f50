"""Writing IATI 2.03: schema-valid output, schema order, required elements, round trips."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from iati_factories import GENERATED, french_activity
from lxml import etree

from coopdec.formats import iati
from coopdec.formats.iati import model as m

ROUND_TRIP = [
    "acfspain/acfspain-bf.xml",
    "acfspain/acfspain-fr.xml",
    "acfspain/acfspain-ml.xml",
    "acfspain/acfspain-ne.xml",
    "acfspain/acfspain-sn.xml",
    "iati-flattener-fixtures/fcdo-activity.xml",
    "iati-flattener-fixtures/usaid-activity.xml",
    "iati-flattener-fixtures/canada-activity.xml",  # invalid input, valid output (no bad point)
    "iati-flattener-fixtures/ifad-activity.xml",
    "reference_examples/activity-standard-example-annotated.xml",
]


def _write(activities: list[m.Activity]) -> bytes:
    out = io.BytesIO()
    iati.write_activities(activities, out, generated_datetime=GENERATED)
    return out.getvalue()


@pytest.mark.parametrize("relative", ROUND_TRIP)
def test_samples_round_trip_to_valid_2_03(samples: Path, relative: str) -> None:
    activities = list(iati.iter_activities(samples / relative))
    data = _write(activities)
    assert iati.validate_activities(io.BytesIO(data)) == []
    assert list(iati.iter_activities(io.BytesIO(data))) == activities
    assert b'<iati-activities version="2.03"' in data


def test_acfspain_mali_keeps_its_counts_after_export(samples: Path) -> None:
    [original] = iati.iter_activities(samples / "acfspain" / "acfspain-ml.xml")
    [copy] = iati.iter_activities(io.BytesIO(_write([original])))
    assert copy.dac_sectors() == ("12240", "15110", "15150", "14030")
    assert (len(copy.transactions), len(copy.budgets)) == (6, 4)


def test_french_authority_export_is_valid_and_bilingual(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    count = iati.write_activities(
        [french_activity(1), french_activity(2)], path, generated_datetime=GENERATED
    )
    assert count == 2
    assert iati.validate_activities(path) == []
    tree = etree.parse(str(path))
    reporting = tree.find("iati-activity/reporting-org")
    assert reporting.get("type") == "11"
    langs = [n.get("{http://www.w3.org/XML/1998/namespace}lang") for n in reporting]
    assert langs == ["fr", "en"]
    first_element = tree.find("iati-activity")
    tags = [(t.get("vocabulary"), t.get("code")) for t in first_element.iterfind("tag")]
    assert tags == [("2", "6"), ("3", "6.1")]
    [first, _] = iati.iter_activities(path)
    assert first.sdg_goals() == ("6",) and first.sdg_targets() == ("6.1",)
    assert first == french_activity(1)


def test_children_follow_schema_order() -> None:
    root = etree.fromstring(_write([french_activity()]))
    tags = [child.tag for child in root.find("iati-activity")]
    expected = [
        "iati-identifier", "reporting-org", "title", "description", "participating-org",
        "activity-status", "activity-date", "contact-info", "recipient-country", "location",
        "sector", "tag", "budget", "transaction", "document-link",
    ]  # fmt: skip
    assert list(dict.fromkeys(tags)) == expected


def test_decimals_never_use_exponents() -> None:
    activity = dataclasses.replace(
        french_activity(), recipient_countries=(m.RecipientCountry("SN", Decimal("1E+2")),)
    )
    data = _write([activity])
    assert b'percentage="100"' in data
    assert iati.validate_activities(io.BytesIO(data)) == []


@pytest.mark.parametrize(
    ("change", "element"),
    [
        ({"descriptions": ()}, "description"),
        ({"participating_orgs": ()}, "participating-org"),
        ({"activity_status": None}, "activity-status"),
        ({"activity_dates": ()}, "activity-date"),
        ({"title": ()}, "title/narrative"),
        ({"reporting_org": m.OrganisationRef(ref="FR-X", type="11")}, "reporting-org"),
    ],
)
def test_missing_required_element_is_named(change: dict[str, object], element: str) -> None:
    activity = dataclasses.replace(french_activity(), **change)  # type: ignore[arg-type]
    with pytest.raises(iati.IatiError) as caught:
        _write([activity])
    assert caught.value.element == element
    assert activity.iati_identifier in caught.value.reason


def test_unsupported_version_and_naive_timestamp_are_refused() -> None:
    with pytest.raises(ValueError, match=r"2\.02"):
        iati.write_activities([], io.BytesIO(), generated_datetime=GENERATED, version="2.02")
    with pytest.raises(ValueError, match="fuseau"):
        iati.write_activities([], io.BytesIO(), generated_datetime=datetime(2025, 1, 1))


def test_organisation_file_for_a_french_authority_is_valid() -> None:
    org = m.Organisation(
        organisation_identifier="FR-SIRET-23350001600040",
        name=iati.bilingual("Région Bretagne", "Brittany Region"),
        reporting_org=iati.local_authority("FR-SIRET-23350001600040", "Région Bretagne"),
        total_budgets=(
            m.OrganisationBudget(
                period_start=GENERATED.date().replace(month=1, day=1),
                period_end=GENERATED.date().replace(month=12, day=31),
                value=m.Money(Decimal("2500000"), GENERATED.date(), "EUR"),
            ),
        ),
        recipient_country_budgets=(
            m.OrganisationBudget(
                period_start=GENERATED.date().replace(month=1, day=1),
                period_end=GENERATED.date().replace(month=12, day=31),
                value=m.Money(Decimal("300000"), GENERATED.date(), "EUR"),
                recipient_country="SN",
            ),
        ),
        default_currency="EUR",
        language="fr",
    )
    out = io.BytesIO()
    iati.write_organisation(org, out, generated_datetime=GENERATED)
    assert iati.validate_organisations(io.BytesIO(out.getvalue())) == []
    assert list(iati.iter_organisations(io.BytesIO(out.getvalue()))) == [org]


def test_organisation_example_round_trips(samples: Path) -> None:
    path = samples / "reference_examples" / "organisation-standard-example-annotated.xml"
    [org] = iati.iter_organisations(path)
    out = io.BytesIO()
    iati.write_organisation(org, out)
    assert iati.validate_organisations(io.BytesIO(out.getvalue())) == []
    assert list(iati.iter_organisations(io.BytesIO(out.getvalue()))) == [org]
