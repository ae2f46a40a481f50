"""An English reader's query is stemmed the English way, and English narratives (IATI) are
too, so that "waters", "watering" or "drilled" find their records; a French query keeps
exactly the terms, hence the results, it had (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from coopdec.catalogue.models import Partnership, Project
from coopdec.catalogue.search import SearchQuery, indexer, memory, search, text
from coopdec.reference.models import Country, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(db: None) -> Iterator[dict[str, int]]:
    """A French water project, and an IATI project with only an English narrative (alone in
    the catalogue: the transaction is rolled back after the test)."""
    Project.objects.all().delete()
    Partnership.objects.all().delete()
    water = Project.objects.create(
        key="E1", title="Accès à l'eau potable à Podor", description="Bornes-fontaines."
    )
    water.themes.set([Theme.objects.get(code="eau_assainissement")])
    water.countries.set([Country.objects.get(iso2="SN")])
    iati = Project.objects.create(
        key="E2",
        title="Projet IATI",
        narratives={"en": {"title": "Drilling boreholes for the schools of Kaolack"}},
    )
    other = Project.objects.create(key="E3", title="Jumelage culturel", description="Musique.")
    indexer.rebuild_index()
    memory.reset()
    yield {"water": water.pk, "iati": iati.pk, "other": other.pk}
    memory.reset()


def found(q: str, language: str) -> set[int]:
    with translation.override(language):
        result = search(SearchQuery.from_params({"q": q, "page_size": "100"}))
    return {hit.id for hit in result.results}


@pytest.mark.parametrize("q", ["waters ", "watering ", "drinking waters "])
def test_english_inflections_find_the_water_record(q: str, projects: dict[str, int]) -> None:
    assert found(q, "en") == {projects["water"]}


@pytest.mark.parametrize("q", ["drilled ", "drill ", "schools ", "school ", "the schools "])
def test_english_narratives_stay_searchable(q: str, projects: dict[str, int]) -> None:
    assert found(q, "en") == {projects["iati"]}


def test_a_french_query_never_meets_an_english_stem(projects: dict[str, int]) -> None:
    assert found("eau ", "fr") == {projects["water"]}
    assert found("watering ", "fr") == set()  # French stemming as before
    assert found("écoles ", "fr") == set()
    words = text.parse_text("les écoles de Kaolack ")
    assert [w.terms for w in words] == [["ecol"], ["kaolack"]]


def test_english_terms_are_marked_and_leave_numbers_and_stop_words_out() -> None:
    terms = text.english_terms("The waters of 2024 and the schools")
    assert terms == {text.ENGLISH_MARK + "water", text.ENGLISH_MARK + "school"}
