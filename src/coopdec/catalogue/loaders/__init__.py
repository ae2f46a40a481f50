"""Catalogue datasets loaded by ``coopdec init``, after the reference data they point to."""

from __future__ import annotations

from coopdec.catalogue.loaders import contacts, french_authorities
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
        ("reference/contacts.yaml",),
        contacts.load,
        depends_on=("countries", "themes"),
    ),
)
