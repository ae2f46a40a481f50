"""``coopdec init`` twice: the second run finds nothing to do and changes nothing."""

from __future__ import annotations

import pytest

from coopdec.platform import initialise, table_counts
from coopdec.reference.models import Commune, DatasetLoad

pytestmark = pytest.mark.django_db


def test_second_initialise_skips_every_dataset() -> None:
    before = table_counts()
    report = initialise()
    assert report.migrations_applied == 0
    assert all(result.skipped for result in report.datasets)
    assert table_counts() == before


def test_changed_checksum_reloads_without_duplicates() -> None:
    before = table_counts()
    DatasetLoad.objects.filter(name="fr_admin").update(checksum="stale")
    Commune.objects.filter(code="01001").update(name="changé à la main")
    report = initialise()
    reloaded = {r.name for r in report.datasets if not r.skipped}
    # What points to the communes follows: the directory, then the catalogue on top of it,
    # and the contacts (a water agency serves the régions of its basin's départements).
    assert reloaded == {
        "fr_admin", "french_authorities", "contacts", "starter_catalogue", "wikidata_twinnings",
        "atlas_projects",
    }  # fmt: skip
    assert table_counts() == before
    assert Commune.objects.get(code="01001").name == "L'Abergement-Clémenciat"


def test_force_reloads_everything() -> None:
    before = table_counts()
    report = initialise(force=True)
    assert not any(result.skipped for result in report.datasets)
    assert table_counts() == before
