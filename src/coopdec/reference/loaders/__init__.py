"""Loaders of the shipped reference files, in dependency order.

Each dataset names the files it reads: ``coopdec init`` hashes them and reloads a dataset only
when its files changed, so a second run does nothing.
"""

from __future__ import annotations

from coopdec.datasets import Dataset
from coopdec.reference.loaders import countries, fr_admin, sdg, sectors, themes

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "fr_admin",
        "Collectivités françaises (COG 2026)",
        (
            "fr_admin/regions.json",
            "fr_admin/departements.json",
            "fr_admin/communes.json",
            "fr_admin/epci.json",
            "fr_admin/ept.json",
        ),
        fr_admin.load,
    ),
    Dataset(
        "countries",
        "Pays, zones et liste CAD des bénéficiaires d'APD",
        (
            "countries/codes.json",
            "countries/fr.json",
            "countries/en.json",
            "countries/zones.csv",
            "reference/oda_recipients.yaml",
        ),
        countries.load,
    ),
    Dataset(
        "sdg",
        "Objectifs de développement durable",
        (
            "sdg/UNSDG-Goals.xml",
            "sdg/UNSDG-Targets.xml",
            "sdg/open-sdg-translations/fr/global_goals.yml",
            "sdg/open-sdg-translations/en/global_goals.yml",
        ),
        sdg.load,
    ),
    Dataset(
        "dac_sectors",
        "Secteurs CAD de l'OCDE",
        (
            "iati/codelists/non_embedded/SectorCategory.xml",
            "iati/codelists/non_embedded/Sector.xml",
        ),
        sectors.load,
    ),
    Dataset(
        "themes",
        "Thèmes du catalogue",
        ("themes/themes.yaml",),
        themes.load,
        depends_on=("sdg", "dac_sectors"),
    ),
)
