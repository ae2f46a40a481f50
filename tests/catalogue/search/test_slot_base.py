"""Full rebuilds do not grow each process's store.

Document ids are never reused (a server may still hold an id from before a rebuild: it must
find no row rather than another document), so every full rebuild writes ids after the
previous ones. The store used the ids as slots: after each rebuild it was as large as every
document ever written (2.5 times the catalogue at a million documents after two rebuilds),
and every search, which scans the store end to end, slowed down with it. Slots are now the
ids less the index's base, the smallest id at the full load: the results, their ids, the
title order, the alerts' matching and the closed calls must not change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from coopdec.catalogue.models import Partnership, Project
from coopdec.catalogue.search import SearchQuery, indexer, matching, memory, search
from coopdec.catalogue.search.models import SearchDocument

pytestmark = pytest.mark.django_db

REBUILDS = 3


@pytest.fixture
def catalogue(db: None) -> Iterator[dict[str, int]]:
    """Four projects alone in the catalogue, one a call for partners closed yesterday (the
    transaction is rolled back after the test)."""
    Project.objects.all().delete()
    Partnership.objects.all().delete()
    made = {
        key: Project.objects.create(key=key, title=title, summary="Accès à l'eau potable")
        for key, title in [("B1", "Bornes-fontaines de Kaya"), ("B2", "Assainissement à Dori"),
                           ("B3", "Châteaux d'eau de Fada"), ("B4", "Puits de Ouahigouya")]
    }  # fmt: skip
    Project.objects.filter(key="B4").update(
        open_to_new_members=True, call_closes_on=date.today() - timedelta(days=1)
    )
    memory.reset()
    yield {key: project.pk for key, project in made.items()}
    memory.reset()


def _seen() -> tuple[list[tuple[str, int, str, bool]], list[str], int, object]:
    by_relevance = search(SearchQuery.from_params({"q": "eau", "page_size": "100"}))
    by_title = search(SearchQuery.from_params({"sort": "title", "page_size": "100"}))
    return (
        [(h.type, h.id, h.title, h.open_to_new_members) for h in by_relevance.results],
        [hit.title for hit in by_title.results],
        by_title.total,
        by_title.facets["open"],
    )


def test_the_store_stays_the_catalogue_size_across_rebuilds(catalogue: dict[str, int]) -> None:
    indexer.rebuild_index()
    first = _seen()
    assert first[1] == sorted(first[1])  # the title order
    assert len(first[0]) == 4
    for _ in range(REBUILDS):
        indexer.rebuild_index()
    index = memory.current()
    lowest = min(SearchDocument.objects.values_list("id", flat=True))
    assert index.base == lowest - 1 > 0  # the ids moved on with each rebuild
    assert index.store.capacity <= 4 + 1  # not every document ever written
    assert _seen() == first
    closed = matching(
        SearchQuery.from_params({"open": "true"}),
        [("project", catalogue["B4"]), ("project", catalogue["B1"])],
    )
    assert closed == set()  # the closed call does not read as open, the others were never open
    found = matching(
        SearchQuery.from_params({"q": "kaya"}), [("project", pk) for pk in catalogue.values()]
    )
    assert found == {("project", catalogue["B1"])}


def test_a_change_after_a_rebuild_lands_in_the_compact_store(catalogue: dict[str, int]) -> None:
    for _ in range(REBUILDS):
        indexer.rebuild_index()
    memory.current()
    added = Project.objects.create(key="B5", title="Forage de Tougan", summary="Eau potable")
    indexer.refresh_index(projects=[added.pk])
    Project.objects.filter(key="B2").update(title="Latrines de Dori")
    indexer.refresh_index(projects=[catalogue["B2"]])
    index = memory.current()
    assert index.store.capacity <= 5 + 1
    titles = [h.title for h in search(SearchQuery.from_params({"sort": "title"})).results]
    assert titles == sorted(titles) and "Forage de Tougan" in titles
    assert "Latrines de Dori" in titles and "Assainissement à Dori" not in titles
    hits = search(SearchQuery.from_params({"q": "tougan"})).results
    assert [(h.type, h.id) for h in hits] == [("project", added.pk)]
