"""Reading real IATI files and refusing what cannot be read, with precise French errors."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from coopdec.formats import iati
from coopdec.formats.iati.xmlsafe import secure_iterparse


def test_acfspain_mali_is_read_with_its_real_counts(samples: Path) -> None:
    [activity] = iati.iter_activities(samples / "acfspain" / "acfspain-ml.xml")
    assert activity.iati_identifier == "ES-CIF-G81164105-R2G-ACF-Mali"
    assert activity.reporting_org.ref == "ES-CIF-G81164105"
    assert activity.reporting_org.type == "21"
    assert iati.narrative_text(activity.title, "en") == "R2G ACF Mali"
    assert activity.default_currency == "EUR"
    assert activity.activity_status == "2"
    assert [c.code for c in activity.recipient_countries] == ["ML"]
    assert activity.dac_sectors() == ("12240", "15110", "15150", "14030")
    assert len(activity.transactions) == 6
    assert len(activity.budgets) == 4
    assert activity.budgets[0].value.value == Decimal("471653.46")  # padded " 471653.46 "
    assert activity.dates_by_type() == {"2": date(2021, 1, 1), "3": date(2025, 12, 31)}
    assert [p.role for p in activity.participating_orgs] == ["4", "2", "1"]
    # A narrative without xml:lang takes the activity's default language.
    assert {n.lang for n in activity.reporting_org.narratives} == {"en", "es"}


@pytest.mark.parametrize(
    ("relative", "identifier", "transactions", "budgets"),
    [
        ("acfspain/acfspain-bf.xml", "ES-CIF-G81164105-R2G-ACF-BurkinaFaso", 7, 3),
        ("acfspain/acfspain-fr.xml", "ES-CIF-G81164105-R2G-ACF-France-HQ", 12, 3),
        ("acfspain/acfspain-ne.xml", "ES-CIF-G81164105-NEF5AB", 0, 1),  # version 2.02
        ("acfspain/acfspain-sn.xml", "ES-CIF-G81164105-SNF1AE", 0, 3),  # version 2.02
        ("iati-flattener-fixtures/fcdo-activity.xml", "GB-1-103662-101", 14, 4),
        ("iati-flattener-fixtures/usaid-activity.xml", "US-GOV-1-AID-EPP-A-00-09-00001", 152, 0),
        (
            "reference_examples/activity-standard-example-annotated.xml",
            "AA-AAA-123456789-ABC123",
            1,
            1,
        ),
    ],
)
def test_valid_samples_read(
    samples: Path, relative: str, identifier: str, transactions: int, budgets: int
) -> None:
    [activity] = iati.iter_activities(samples / relative)
    assert activity.iati_identifier == identifier
    assert len(activity.transactions) == transactions
    assert len(activity.budgets) == budgets


def test_reference_example_uses_every_element_we_model(samples: Path) -> None:
    path = samples / "reference_examples" / "activity-standard-example-annotated.xml"
    [a] = iati.iter_activities(path)
    assert a.contacts and a.contacts[0].emails
    assert a.locations and a.locations[0].point is not None
    assert a.recipient_regions and a.tags and a.document_links
    assert a.transactions[0].provider is not None and a.transactions[0].receiver is not None


def test_datastore_fragments_take_the_version_of_each_activity(samples: Path) -> None:
    # No root version, but iati-extra:version="2.03" on the activity (codeforIATI datastore).
    [activity] = iati.iter_activities(samples / "iati-flattener-fixtures" / "ifad-activity.xml")
    assert activity.iati_identifier == "XM-DAC-41108-1100001761"
    assert len(activity.transactions) == 64


def test_organisation_file_is_read(samples: Path) -> None:
    path = samples / "reference_examples" / "organisation-standard-example-annotated.xml"
    [org] = iati.iter_organisations(path)
    assert org.organisation_identifier == "AA-AAA-123456789"
    assert iati.narrative_text(org.name, "fr") == "Nom de l'organisme"
    assert org.total_budgets[0].value.value == Decimal(250000000)
    assert org.recipient_country_budgets[0].recipient_country == "AF"


def test_document_link_without_url_is_an_error_with_its_line(samples: Path) -> None:
    path = samples / "iati-flattener-fixtures" / "unops-at-activity.xml"
    with pytest.raises(iati.IatiError) as caught:
        list(iati.iter_activities(path))
    assert (caught.value.line, caught.value.element) == (73, "document-link")
    assert "« url »" in caught.value.reason
    assert str(path) in str(caught.value)


def _activities(version: str, body: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?>\n<iati-activities version="{version}">\n'
        f"<iati-activity><iati-identifier>X-1</iati-identifier>{body}</iati-activity>\n"
        "</iati-activities>\n"
    ).encode()


def test_version_1_is_refused_naming_it() -> None:
    with pytest.raises(iati.IatiVersionError) as caught:
        list(iati.iter_activities(io.BytesIO(_activities("1.05"))))
    assert "1.05" in caught.value.reason
    assert "2.01 à 2.03" in caught.value.reason
    assert caught.value.line == 2


@pytest.mark.parametrize("version", ["2.01", "2.02", "2.03"])
def test_versions_2_0x_are_accepted(version: str) -> None:
    [activity] = iati.iter_activities(io.BytesIO(_activities(version)))
    assert activity.iati_identifier == "X-1"


def test_missing_version_is_refused_unless_a_default_is_given() -> None:
    data = (
        b"<iati-activities><iati-activity><iati-identifier>X</iati-identifier>"
        b"</iati-activity></iati-activities>"
    )
    with pytest.raises(iati.IatiVersionError, match="version IATI absente"):
        list(iati.iter_activities(io.BytesIO(data)))
    assert len(list(iati.iter_activities(io.BytesIO(data), default_version="2.03"))) == 1


def test_truncated_file_gives_a_clear_error_with_its_line(samples: Path) -> None:
    data = (samples / "acfspain" / "acfspain-ml.xml").read_bytes()
    cut = data[: len(data) // 2]
    stream = io.BytesIO(cut)
    stream.name = "tronque.xml"
    with pytest.raises(iati.IatiError) as caught:
        list(iati.iter_activities(stream))
    assert caught.value.file == "tronque.xml"
    assert caught.value.line is not None and caught.value.line >= cut.count(b"\n") - 1
    assert "tronqué" in caught.value.reason


def test_wrong_root_element_is_refused() -> None:
    with pytest.raises(iati.IatiError, match="<iati-activities> attendu"):
        list(iati.iter_activities(io.BytesIO(b'<iati-organisations version="2.03"/>')))


def test_invalid_date_names_line_and_element() -> None:
    body = '<activity-date type="1" iso-date="2023-13-45"/>'
    with pytest.raises(iati.IatiError) as caught:
        list(iati.iter_activities(io.BytesIO(_activities("2.03", body))))
    assert caught.value.element == "activity-date"
    assert caught.value.line == 3
    assert "2023-13-45" in caught.value.reason


def test_text_nodes_are_bounded() -> None:
    body = "<title><narrative>" + "x" * 5000 + "</narrative></title>"
    data = _activities("2.03", body)
    with pytest.raises(iati.IatiSecurityError, match="limite de 1000"):
        list(iati.iter_activities(io.BytesIO(data), max_text_length=1000))
    assert len(list(iati.iter_activities(io.BytesIO(data)))) == 1


def test_many_short_texts_over_the_bound_together_are_accepted() -> None:
    # The bound is per text node: the subtree's total only decides whether to look closer.
    body = "<title><narrative>" + "y" * 600 + "</narrative></title>"
    body += "".join(
        f'<description type="{n}"><narrative>{"z" * 600}</narrative></description>'
        for n in (1, 2, 3)
    )
    [activity] = iati.iter_activities(io.BytesIO(_activities("2.03", body)), max_text_length=1000)
    assert [len(d.narratives[0].text) for d in activity.descriptions] == [600, 600, 600]


def test_indentation_is_dropped_but_an_element_s_own_blank_text_is_kept() -> None:
    body = "\n  <title>\n    <narrative>  </narrative>\n  </title>\n"
    events = secure_iterparse(
        io.BytesIO(_activities("2.03", body)),
        file_name="f.xml",
        tags=("iati-activities", "iati-activity"),
    )
    activity = next(element for event, element in events if event == "end")
    title = activity.find("title")
    assert (activity.text, title.text, title.tail) == (None, None, None)
    assert title.find("narrative").text == "  "


def test_empty_file_is_an_error() -> None:
    with pytest.raises(iati.IatiError):
        list(iati.iter_activities(io.BytesIO(b"")))
