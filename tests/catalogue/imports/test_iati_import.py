"""IATI files into the catalogue: real samples, provenance, upserts, and the refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coopdec.catalogue.changes import catalogue_changed
from coopdec.catalogue.imports.iati import importer as iati_import
from coopdec.catalogue.imports.iati.importer import import_iati
from coopdec.catalogue.models import ImportBatch, Project
from coopdec.formats import iati
from tests.shared.iati_samples import VALID_SAMPLES, stream

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int]:
    return Project.objects.count(), ImportBatch.objects.count()


@pytest.mark.parametrize("relative", VALID_SAMPLES)
def test_each_valid_sample_becomes_one_project_with_its_provenance(
    samples: Path, relative: str
) -> None:
    path = samples / relative
    [activity] = iati.iter_activities(path)
    summary = import_iati(path)
    assert (summary.status, summary.read, summary.created, summary.issue_count) == (
        "imported",
        1,
        1,
        0,
    )
    project = Project.objects.get(iati_identifier=activity.iati_identifier)
    assert project.key == f"iati:{activity.iati_identifier}"
    assert project.import_batch_id == summary.batch_id
    batch = ImportBatch.objects.get(pk=summary.batch_id)
    assert (batch.kind, batch.source_name, batch.created) == ("iati", path.name, 1)
    assert len(batch.checksum) == 64
    record = project.iati_record
    assert record.publisher_ref == activity.reporting_org.ref
    assert record.publisher_type == activity.reporting_org.type
    assert sorted(project.countries.values_list("iso2", flat=True)) == sorted(
        {c.code for c in activity.recipient_countries}
    )
    known_sectors = set(project.dac_sectors.values_list("code", flat=True))
    assert known_sectors <= set(activity.dac_sectors())


def test_acf_mali_keeps_its_figures_and_every_language(samples: Path) -> None:
    summary = import_iati(samples / "acfspain" / "acfspain-ml.xml")
    assert summary.created == 1
    project = Project.objects.get(iati_identifier="ES-CIF-G81164105-R2G-ACF-Mali")
    [activity] = iati.iter_activities(samples / "acfspain" / "acfspain-ml.xml")
    assert project.budget == sum(b.value.value for b in activity.budgets)
    assert project.currency == "EUR"
    assert (project.start_date, project.end_date) == (date(2021, 1, 1), date(2025, 12, 31))
    assert project.status == "active"
    assert project.title == "R2G ACF Mali"
    assert project.iati_record.language == "en"
    assert sorted(project.dac_sectors.values_list("code", flat=True)) == sorted(
        activity.dac_sectors()
    )
    # 14030 is the water theme's default sector; 151xx falls to the first governance theme.
    assert set(project.themes.values_list("code", flat=True)) == {
        "eau_assainissement",
        "sante",
        "gouvernance_locale",
    }
    # The three participating organisations are not authorities: kept as they were.
    assert [p["role"] for p in project.other_participants] == ["4", "2", "1"]
    assert project.other_participants[0]["names"] == [
        ["en", "ACTION AGAINST HUNGER SPAIN"],
        ["es", "ACCIÓN CONTRA EL HAMBRE"],
    ]
    assert project.iati_record.publisher_names[1] == ["es", "ACCIÓN CONTRA EL HAMBRE"]
    assert project.summary.endswith("…") and len(project.summary) <= 300


def test_reference_example_keeps_french_english_and_spanish(samples: Path) -> None:
    import_iati(samples / "reference_examples" / "activity-standard-example-annotated.xml")
    project = Project.objects.get(iati_identifier="AA-AAA-123456789-ABC123")
    assert project.title == "Titre de l'activité"
    assert project.iati_record.language == "fr"
    assert project.narratives["en"]["title"] == "Activity title"
    assert project.narratives["en"]["description"].startswith("General activity description")
    assert project.narratives["es"] == {"title": "Título de la actividad"}
    assert project.description.startswith("Activité générale du texte de description")


def test_reimport_is_unchanged_and_a_changed_activity_is_updated(samples: Path) -> None:
    path = samples / "acfspain" / "acfspain-sn.xml"
    first = import_iati(path)
    again = import_iati(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    project = Project.objects.get(iati_identifier="ES-CIF-G81164105-SNF1AE")
    assert project.import_batch_id == again.batch_id != first.batch_id
    changed = path.read_bytes().replace(b'code="SN"', b'code="ML"', 1)
    assert changed != path.read_bytes()
    third = import_iati(stream(changed, "acfspain-sn-v2.xml"))
    assert (third.created, third.updated, third.unchanged) == (0, 1, 0)
    project.refresh_from_db()
    assert list(project.countries.values_list("iso2", flat=True)) == ["ML"]
    assert Project.objects.filter(iati_identifier="ES-CIF-G81164105-SNF1AE").count() == 1


def test_catalogue_changed_is_sent_once_after_the_commit(
    samples: Path, django_capture_on_commit_callbacks: Any
) -> None:
    calls: list[dict[str, Any]] = []

    def receiver(**kwargs: Any) -> None:
        calls.append(kwargs)

    catalogue_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            first = import_iati(samples / "acfspain" / "acfspain-bf.xml")
            import_iati(samples / "acfspain" / "acfspain-fr.xml")
    finally:
        catalogue_changed.disconnect(receiver)
    assert callbacks  # the receivers ran after the commits
    assert len(calls) == 2  # one per import, not one per project
    project = Project.objects.get(import_batch_id=first.batch_id)
    assert calls[0]["projects"] == {project.pk}
    assert calls[0]["full"] is False


def test_duplicate_identifiers_in_one_file_are_skipped_with_their_reason(samples: Path) -> None:
    body = (samples / "acfspain" / "acfspain-ne.xml").read_bytes()
    start = body.index(b"<iati-activity ")
    end = body.rindex(b"</iati-activities>")
    doubled = body[:end] + body[start:end] + body[end:]
    summary = import_iati(stream(doubled, "doubled.xml"))
    assert (summary.read, summary.created, summary.skipped) == (2, 1, 1)
    assert summary.skipped_reasons == {"identifiant déjà présent plus haut": 1}
    assert summary.skipped_examples[0]["identifier"] == "ES-CIF-G81164105-NEF5AB"


def test_many_batches_of_generated_activities(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(iati_import, "BATCH", 3)
    body = (samples / "acfspain" / "acfspain-sn.xml").read_bytes()
    start, end = body.index(b"<iati-activity "), body.rindex(b"</iati-activities>")
    record = body[start:end]
    copies = [
        record.replace(b"SNF1AE</iati-identifier>", f"SNF1AE-{n}</iati-identifier>".encode())
        for n in range(10)
    ]
    summary = import_iati(stream(body[:start] + b"".join(copies) + body[end:], "ten.xml"))
    assert (summary.read, summary.created) == (10, 10)
    assert (
        Project.objects.filter(iati_identifier__startswith="ES-CIF-G81164105-SNF1AE-").count() == 10
    )


# -- refusals: nothing is written ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "issues", "element", "line", "rule"),
    [
        ("canada-activity.xml", 7, "point", 2, "SCHEMAV_ELEMENT_CONTENT"),
        ("unops-at-activity.xml", 9, "document-link", 73, "SCHEMAV_CVC_COMPLEX_TYPE_4"),
        ("ec-intpa-activity.xml", 1, "iati-activities", 1, "SCHEMAV_CVC_COMPLEX_TYPE_4"),
        ("ifad-activity.xml", 1, "iati-activities", 1, "SCHEMAV_CVC_COMPLEX_TYPE_4"),
    ],
)
def test_schema_invalid_files_are_reported_precisely_and_nothing_is_written(
    samples: Path, name: str, issues: int, element: str, line: int, rule: str
) -> None:
    before = _counts()
    summary = import_iati(samples / "iati-flattener-fixtures" / name)
    assert summary.status == "refused"
    assert summary.issue_count == len(summary.issues) == issues
    first = summary.issues[0]
    assert (first.element, first.line, first.rule) == (element, line, rule)
    assert name in first.describe() and f"ligne {line}" in first.describe()
    assert _counts() == before
    # The pure validator finds the same problems at the same places.
    expected = iati.validate_activities(samples / "iati-flattener-fixtures" / name)
    assert [(i.line, i.element, i.rule, i.path) for i in summary.issues] == [
        (i.line, i.element, i.rule, i.path) for i in expected
    ]


def test_an_invalid_activity_after_valid_ones_rolls_everything_back(samples: Path) -> None:
    valid = (samples / "acfspain" / "acfspain-sn.xml").read_bytes()
    invalid = (samples / "iati-flattener-fixtures" / "canada-activity.xml").read_bytes()
    start, end = invalid.index(b"<iati-activity"), invalid.rindex(b"</iati-activities>")
    mixed = valid.replace(b"</iati-activities>", invalid[start:end] + b"</iati-activities>")
    before = _counts()
    summary = import_iati(stream(mixed, "mixed.xml"))
    assert (summary.status, summary.read, summary.issue_count) == ("refused", 2, 7)
    assert _counts() == before
    partial = import_iati(stream(mixed, "mixed.xml"), partial=True)
    assert (partial.status, partial.created, partial.skipped) == ("imported", 1, 1)
    assert partial.skipped_examples[0]["identifier"] == "/iati-activities/iati-activity[2]"


def test_dry_run_writes_nothing(samples: Path) -> None:
    before = _counts()
    summary = import_iati(samples / "acfspain" / "acfspain-fr.xml", dry_run=True)
    assert (summary.status, summary.created) == ("dry_run", 1)
    assert _counts() == before


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<iati-activities version="2.03"><iati-activity>
<iati-identifier>&lol3;</iati-identifier></iati-activity></iati-activities>
"""
EXTERNAL = (
    b'<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
    b'<iati-activities version="2.03"><iati-activity>'
    b"<iati-identifier>&xxe;</iati-identifier></iati-activity></iati-activities>\n"
)


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL], ids=["billion-laughs", "xxe"])
@pytest.mark.parametrize("use_child", [False, True], ids=["in-process", "child"])
def test_entities_are_refused_without_expansion(
    data: bytes, use_child: bool, tmp_path: Path
) -> None:
    before = _counts()
    path = tmp_path / "hostile.xml"
    path.write_bytes(data)
    with pytest.raises(iati.IatiSecurityError) as caught:
        import_iati(path, use_child=use_child)
    assert "DOCTYPE" in caught.value.reason
    assert "root:" not in str(caught.value)
    assert _counts() == before


