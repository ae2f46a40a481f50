"""``coopdec import ...``: readable summary, errors as file:line:column, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopdec.cli.app import app
from tests.catalogue.imports.conftest import HEADER, snapshot
from tests.catalogue.imports.test_atlas import ROWS as ATLAS_ROWS
from tests.catalogue.imports.test_catalogue_csv import GOOD

pytestmark = pytest.mark.django_db

Write = Callable[..., Path]
runner = CliRunner()


def test_refused_import_exits_1_and_lists_every_error(write_file: Write) -> None:
    path = write_file(
        "faux.csv",
        [
            HEADER,
            "X1,Besançon,commune,25999,Kpalimé,TG,jumelage,,,,,,,,,",
            "X2,Saint-Denis,commune,,Kpalimé,TG,jumelage,,,,,,,,,",
        ],
    )
    before = snapshot()
    result = runner.invoke(app, ["import", "catalogue", str(path)])
    assert result.exit_code == 1, result.output
    assert "Import refusé : 2 erreur(s), rien n'a été écrit." in result.output
    assert f"{path}:2:french_authority_code: code « 25999 » inconnu" in result.output
    assert f"{path}:3:french_authority_name: nom ambigu" in result.output
    assert snapshot() == before


def test_successful_import_prints_the_counts(write_file: Write) -> None:
    result = runner.invoke(app, ["import", "catalogue", str(write_file("ok.csv", GOOD))])
    assert result.exit_code == 0, result.output
    assert "Partenariats" in result.output
    second = runner.invoke(app, ["import", "catalogue", str(write_file("ok.csv", GOOD)), "--json"])
    assert second.exit_code == 0, second.output
    report = json.loads(second.output)
    assert report["counts"]["partnerships"] == {"created": 0, "updated": 0, "unchanged": 3}


def test_atlas_dry_run_lists_columns(write_file: Write) -> None:
    rows = [f"{ATLAS_ROWS[0]};Couleur", *(f"{row};bleu" for row in ATLAS_ROWS[1:])]
    before = snapshot()
    result = runner.invoke(
        app, ["import", "atlas", str(write_file("atlas.csv", rows)), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "Colonnes inconnues de la correspondance (1)" in result.output
    assert "• Couleur" in result.output
    assert "Champs sans colonne (non mappés)" in result.output
    assert "Simulation (rien n'a été écrit)" in result.output
    assert snapshot() == before


def test_bad_mapping_exits_2(write_file: Write, tmp_path: Path) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text("format: autre\n", encoding="utf-8")
    path = write_file("atlas.csv", ATLAS_ROWS)
    result = runner.invoke(app, ["import", "atlas", str(path), "--mapping", str(mapping)])
    assert result.exit_code == 2


def test_report_of_init_shows_unresolved_twinnings() -> None:
    result = runner.invoke(app, ["import", "report", "wikidata"])
    assert result.exit_code == 0, result.output
    assert "ligne(s) non importée(s)" in result.output
    assert "Saint-Denis (93066)" in result.output
