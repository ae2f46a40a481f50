"""``coopdec import atlas``: a column mapping drives the import of the ministry's exports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coopdec.catalogue.imports import atlas, services
from coopdec.catalogue.models import Partnership, Project
from tests.catalogue.imports.conftest import snapshot

pytestmark = pytest.mark.django_db

Write = Callable[..., Path]
HEADER = (
    "Collectivité française;Code INSEE/SIREN;Type de collectivité;Collectivité partenaire;Pays;"
    "Thématiques;Année de début;Titre du projet;Description;Statut;Budget"
)
ROWS = [
    HEADER,
    "Besançon;25056;Commune;Commune de Kpalimé;Togo;Eau et assainissement, Santé;2016;"
    "Adduction d'eau à Kpalimé;Réseau de bornes-fontaines.;En cours;12 500,50",
    "Besançon;25056;Commune;Commune de Kpalimé;Togo;Culture;2018;Festival de Kpalimé;"
    "Échanges d'artistes.;Terminé;",
    "Département de la Gironde;33;;Région Atsinanana;Madagascar;;01/03/2012;"
    "Appui à la maîtrise d'ouvrage;;;",
]


def test_dry_run_reports_columns_and_writes_nothing(write_file: Write) -> None:
    rows = [f"{ROWS[0]};Couleur préférée", *(f"{row};bleu" for row in ROWS[1:])]
    before = snapshot()
    report = services.import_atlas(write_file("atlas.csv", rows), dry_run=True)
    assert not report.refused, report.errors
    assert report.dry_run
    assert snapshot() == before
    assert report.columns["unknown"] == ["Couleur préférée"]
    unmapped = " ".join(report.columns["unmapped"])
    for field in ("end_year", "project_id", "funders", "relation_type", "source_url"):
        assert field in unmapped
    assert "Titre du projet → project_title" in report.columns["mapped"]
    assert report.partnerships.created == 2  # Besançon–Kpalimé and Gironde–Atsinanana
    assert report.projects.created == 3


def test_import_creates_projects_inside_partnerships(write_file: Write) -> None:
    report = services.import_atlas(write_file("atlas.csv", ROWS))
    assert not report.refused, report.errors
    assert (report.partnerships.created, report.projects.created) == (2, 3)
    partnership = Partnership.objects.get(key="commune:25056|TG|kpalime")
    assert partnership.relation_type == "cooperation"  # the mapping's default
    assert partnership.projects.count() == 2
    water = Project.objects.get(title="Adduction d'eau à Kpalimé")
    assert water.status == "active"
    assert str(water.budget) == "12500.50"
    assert sorted(water.themes.values_list("code", flat=True)) == ["eau_assainissement", "sante"]
    assert list(water.countries.values_list("iso2", flat=True)) == ["TG"]
    assert partnership.start_year == 2016
    gironde = Partnership.objects.get(key="departement:33|MG|region atsinanana")
    assert gironde.start_year == 2012  # from the date 01/03/2012
    # A second import changes nothing.
    before = snapshot()
    again = services.import_atlas(write_file("atlas.csv", ROWS))
    assert (again.partnerships.created, again.partnerships.updated) == (0, 0)
    assert (again.projects.created, again.projects.updated, again.projects.unchanged) == (0, 0, 3)
    after = snapshot()
    assert after.pop("ImportBatch") == before.pop("ImportBatch") + 1
    assert after == before


def test_unknown_values_are_errors_with_the_file_column(write_file: Write) -> None:
    rows = [
        ROWS[0],
        ROWS[1].replace("En cours", "Suspendu"),
        ROWS[2].replace("Culture", "Astronautique"),
        ROWS[3].replace("Madagascar", "Atlantide"),
    ]
    before = snapshot()
    report = services.import_atlas(write_file("atlas.csv", rows))
    assert report.refused
    assert snapshot() == before
    assert [(p.line, p.column) for p in report.errors] == [
        (2, "Statut"),
        (3, "Thématiques"),
        (4, "Pays"),
    ]


def test_missing_required_column(write_file: Write) -> None:
    rows = [";".join(cell for i, cell in enumerate(row.split(";")) if i != 7) for row in ROWS]
    before = snapshot()
    report = services.import_atlas(write_file("atlas.csv", rows))
    assert report.refused
    [problem] = report.errors
    assert (problem.line, problem.column) == (1, "Titre du projet")
    assert "colonne obligatoire absente" in problem.reason
    assert snapshot() == before


def test_custom_mapping_file(write_file: Write, tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "format: coopdec-atlas-mapping\nversion: 1\n"
        "columns:\n"
        "  french_authority_name: [Coll]\n  french_authority_code: [Code]\n"
        "  partner_name: [Partenaire]\n  partner_country: [Pays]\n  project_title: [Titre]\n"
        "options:\n  default_relation_type: jumelage\n",
        encoding="utf-8",
    )
    path = write_file("zone.csv", ["Coll,Code,Partenaire,Pays,Titre", "Besançon,25056,Kara,TG,Eau"])
    report = services.import_atlas(path, mapping=mapping)
    assert not report.refused, report.errors
    assert Partnership.objects.get(key="commune:25056|TG|kara").relation_type == "jumelage"


def test_invalid_mapping_is_refused(tmp_path: Path) -> None:
    mapping = tmp_path / "faux.yaml"
    mapping.write_text(
        "format: coopdec-atlas-mapping\ncolumns:\n  couleur: [Couleur]\n", encoding="utf-8"
    )
    with pytest.raises(atlas.MappingError, match="couleur"):
        atlas.load_mapping(mapping)


def test_default_mapping_is_valid() -> None:
    mapping = atlas.load_mapping()
    assert set(mapping.required) >= {"french_authority_name", "project_title"}
    assert mapping.values["status"]["en cours"] == "active"
