"""``coopdec import catalogue``: the project's CSV, one transaction, every error located."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coopdec.catalogue import changes
from coopdec.catalogue.imports import services
from coopdec.catalogue.models import FrenchAuthority, ImportBatch, Partnership, Project
from tests.catalogue.imports.conftest import HEADER, snapshot

pytestmark = pytest.mark.django_db

GOOD = [
    HEADER,
    "T1,Besançon,commune,25056,Commune de Kpalimé,TG,cooperation,eau_assainissement;sante,2015,,"
    "Besançon – Kpalimé : eau potable,Appui au service de l'eau de Kpalimé.,oui,AFD,"
    "https://example.org/kpalime,2024-05",
    "T2,Syndicat des eaux du Test (SET),syndicat,,Ville de Ségou,ML,projet,eau_assainissement,"
    "2019,2021,SET – Ségou : forages,Trois forages équipés.,,,https://example.org/segou,2023",
    "T3,Bretagne,region,53,Région Itasy,MG,convention_cadre,,,,,,,,https://example.org/itasy,",
]


Write = Callable[..., Path]


def refused(path: Path, **options: Any) -> list[tuple[int | None, str | None, str]]:
    """Import ``path``, check it was refused and wrote nothing; its (line, column, reason)."""
    before = snapshot()
    report = services.import_catalogue(path, **options)
    assert report.refused
    assert snapshot() == before
    return [(p.line, p.column, p.reason) for p in report.errors]


def test_valid_file_creates_partnerships_projects_and_links(write_file: Write) -> None:
    before = snapshot()
    report = services.import_catalogue(write_file("ok.csv", GOOD))
    assert not report.refused, report.errors
    assert (report.partnerships.created, report.partnerships.updated) == (3, 0)
    assert report.projects.created == 1  # the "projet" row
    assert report.french_authorities.created == 1  # the syndicat, outside the COG
    after = snapshot()
    assert after["Partnership"] == before["Partnership"] + 3
    assert after["ImportBatch"] == before["ImportBatch"] + 1

    besancon = Partnership.objects.get(key="commune:25056|TG|kpalime")
    assert besancon.title == "Besançon – Kpalimé : eau potable"
    assert besancon.relation_type == "cooperation"
    assert besancon.start_year == 2015
    assert besancon.open_to_new_members is True
    assert besancon.funders == "AFD"
    assert besancon.source_urls == ["https://example.org/kpalime"]
    assert besancon.source_date == "2024-05"
    assert sorted(besancon.themes.values_list("code", flat=True)) == [
        "eau_assainissement",
        "sante",
    ]
    assert besancon.import_batch is not None
    assert besancon.import_batch.kind == ImportBatch.Kind.CATALOGUE_CSV
    [partner] = besancon.foreign_authorities.all()  # Kpalimé, already twinned with Niort
    assert (partner.search_name, partner.country.iso2) == ("kpalime", "TG")

    syndicat = FrenchAuthority.objects.get(
        kind="syndicat", search_name="syndicat des eaux du test set"
    )
    assert (syndicat.official, syndicat.code) == (False, None)
    project = Project.objects.get(partnership__french_authorities=syndicat)
    assert project.title == "SET – Ségou : forages"
    assert list(project.countries.values_list("iso2", flat=True)) == ["ML"]

    itasy = Partnership.objects.get(key="region:53|MG|region itasy")
    assert itasy.title == "Bretagne – Région Itasy : convention-cadre"  # generated
    assert itasy.status == "unknown"


def test_reimporting_the_same_file_changes_nothing(
    write_file: Write, django_capture_on_commit_callbacks: Any
) -> None:
    sent: list[dict[str, Any]] = []

    def receiver(**kwargs: Any) -> None:
        sent.append(kwargs)

    changes.catalogue_changed.connect(receiver)
    try:
        path = write_file("ok.csv", GOOD)
        with django_capture_on_commit_callbacks(execute=True):
            first = services.import_catalogue(path)
        assert len(sent) == 1  # once per import, not per row
        assert len(sent[0]["partnerships"]) == 3
        assert len(sent[0]["projects"]) == 1
        before = snapshot()
        with django_capture_on_commit_callbacks(execute=True):
            second = services.import_catalogue(path)
    finally:
        changes.catalogue_changed.disconnect(receiver)
    assert first.partnerships.created == 3
    assert (second.partnerships.created, second.partnerships.updated) == (0, 0)
    assert second.partnerships.unchanged == 3
    assert (second.projects.created, second.projects.updated, second.projects.unchanged) == (
        0,
        0,
        1,
    )
    assert second.foreign_authorities.created == 0
    assert second.french_authorities.created == 0
    after = snapshot()
    assert after.pop("ImportBatch") == before.pop("ImportBatch") + 1  # the run is logged
    assert after == before
    assert len(sent) == 1  # nothing changed: no notification


def test_cp1252_and_semicolons_as_excel_writes_them(write_file: Write) -> None:
    path = write_file("excel.csv", GOOD, encoding="cp1252", separator=";")
    assert "é".encode("cp1252") in path.read_bytes()
    report = services.import_catalogue(path)
    assert not report.refused, report.errors
    assert (report.encoding, report.separator) == ("cp1252", ";")
    assert Partnership.objects.get(key="commune:25056|TG|kpalime").title == (
        "Besançon – Kpalimé : eau potable"
    )
    assert FrenchAuthority.objects.filter(name="Syndicat des eaux du Test (SET)").exists()


def test_semicolon_separator_in_utf8(write_file: Write) -> None:
    report = services.import_catalogue(write_file("points-virgules.csv", GOOD, separator=";"))
    assert not report.refused, report.errors
    assert report.separator == ";"
    assert report.partnerships.created == 3


def test_unknown_code_is_an_error(write_file: Write) -> None:
    path = write_file(
        "code.csv",
        [HEADER, "X1,Besançon,commune,25999,Kpalimé,TG,jumelage,,,,,,,,,"],
    )
    [(line, column, reason)] = refused(path)
    assert (line, column) == (2, "french_authority_code")
    assert "« 25999 » inconnu" in reason


def test_code_of_another_kind_is_explained(write_file: Write) -> None:
    path = write_file("kind.csv", [HEADER, "X1,Paris,epci,75056,Kpalimé,TG,jumelage,,,,,,,,,"])
    [(line, column, reason)] = refused(path)
    assert (line, column) == (2, "french_authority_code")
    assert "commune Paris (75056)" in reason


def test_ambiguous_commune_name_lists_the_candidates(write_file: Write) -> None:
    path = write_file(
        "ambigu.csv",
        [HEADER, "X1,Saint-Denis,commune,,Ville de Kpalimé,TG,jumelage,,,,,,,,,"],
    )
    [(line, column, reason)] = refused(path)
    assert (line, column) == (2, "french_authority_name")
    assert "nom ambigu" in reason
    for code in ("93066", "97411", "11339", "30247"):
        assert f"Saint-Denis ({code})" in reason


def test_exact_name_without_code_resolves_a_unique_commune(write_file: Write) -> None:
    report = services.import_catalogue(
        write_file("nom.csv", [HEADER, "X1,Besançon,commune,,Kpalimé,TG,jumelage,,,,,,,,,"])
    )
    assert not report.refused, report.errors
    assert Partnership.objects.filter(key="commune:25056|TG|kpalime").exists()


def test_missing_required_column(write_file: Write) -> None:
    header = HEADER.replace(",partner_country_iso2", "")
    path = write_file(
        "colonne.csv", [header, "X1,Besançon,commune,25056,Kpalimé,jumelage,,,,,,,,,"]
    )
    problems = refused(path)
    assert (1, "partner_country_iso2", "colonne obligatoire absente") in problems


def test_duplicate_key_inside_one_file(write_file: Write) -> None:
    # "Ville de Kpalimé" and "Kpalimé" are the same partner once normalised.
    path = write_file(
        "doublon.csv",
        [
            HEADER,
            "X1,Besançon,commune,25056,Kpalimé,TG,jumelage,,,,,,,,,",
            "X2,Besançon,commune,25056,Ville de Kpalimé,TG,cooperation,,,,,,,,,",
        ],
    )
    [(line, column, reason)] = refused(path)
    assert (line, column) == (3, "partner_name")
    assert "en double" in reason
    assert "ligne 2" in reason


def test_invalid_theme_id(write_file: Write) -> None:
    path = write_file(
        "theme.csv",
        [HEADER, "X1,Besançon,commune,25056,Kpalimé,TG,jumelage,eau_assainissement;eau,,,,,,,,"],
    )
    [(line, column, reason)] = refused(path)
    assert (line, column) == (2, "themes")
    assert "thème inconnu « eau »" in reason


def test_oversized_file_is_refused_before_reading(write_file: Write) -> None:
    path = write_file("gros.csv", GOOD)
    [(line, column, reason)] = refused(path, max_bytes=100)
    assert (line, column) == (None, None)
    assert "taille maximale" in reason


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes("\n".join(GOOD).encode("utf-16"))
    [(line, column, reason)] = refused(path)
    assert (line, column) == (None, None)
    assert "binaire" in reason


def test_every_error_is_listed_and_nothing_written(write_file: Write) -> None:
    path = write_file(
        "erreurs.csv",
        [
            HEADER,
            GOOD[1],
            "X2,Besançon,commune,25056,Lomé,ZZ,jumelage,,,,,,,,,",
            "X3,Besançon,commune,25056,Sokodé,TG,amitie,,,,,,,,,",
            "X4,Besançon,commune,25056,Kara,TG,jumelage,,2020,2010,,,,,,",
            "X5,Besançon,commune,25056,Atakpamé,TG,jumelage,,,,,,peut-être,,,",
        ],
    )
    problems = refused(path)
    located = {(line, column) for line, column, _reason in problems}
    assert located == {
        (3, "partner_country_iso2"),
        (4, "relation_type"),
        (5, "end_year"),
        (6, "open_to_new_members"),
    }


def test_unknown_column_is_an_error(write_file: Write) -> None:
    path = write_file("inconnue.csv", [f"{HEADER},couleur", f"{GOOD[1]},bleu"])
    assert (1, "couleur", "colonne inconnue du schéma") in refused(path)


def test_body_outside_the_cog_declared_explicitly(write_file: Write) -> None:
    header = f"{HEADER},french_authority_official"
    row = "X1,Région Centre (ancienne),region,,Kpalimé,TG,jumelage,,,,,,,,,,non"
    report = services.import_catalogue(write_file("hors-cog.csv", [header, row]))
    assert not report.refused, report.errors
    body = FrenchAuthority.objects.get(name="Région Centre (ancienne)")
    assert (body.official, body.code, body.kind) == (False, None, "region")
    # Without the column the same name is unknown to the COG: an error, not a guess.
    row = "X1,Région Loire (ancienne),region,,Kpalimé,TG,jumelage,,,,,,,,,,"
    [(line, column, reason)] = refused(write_file("inconnu.csv", [header, row]))
    assert (line, column) == (2, "french_authority_name")
    assert "aucune collectivité" in reason


def test_merges_with_the_starter_catalogue_without_blanking(write_file: Write) -> None:
    # The starter has "Marseille – Dakar" (partner "Ville de Dakar"): same key as "Dakar".
    existing = Partnership.objects.get(key="commune:13055|SN|dakar")
    summary, count = existing.summary, Partnership.objects.count()
    row = "X1,Marseille,commune,13055,Dakar,SN,jumelage,culture_patrimoine,,,,,,,https://example.org/dakar,"
    report = services.import_catalogue(write_file("dakar.csv", [HEADER, row]))
    assert not report.refused, report.errors
    assert (report.partnerships.created, report.partnerships.updated) == (0, 1)
    assert Partnership.objects.count() == count
    existing.refresh_from_db()
    assert existing.summary == summary  # empty cell: never blanks
    assert existing.source_urls[-1] == "https://example.org/dakar"  # sources are combined
    assert len(existing.source_urls) >= 2
    assert "culture_patrimoine" in existing.themes.values_list("code", flat=True)
    assert existing.foreign_authorities.count() == 1


def test_dry_run_writes_nothing(write_file: Write) -> None:
    before = snapshot()
    report = services.import_catalogue(write_file("ok.csv", GOOD), dry_run=True)
    assert not report.refused
    assert report.partnerships.created == 3
    assert snapshot() == before


def test_example_file_of_the_docs_imports(tmp_path: Path) -> None:
    docs = Path(__file__).resolve().parents[3] / "docs" / "imports.md"
    example = docs.read_text("utf-8").split("```csv\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "exemple.csv"
    path.write_text(example, encoding="utf-8")
    report = services.import_catalogue(path, dry_run=True)
    assert not report.refused, report.errors
    assert (report.partnerships.created, report.projects.created) == (3, 1)
