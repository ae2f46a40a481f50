"""A project's own DAC purpose codes make it findable by their French and English labels
(issue 15: "the SDG/DAC labels give the synonyms"), without the DAC categories' blur: a
waste project (14050, category 140 like water) is not found by "eau" or "water"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from coopdec.catalogue.models import Partnership, Project
from coopdec.catalogue.search import SearchQuery, indexer, memory, search
from coopdec.reference.models import DacSector

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(db: None) -> Iterator[dict[str, int]]:
    """Two IATI-like projects whose texts say nothing of their sector, alone in the catalogue
    (the transaction is rolled back after the test)."""
    Project.objects.all().delete()
    Partnership.objects.all().delete()
    water = Project.objects.create(key="D1", title="Programme Kaolack 2025")
    water.dac_sectors.set([DacSector.objects.get(code="14030")])
    waste = Project.objects.create(key="D2", title="Programme Thiès 2025")
    waste.dac_sectors.set([DacSector.objects.get(code="14050")])
    indexer.rebuild_index()
    memory.reset()
    yield {"water": water.pk, "waste": waste.pk}
    memory.reset()


def found(q: str, language: str) -> set[int]:
    with translation.override(language):
        result = search(SearchQuery.from_params({"q": q, "page_size": "100"}))
    return {hit.id for hit in result.results}


@pytest.mark.parametrize(
    ("q", "language"),
    [("eau potable ", "fr"), ("assainissement ", "fr"), ("drinking water ", "en"),
     ("sanitation ", "en"), ("waters ", "en")],
)  # fmt: skip
def test_the_purpose_code_labels_find_the_project(
    q: str, language: str, projects: dict[str, int]
) -> None:
    assert found(q, language) == {projects["water"]}


def test_the_category_does_not_blur_water_and_waste(projects: dict[str, int]) -> None:
    assert found("déchets ", "fr") == {projects["waste"]}
    assert found("waste ", "en") == {projects["waste"]}
    assert found("eau ", "fr") == {projects["water"]}
