"""The starter catalogue and the Wikidata twinnings, as ``coopdec init`` loads them."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from coopdec.catalogue.imports import catalogue_csv, services, wikidata
from coopdec.catalogue.imports.report import ImportReport
from coopdec.catalogue.imports.resolution import Directory
from coopdec.catalogue.imports.tabular import read_sheet
from coopdec.catalogue.models import (
    ForeignAuthority,
    FrenchAuthority,
    ImportBatch,
    Partnership,
    Project,
)
from tests.catalogue.imports.conftest import snapshot

pytestmark = pytest.mark.django_db

# Pinned figures of the shipped files (see docs/imports.md).
STARTER_ROWS = 811
WIKIDATA_ROWS = 3869
WIKIDATA_FRENCH_PARTNERS = 123  # FR-FR pairs, outside international cooperation
WIKIDATA_UNRESOLVED = 54  # towns, countries or labels that cannot be resolved without guessing
WIKIDATA_MERGED = 69  # rows repeating a twinning of the same file
WIKIDATA_KEYS = 3623
WIKIDATA_ALREADY_IN_STARTER = 492
PARTNERSHIPS = STARTER_ROWS + WIKIDATA_KEYS - WIKIDATA_ALREADY_IN_STARTER  # 3,942


def _keys(shipped_data: Path, name: str) -> dict[int, str]:
    """Line -> partnership key of the rows of a shipped file (parsed, not written)."""
    report = ImportReport(kind="test", file=name)
    sheet = read_sheet(shipped_data / name, filename=name, separators=("\t", ",", ";"))
    directory = Directory()
    if name.endswith(".tsv"):
        records = wikidata.parse(sheet, directory, report, source_url="x", source_date="")
    else:
        records = catalogue_csv.parse(sheet, directory, report, catalogue_csv.STARTER)
    assert not report.refused
    return {record.line: record.key for record in records}


def test_counts_after_init() -> None:
    starter = services.latest_report(ImportBatch.Kind.STARTER)
    twinnings = services.latest_report(ImportBatch.Kind.WIKIDATA)
    assert starter is not None
    assert twinnings is not None
    assert starter["rows"] == STARTER_ROWS
    assert starter["merged"] == 0
    assert starter["skipped"] == []
    assert twinnings["rows"] == WIKIDATA_ROWS
    assert twinnings["merged"] == WIKIDATA_MERGED
    reasons = Counter(
        "french" if "deux villes françaises" in s["reason"] else "unresolved"
        for s in twinnings["skipped"]
    )
    assert reasons == {"french": WIKIDATA_FRENCH_PARTNERS, "unresolved": WIKIDATA_UNRESOLVED}
    counts = twinnings["counts"]["partnerships"]
    assert sum(counts.values()) == WIKIDATA_KEYS
    assert Partnership.objects.count() == PARTNERSHIPS
    # The "projet" rows of the starter; the Atlas project sheets (test_atlas_projects) apart.
    assert Project.objects.exclude(key__startswith="atlas|").count() == 11
    assert Project.objects.filter(key__startswith="atlas|").count() == 113
    assert FrenchAuthority.objects.filter(official=False).count() == 18
    assert ForeignAuthority.objects.exclude(latitude=None).count() > 3000


def test_unresolved_twinnings_are_reported_with_their_candidates() -> None:
    report = services.latest_report(ImportBatch.Kind.WIKIDATA)
    assert report is not None
    saint_denis = [s for s in report["skipped"] if s["value"] == "Saint-Denis"]
    assert saint_denis
    assert all(s["column"] == "origincityLabel" for s in saint_denis)
    assert "Saint-Denis (93066)" in saint_denis[0]["candidates"]
    values = {s["value"] for s in report["skipped"]}
    assert "Prussia" in values  # unknown country label
    assert "Vouillé" in values  # two homonyms within 20 % of the Wikidata population


def test_no_duplicate_partnerships(shipped_data: Path) -> None:
    pairs = Counter(Partnership.objects.values_list("french_authorities", "foreign_authorities"))
    assert len(pairs) == PARTNERSHIPS  # one French and one foreign authority each
    assert max(pairs.values()) == 1
    starter = _keys(shipped_data, services.STARTER_FILE)
    twinnings = _keys(shipped_data, services.WIKIDATA_FILE)
    assert len(set(starter.values())) == STARTER_ROWS
    assert len(set(twinnings.values())) == WIKIDATA_KEYS
    assert len(set(starter.values()) & set(twinnings.values())) == WIKIDATA_ALREADY_IN_STARTER
    assert set(Partnership.objects.values_list("key", flat=True)) == set(starter.values()) | set(
        twinnings.values()
    )


def test_the_397_starter_rows_from_wikidata_are_merged_not_duplicated(
    shipped_data: Path,
) -> None:
    with (shipped_data / services.STARTER_FILE).open(encoding="utf-8") as handle:
        from_wikidata = {
            line: row
            for line, row in enumerate(csv.DictReader(handle), start=2)
            if row["source_date"] == wikidata.SHIPPED_SOURCE_DATE
        }
    assert len(from_wikidata) == 397
    starter = _keys(shipped_data, services.STARTER_FILE)
    twinnings = set(_keys(shipped_data, services.WIKIDATA_FILE).values())
    keys = {starter[line] for line in from_wikidata}
    assert keys <= twinnings
    for partnership in Partnership.objects.filter(key__in=keys):
        # The starter's French title stays; the Wikidata URL is cited once.
        assert partnership.source_urls.count(wikidata.SHIPPED_SOURCE_URL) == 1
        assert partnership.title == from_wikidata_title(from_wikidata, starter, partnership.key)


def from_wikidata_title(rows: dict[int, dict[str, str]], keys: dict[int, str], key: str) -> str:
    return next(rows[line]["title"] for line in rows if keys[line] == key)


def test_provenance_links_and_coordinates() -> None:
    itasy = Partnership.objects.get(key="region:75|MG|region itasy")  # P0001
    assert itasy.import_batch is not None
    assert itasy.import_batch.kind == ImportBatch.Kind.STARTER
    assert itasy.source_urls == ["http://fr.allafrica.com/stories/201803070324.html"]
    assert itasy.source_date == "2018-03"
    assert list(itasy.themes.values_list("code", flat=True)) == ["agriculture_alimentation"]
    assert len(Partnership.objects.get(key="region:28|MG|region atsinanana").source_urls) == 2

    gordes = Partnership.objects.get(key="commune:84050|BE|bornem")  # TSV line 2
    assert gordes.relation_type == "jumelage"
    assert gordes.source_urls == [wikidata.SHIPPED_SOURCE_URL]
    assert gordes.source_date == wikidata.SHIPPED_SOURCE_DATE
    [bornem] = gordes.foreign_authorities.all()
    assert (bornem.latitude, bornem.longitude) == (51.0986, 4.2358)
    assert bornem.country.iso2 == "BE"

    # "Ville d'Anvers" comes from a page of the starter; Wikidata's "Antwerp" adds the place.
    antwerp = ForeignAuthority.objects.get(country__iso2="BE", search_name="anvers")
    assert antwerp.name == "Ville d'Anvers"
    assert antwerp.latitude is not None
    assert antwerp.longitude is not None

    avon = FrenchAuthority.objects.get(kind="commune", official=False, search_name="avon")
    assert avon.code is None  # homonyms: the starter left the code empty, never guessed
    projects = Project.objects.exclude(key__startswith="atlas|").select_related("partnership")
    assert all(p.partnership and p.partnership.relation_type == "projet" for p in projects)


def test_homonyms_resolved_by_population_and_departement() -> None:
    # Valence (Drôme, 64,458 inhabitants) against 61,767 in Wikidata; the other two
    # Valence have 5,289 and 192.
    assert Partnership.objects.filter(key__startswith="commune:26362|").count() >= 2
    # "Allonnes, Sarthe": the département in the label picks 72003.
    assert Partnership.objects.filter(key__startswith="commune:72003|").exists()
    # Merged communes: Annecy-le-Vieux is part of Annecy today.
    assert Partnership.objects.filter(key="commune:74010|BF|dori").exists()


def test_reloading_the_shipped_files_changes_nothing() -> None:
    before = snapshot()
    starter = services.load_starter()
    twinnings = services.load_wikidata_twinnings()
    assert (starter.partnerships.created, starter.partnerships.updated) == (0, 0)
    assert starter.partnerships.unchanged == STARTER_ROWS
    assert (twinnings.partnerships.created, twinnings.partnerships.updated) == (0, 0)
    assert twinnings.partnerships.unchanged == WIKIDATA_KEYS
    assert twinnings.foreign_authorities.updated == 0
    assert snapshot() == before  # the init batches are reused, not added
