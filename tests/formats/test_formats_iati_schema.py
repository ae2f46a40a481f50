"""XSD validation against the shipped IATI 2.03 schema, offline, with precise locations."""

from __future__ import annotations

import io
import socket
from collections import Counter
from pathlib import Path

import pytest

from coopdec.formats import iati
from coopdec.formats.iati.schema import load_schema

VALID = [
    "acfspain/acfspain-bf.xml",
    "acfspain/acfspain-fr.xml",
    "acfspain/acfspain-ml.xml",
    "acfspain/acfspain-ne.xml",
    "acfspain/acfspain-sn.xml",
    "iati-flattener-fixtures/fcdo-activity.xml",
    "iati-flattener-fixtures/usaid-activity.xml",
    "reference_examples/activity-standard-example-annotated.xml",
]


def test_schema_loads_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    load_schema.cache_clear()
    assert load_schema("iati-activities-schema.xsd") is load_schema("iati-activities-schema.xsd")


@pytest.mark.parametrize("relative", VALID)
def test_valid_samples_have_no_issue(samples: Path, relative: str) -> None:
    assert iati.validate_activities(samples / relative) == []


def test_organisation_example_is_valid(samples: Path) -> None:
    path = samples / "reference_examples" / "organisation-standard-example-annotated.xml"
    assert iati.validate_organisations(path) == []


def test_canada_points_without_pos_are_reported(samples: Path) -> None:
    issues = iati.validate_activities(samples / "iati-flattener-fixtures" / "canada-activity.xml")
    assert len(issues) == 7
    assert {(i.element, i.line, i.rule) for i in issues} == {
        ("point", 2, "SCHEMAV_ELEMENT_CONTENT")
    }
    assert issues[0].path == "/iati-activities/iati-activity[1]/location[1]/point"
    assert "pos" in issues[0].message
    assert "ligne 2, élément <point>" in issues[0].describe()


def test_unops_document_links_without_url_are_reported(samples: Path) -> None:
    path = samples / "iati-flattener-fixtures" / "unops-at-activity.xml"
    issues = iati.validate_activities(path)
    assert len(issues) == 9
    assert {i.element for i in issues} == {"document-link"}
    assert issues[0].line == 73
    assert Counter("'url'" in i.message for i in issues)[True] == 3
    # Activities keep their position in the file.
    assert {i.path.split("/")[2] for i in issues} >= {"iati-activity[1]"}


@pytest.mark.parametrize("name", ["ec-intpa-activity.xml", "ifad-activity.xml"])
def test_fragments_without_version_give_one_root_issue(samples: Path, name: str) -> None:
    [issue] = iati.validate_activities(samples / "iati-flattener-fixtures" / name)
    assert issue.element == "iati-activities"
    assert issue.line == 1
    assert "version" in issue.message


def test_root_issue_is_reported_once_for_many_activities() -> None:
    record = "<iati-activity><iati-identifier>A</iati-identifier></iati-activity>"
    data = f"<iati-activities>{record * 3}</iati-activities>".encode()
    issues = iati.validate_activities(io.BytesIO(data))
    assert sum(i.element == "iati-activities" for i in issues) == 1
    # Each activity misses reporting-org: one issue per activity, each with its index.
    assert [i.path for i in issues if i.element == "iati-activity"] == [
        f"/iati-activities/iati-activity[{n}]" for n in (1, 2, 3)
    ]


def test_file_without_activity_is_reported() -> None:
    [issue] = iati.validate_activities(io.BytesIO(b'<iati-activities version="2.03"/>'))
    assert "aucun élément <iati-activity>" in issue.message


def test_malformed_file_raises_instead_of_reporting() -> None:
    with pytest.raises(iati.IatiError, match="ligne 1"):
        iati.validate_activities(io.BytesIO(b'<iati-activities version="2.03"><iati-activity>'))
