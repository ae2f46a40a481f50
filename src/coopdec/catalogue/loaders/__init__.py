"""Catalogue datasets loaded by ``coopdec init``, after the reference data they point to."""

from __future__ import annotations

from coopdec.catalogue.loaders import (
    atlas_projects,
    contacts,
    french_authorities,
    starter,
    wikidata,
)
from coopdec.datasets import Dataset

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "french_authorities",
        "Annuaire des collectivités françaises",
        ("fr_admin/regions.json", "fr_admin/departements.json", "fr_admin/epci.json"),
        french_authorities.load,
        depends_on=("fr_admin",),
    ),
    Dataset(
        "contacts",
        "Contacts (organisations)",
        ("reference/contacts.yaml", "reference/water_basins.yaml"),
        contacts.load,
        depends_on=("fr_admin", "countries", "themes"),
    ),
    Dataset(
        "starter_catalogue",
        "Catalogue de départ (partenariats sourcés)",
        ("catalogue/partnerships.csv",),
        starter.load,
        depends_on=("french_authorities", "countries", "themes"),
    ),
    Dataset(
        "wikidata_twinnings",
        "Jumelages Wikidata (2017)",
        ("catalogue/wikidata-twinnings-france-2017.tsv",),
        wikidata.load,
        depends_on=("french_authorities", "countries", "starter_catalogue"),
    ),
    Dataset(
        "atlas_projects",
        "Fiches projets de l'Atlas",
        ("catalogue/atlas_projects.csv",),
        atlas_projects.load,
        depends_on=("french_authorities", "countries", "themes"),
    ),
)