@pytest.mark.parametrize("use_child", [False, True], ids=["in-process", "child"])
def test_truncated_file_gives_a_clear_error_and_writes_nothing(
    samples: Path, tmp_path: Path, use_child: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(iati_import, "BATCH", 1)  # batches are written before the cut
    body = (samples / "acfspain" / "acfspain-bf.xml").read_bytes()
    start, end = body.index(b"<iati-activity "), body.rindex(b"</iati-activities>")
    copies = b"".join(
        body[start:end].replace(b"BurkinaFaso<", f"BurkinaFaso-{n}<".encode()) for n in range(3)
    )
    cut = (body[:start] + copies)[: -len(body[start:end]) // 2]
    path = tmp_path / "truncated.xml"
    path.write_bytes(cut)
    before = _counts()
    with pytest.raises(iati.IatiError) as caught:
        import_iati(path, use_child=use_child)
    assert "tronqué" in caught.value.reason
    assert caught.value.line is not None and caught.value.file == "truncated.xml"
    assert _counts() == before


@pytest.mark.parametrize("version", ["1.05", "1.01"])
def test_version_1_files_are_refused_naming_the_version(version: str) -> None:
    data = (
        f'<?xml version="1.0"?>\n<iati-activities version="{version}">'
        "<iati-activity><iati-identifier>X-1</iati-identifier></iati-activity>"
        "</iati-activities>"
    ).encode()
    with pytest.raises(iati.IatiVersionError) as caught:
        import_iati(stream(data, "old.xml"))
    assert version in caught.value.reason and "2.01 à 2.03" in caught.value.reason


def test_the_child_process_reads_like_the_caller(samples: Path) -> None:
    path = samples / "iati-flattener-fixtures" / "fcdo-activity.xml"
    in_process = import_iati(path, dry_run=True, use_child=False)
    child = import_iati(path, dry_run=True, use_child=True)
    assert in_process.to_json() | {"batch_id": None} == child.to_json() | {"batch_id": None}
    assert child.child_peak_rss_kb > 0
    refused = import_iati(
        samples / "iati-flattener-fixtures" / "unops-at-activity.xml", use_child=True
    )
    assert (refused.status, refused.issue_count) == ("refused", 9)


def test_a_reader_that_dies_is_a_clear_error(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coopdec.catalogue.imports.iati import pipeline as iati_pipeline

    monkeypatch.setattr(iati_pipeline.sys, "executable", "/bin/false")
    before = _counts()
    with pytest.raises(iati.IatiError, match="lecture interrompue"):
        import_iati(samples / "acfspain" / "acfspain-bf.xml", use_child=True)
    assert _counts() == before
