"""The Atlas project sheets loaded by ``coopdec init`` (the session database is initialised):
projects keyed by prjId, French authorities only when the name resolves exactly, searchable,
shown on the project, authority and country pages, and a re-import changes nothing."""

from __future__ import annotations

import csv

import pytest
from django.test import Client

from coopdec.catalogue.imports import services
from coopdec.catalogue.imports.atlas_projects import SHEETS_FILE
from coopdec.catalogue.models import FrenchAuthority, ImportBatch, Project
from coopdec.catalogue.search import SearchQuery, indexer, memory, search

pytestmark = pytest.mark.django_db


def test_every_sheet_is_a_project_keyed_by_its_atlas_id(shipped_data) -> None:  # type: ignore[no-untyped-def]
    with (shipped_data / SHEETS_FILE).open(encoding="utf-8") as file:
        ids = {row["atlas_project_id"] for row in csv.DictReader(file)}
    assert len(ids) == 113
    keys = set(Project.objects.filter(key__startswith="atlas|").values_list("key", flat=True))
    assert keys == {f"atlas|{prj_id}" for prj_id in ids}
    assert not Project.objects.filter(key__startswith="atlas|", partnership__isnull=False)


def test_a_named_authority_is_linked_only_when_it_resolves_exactly() -> None:
    tours = Project.objects.get(key="atlas|636")
    assert list(tours.french_authorities.values_list("kind", "code")) == [("commune", "37261")]
    assert list(tours.countries.values_list("iso2", flat=True)) == ["RO"]
    assert set(tours.themes.values_list("code", flat=True)) == {
        "culture_patrimoine", "jeunesse", "gouvernance_locale",
    }  # fmt: skip
    assert tours.status == "active"
    assert "Partenaire : Brasov" in tours.description
    # "Paris" names a commune and a département: reported, not guessed, kept in the text.
    paris = Project.objects.get(description__contains="nommée(s) par la fiche : Paris")
    assert not paris.french_authorities.exists()
    notes = ImportBatch.objects.get(source_name=SHEETS_FILE).report["notes"]
    assert any("« Paris »" in note for note in notes)


def test_reloading_the_sheets_changes_nothing_and_keeps_curated_additions() -> None:
    Project.objects.filter(key="atlas|636").update(funders="Ville de Tours")
    report = services.load_atlas_projects()
    assert (report.projects.created, report.projects.updated) == (0, 0)
    assert report.projects.unchanged == 113
    assert Project.objects.get(key="atlas|636").funders == "Ville de Tours"


def test_the_sheets_are_searchable() -> None:
    indexer.rebuild_index()
    memory.reset()
    result = search(SearchQuery.from_params({"q": "Brasov", "country": "RO"}))
    tours = Project.objects.get(key="atlas|636")
    assert ("project", tours.pk) in {(hit.type, hit.id) for hit in result.results}
    memory.reset()


def test_pages_show_the_sheets_with_their_caveats(client: Client) -> None:
    unnamed = Project.objects.get(key="atlas|2738")
    html = client.get(f"/projets/{unnamed.pk}/").content.decode()
    assert "collectivité française non précisée par la source" in html
    assert "statut affiché par la fiche de l'Atlas à la date de son relevé" in html
    tours = Project.objects.get(key="atlas|636")
    authority = FrenchAuthority.objects.get(kind="commune", code="37261")
    page = client.get(f"/collectivites/commune/{authority.code}/").content.decode()
    assert f"/projets/{tours.pk}/" in page
    country = client.get("/pays/RO/").content.decode()
    assert f"/projets/{tours.pk}/" in country and f"/projets/{unnamed.pk}/" in country
