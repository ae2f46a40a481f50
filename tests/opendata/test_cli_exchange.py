"""``coopdec export ...``, ``import iati`` and the benchmark's generated file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from coopdec.bench import iati as bench
from coopdec.bench import iati_data as bench_data
from coopdec.catalogue.models import Project
from coopdec.cli import opendata_commands as exchange_commands
from coopdec.cli.app import app
from coopdec.formats import iati
from tests.opendata.helpers import EXAMPLES
from tests.opendata.ics import events

runner = CliRunner()
# The ``import`` and ``bench`` groups belong to other commands: mount ours for the test.
extra = typer.Typer()
extra.command("import-iati")(exchange_commands.import_iati)
extra.command("bench-iati")(exchange_commands.bench_iati)


@pytest.mark.django_db
def test_export_commands_write_valid_files(catalogue: dict[str, Any], tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", "iati", str(tmp_path / "a.xml"), "--authority", "region:53"]
    )
    assert result.exit_code == 0, result.output
    assert "2 activité(s)" in result.output and "TEST-3" in result.output
    assert iati.validate_activities(tmp_path / "a.xml") == []
    result = runner.invoke(app, ["export", "csv", str(tmp_path / "c.csv"), "--country", "SN"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c.datapackage.json").exists()
    result = runner.invoke(app, ["export", "geojson", str(tmp_path / "c.geojson")])
    assert json.loads((tmp_path / "c.geojson").read_text("utf-8"))["type"] == "FeatureCollection"
    result = runner.invoke(
        app,
        ["export", "iati-organisation", str(tmp_path / "o.xml"), "--authority", "commune:35238"],
    )
    assert result.exit_code == 0 and iati.validate_organisations(tmp_path / "o.xml") == []
    result = runner.invoke(app, ["export", "deadlines", str(tmp_path / "d.ics")])
    assert len(events((tmp_path / "d.ics").read_bytes().decode("utf-8"))) >= 50


@pytest.mark.django_db
def test_export_apd_and_project_files(tmp_path: Path) -> None:
    example = str(EXAMPLES / "carmaux-koudougou-eau.yaml")
    out = tmp_path / "apd.xlsx"
    result = runner.invoke(
        app,
        ["export", "apd", str(out), "--authority", "commune:81060", "--year", "2026",
         "--project-file", example],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1 ligne(s) pour l'APD 2025 (Carmaux)" in result.output
    assert load_workbook(out, read_only=True).sheetnames == ["APD 2025"]
    result = runner.invoke(
        app, ["export", "iati", str(tmp_path / "p.xml"), "--project-file", example]
    )
    assert result.exit_code == 0 and iati.validate_activities(tmp_path / "p.xml") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "csv", "x.csv", "--authority", "region:99"], "aucune collectivité"),
        (["export", "apd", "x.pdf", "--authority", "region:53"], "extension"),
        (["export", "iati", "x.xml", "--project-file", "nowhere.yaml"], "nowhere.yaml"),
    ],
)
def test_export_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.django_db
def test_import_iati_command(samples: Path) -> None:
    result = runner.invoke(
        extra, ["import-iati", str(samples / "acfspain" / "acfspain-ml.xml"), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["created"] == 1
    refused = runner.invoke(
        extra, ["import-iati", str(samples / "iati-flattener-fixtures" / "unops-at-activity.xml")]
    )
    assert refused.exit_code == 2
    assert "ligne 73, élément <document-link>" in refused.output
    assert "SCHEMAV_CVC_COMPLEX_TYPE_4" in refused.output and "rien n'a été écrit" in refused.output
    missing = runner.invoke(extra, ["import-iati", "nowhere.xml"])
    assert missing.exit_code == 2 and "introuvable" in missing.output
    assert Project.objects.filter(iati_identifier__startswith="41AAA").count() == 0


@pytest.mark.django_db
def test_benchmark_file_is_varied_and_valid(samples: Path, tmp_path: Path) -> None:
    examples = tmp_path / "examples.xml"
    bench_data.write_examples(examples)
    path = tmp_path / "bench.xml"
    mix = bench_data.generate(path, 40, examples, samples)
    assert mix["templates"] == 9 and mix["from_samples"] is True
    assert iati.validate_activities(path) == []
    activities = list(iati.iter_activities(path))
    assert len({a.iati_identifier for a in activities}) == 40
    assert len({tuple(c.code for c in a.recipient_countries) for a in activities}) > 5
    count, seconds, cpu = bench.bare_parse(path)
    assert count == 40 and seconds > 0 and cpu > 0
    assert bench.lines({"activities": 40})
