"""The loaded tables match the shipped source files, row for row."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from coopdec.platform import table_counts
from coopdec.reference.models import (
    Commune,
    Country,
    DacSector,
    Departement,
    Epci,
    Ept,
    OdaRecipient,
    Region,
    SdgGoal,
    SdgTarget,
    Theme,
)

pytestmark = pytest.mark.django_db


def read_json(path: Path) -> list[dict[str, object]]:
    return json.loads(path.read_text("utf-8"))  # type: ignore[no-any-return]


def test_counts_match_the_issue_and_the_source_files(shipped_data: Path) -> None:
    counts = table_counts()
    communes = read_json(shipped_data / "fr_admin/communes.json")
    current = [c for c in communes if c["type"] == "commune-actuelle"]
    assert counts["communes"] == len(current) == 34969
    assert counts["epci"] == len(read_json(shipped_data / "fr_admin/epci.json")) == 1255
    assert counts["ept"] == len(read_json(shipped_data / "fr_admin/ept.json")) == 11
    assert counts["regions"] == len(read_json(shipped_data / "fr_admin/regions.json")) == 26
    assert counts["departements"] == 109
    assert counts["sdg_goals"] == 17
    assert counts["sdg_targets"] == 169
    assert counts["countries"] == 250
    assert counts["zones"] == 6
    assert counts["themes"] == 22
    assert counts["oda_recipients"] == 141
    assert counts["dac_sectors"] == 325


def test_region_population_is_the_sum_of_its_communes() -> None:
    totals: dict[str, int] = defaultdict(int)
    for region_code, population in Commune.objects.values_list("region__code", "population"):
        totals[region_code] += population or 0
    for region in Region.objects.all():
        assert region.population == totals[region.code], region.code
    idf = Region.objects.get(code="11")
    assert idf.population > 12_000_000


def test_commune_parents_and_epci_membership(shipped_data: Path) -> None:
    commune = Commune.objects.select_related("departement", "region").get(code="01001")
    assert commune.name == "L'Abergement-Clémenciat"
    assert commune.departement is not None and commune.departement.code == "01"
    assert commune.region is not None and commune.region.code == "84"
    assert commune.siren == "210100012"
    lyon = Epci.objects.get(code="200046977")
    assert lyon.kind == "MET69"
    source = {row["code"]: row for row in read_json(shipped_data / "fr_admin/epci.json")}
    assert lyon.members.count() == len(source["200046977"]["membres"])  # type: ignore[arg-type]
    assert Ept.objects.get(name__icontains="Paris Ouest").members.count() > 5


def test_overseas_authorities_are_included() -> None:
    assert Departement.objects.filter(zone="drom").count() == 5
    assert Commune.objects.filter(code__startswith="974").count() == 24  # La Réunion
    assert Region.objects.get(code="04").population > 800_000


def test_countries_names_zones_and_oda_status(shipped_data: Path) -> None:
    senegal = Country.objects.get(iso2="SN")
    assert (senegal.iso3, senegal.numeric, senegal.name_fr, senegal.name_en) == (
        "SEN",
        "686",
        "Sénégal",
        "Senegal",
    )
    assert senegal.zone is not None and senegal.zone.code == "afrique_subsaharienne"
    assert Country.objects.get(iso2="MA").zone.code == "afrique_nord"  # type: ignore[union-attr]
    assert Country.objects.get(iso2="LB").zone.code == "proche_moyen_orient"  # type: ignore[union-attr]
    assert Country.objects.get(iso2="AM").zone.code == "europe"  # type: ignore[union-attr]
    listing = OdaRecipient.objects.get(country__iso2="SN")
    assert listing.group == "LDC"
    assert (listing.first_year, listing.last_year) == (2024, 2025)
    oda = yaml.safe_load((shipped_data / "reference/oda_recipients.yaml").read_text("utf-8"))
    by_group: dict[str, int] = defaultdict(int)
    for row in oda["recipients"]:
        by_group[row["dac_group"]] += 1
    for group, count in by_group.items():
        assert OdaRecipient.objects.filter(group=group).count() == count
    with (shipped_data / "countries/zones.csv").open(encoding="utf-8") as handle:
        zoned = sum(1 for row in csv.DictReader(handle) if row["zone"])
    assert Country.objects.filter(zone__isnull=False).count() == zoned


def test_sdg_labels_in_both_languages() -> None:
    goal = SdgGoal.objects.get(number=6)
    assert goal.short_fr == "Eau propre et assainissement"
    assert goal.short_en.startswith("Clean water")
    assert goal.label_fr.startswith("Garantir l")
    target = SdgTarget.objects.get(code="6.1")
    assert target.goal == goal
    assert target.label_fr.startswith("D’ici à 2030") or target.label_fr.startswith("D'ici à 2030")
    assert SdgTarget.objects.filter(goal__number=17).count() == 19


def test_dac_sectors_and_theme_mapping() -> None:
    sector = DacSector.objects.get(code="14030")
    assert sector.category.code == "140"
    assert sector.label_fr
    water = Theme.objects.get(code="eau_assainissement")
    assert water.label_fr == "Eau et assainissement"
    assert 6 in set(water.sdg_goals.values_list("number", flat=True))
    assert set(water.dac_categories.values_list("code", flat=True)) == {"140"}
    assert water.default_dac_sector is not None and water.default_dac_sector.code == "14030"


def test_theme_ids_cover_the_starter_catalogue(shipped_data: Path) -> None:
    with (shipped_data / "catalogue/partnerships.csv").open(encoding="utf-8") as handle:
        used = {t for row in csv.DictReader(handle) for t in row["themes"].split(";") if t}
    assert used <= set(Theme.objects.values_list("code", flat=True))
