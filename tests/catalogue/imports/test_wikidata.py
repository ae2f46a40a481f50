"""``coopdec import wikidata``: towns resolved without guessing, the rest reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coopdec.catalogue.imports import services, wikidata
from coopdec.catalogue.models import ForeignAuthority, Partnership
from tests.catalogue.imports.conftest import snapshot

pytestmark = pytest.mark.django_db

Write = Callable[..., Path]
HEADER = (
    "origincityLabel\torigincountry\toriginlat\toriginlong\toriginpopulation\tsistercityLabel\t"
    "destinationlat\tdestinationlong\tdestinationpopulation\tdestination_countryLabel\tdist\teu"
)


def tsv(*rows: tuple[str, str, str, str, str, str]) -> list[str]:
    """Rows of (town, population, partner, lat, long, country label)."""
    return [HEADER] + [
        f"{town}\tFrance\t47.2\t6.0\t{pop}\t{partner}\t{lat}\t{long}\t\t{country}\t100\tNon-EU"
        for town, pop, partner, lat, long, country in rows
    ]


ROWS = tsv(
    ("Besançon", "116914", "Kpalimé", "6.9", "0.63", "Togo"),  # line 2
    ("Besançon", "116914", "Kpalimé", "6.9", "0.63", "Togo"),  # 3: same twinning again
    ("Valence", "61767", "Testville del Monte", "40.1", "-3.5", "Spain"),  # 4: by population
    ("Vouillé", "3600", "Testdorf", "50.1", "8.6", "Germany"),  # 5: two homonyms close
    ("Besançon", "116914", "Quintin", "48.4", "-2.9", "France"),  # 6: French partner
    ("Besançon", "116914", "Q16511122", "40.0", "-3.0", "Spain"),  # 7: no label
    ("Besançon", "116914", "Königsberg", "54.7", "20.5", "Prussia"),  # 8: unknown country
    ("Besançon", "116914", "Bouaké", "7.69", "-5.03", "Ivory Coast"),  # 9: alias
    ("Allonnes, Sarthe", "11000", "Testburg", "52.0", "9.0", "Germany"),  # 10: département
    ("Seynod", "19624", "Testhofen", "47.0", "13.0", "Austria"),  # 11: merged into Annecy
)


def test_resolves_what_it_can_and_reports_the_rest(write_file: Write) -> None:
    before = snapshot()
    report = services.import_wikidata(write_file("jumelages.tsv", ROWS), source_date="2026-01")
    assert not report.refused, report.errors
    assert report.separator == "\t"
    assert report.merged == 1
    assert report.partnerships.created == 5
    skipped = {s.line: (s.column, s.reason) for s in report.skipped}
    assert set(skipped) == {5, 6, 7, 8}
    assert skipped[5][0] == "origincityLabel"
    assert "2 communes nommées « Vouillé »" in skipped[5][1]
    assert [s.candidates for s in report.skipped if s.line == 5] == [
        ("Vouillé (79355)", "Vouillé (86294)")
    ]
    assert "deux villes françaises" in skipped[6][1]
    assert skipped[7][0] == "sistercityLabel"
    assert skipped[8] == ("destination_countryLabel", "pays « Prussia » inconnu")
    assert snapshot()["Partnership"] == before["Partnership"] + 5

    kpalime = Partnership.objects.get(key="commune:25056|TG|kpalime")
    assert kpalime.title == "Besançon – Kpalimé : jumelage"
    assert kpalime.source_urls == [wikidata.QUERY_SERVICE_URL]
    assert kpalime.source_date == "2026-01"
    assert Partnership.objects.filter(key="commune:26362|ES|testville del monte").exists()
    assert Partnership.objects.filter(key="commune:25056|CI|bouake").exists()
    assert Partnership.objects.filter(key="commune:72003|DE|testburg").exists()
    annecy = Partnership.objects.get(key="commune:74010|AT|testhofen")
    assert "Seynod (aujourd'hui Annecy)" in annecy.summary
    testville = ForeignAuthority.objects.get(search_name="testville del monte")
    assert (testville.latitude, testville.longitude, testville.level) == (
        40.1,
        -3.5,
        "municipality",
    )


def test_second_import_changes_nothing(write_file: Write) -> None:
    path = write_file("jumelages.tsv", ROWS)
    services.import_wikidata(path, source_date="2026-01")
    before = snapshot()
    report = services.import_wikidata(path, source_date="2026-01")
    assert (report.partnerships.created, report.partnerships.updated) == (0, 0)
    assert report.partnerships.unchanged == 5
    assert report.foreign_authorities.updated == 0
    after = snapshot()
    assert after.pop("ImportBatch") == before.pop("ImportBatch") + 1
    assert after == before


def test_wikidata_only_fills_blanks_of_an_existing_partnership(write_file: Write) -> None:
    # The starter has "Marseille – Dakar : jumelage", from a page; Wikidata adds its source.
    existing = Partnership.objects.get(key="commune:13055|SN|dakar")
    title, summary = existing.title, existing.summary
    rows = tsv(("Marseille", "861635", "Dakar", "14.69", "-17.44", "Senegal"))
    report = services.import_wikidata(write_file("dakar.tsv", rows), source_date="2026-01")
    assert (report.partnerships.created, report.partnerships.updated) == (0, 1)
    existing.refresh_from_db()
    assert (existing.title, existing.summary) == (title, summary)
    assert existing.source_urls[-1] == wikidata.QUERY_SERVICE_URL
    assert existing.source_date != "2026-01"  # the date of its own sources is kept


def test_malformed_number_refuses_the_file(write_file: Write) -> None:
    rows = [*ROWS, ROWS[1].replace("\t6.9\t", "\tnord\t")]
    before = snapshot()
    report = services.import_wikidata(write_file("faux.tsv", rows))
    assert report.refused
    assert [(p.line, p.column) for p in report.errors] == [(len(rows), "destinationlat")]
    assert snapshot() == before


def test_missing_required_column(write_file: Write) -> None:
    rows = [line.split("\t", 6)[-1] for line in ROWS]  # drops origincityLabel and 5 others
    before = snapshot()
    report = services.import_wikidata(write_file("colonnes.tsv", rows))
    assert report.refused
    assert (1, "origincityLabel", "colonne obligatoire absente") in [
        (p.line, p.column, p.reason) for p in report.errors
    ]
    assert snapshot() == before
