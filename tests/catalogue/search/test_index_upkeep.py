"""The index follows the catalogue: ``catalogue_changed`` (incremental or full) and other
processes, which notice the new generation and apply it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from coopdec.catalogue.changes import catalogue_changed
from coopdec.catalogue.models import Partnership, Project
from coopdec.catalogue.search import SearchQuery, memory, search, text
from coopdec.catalogue.search.backends import get_backend
from coopdec.catalogue.search.models import SearchDocument
from tests.shared import contract_catalogue as catalogue

pytestmark = pytest.mark.django_db


def found(q: str, **filters: str) -> set[str]:
    result = search(SearchQuery.from_params({"q": q, "page_size": "100", **filters}))
    keys = {}
    for model in (Partnership, Project):
        keys.update(
            {
                (model.__name__.lower(), pk): key
                for pk, key in model.objects.values_list("id", "key")
            }
        )
    return {keys[(h.type, h.id)] for h in result.results}


def changed(
    *, projects: set[int] = frozenset(), partnerships: set[int] = frozenset(), full: bool = False
) -> None:  # type: ignore[assignment]
    catalogue_changed.send(
        sender=None, partnerships=set(partnerships), projects=set(projects), full=full
    )


def test_an_edit_is_searchable_once_signalled(records: list[catalogue.Record]) -> None:
    assert found("sport ") == set()
    before = memory.current()
    project = Project.objects.get(key="J7")
    Project.objects.filter(pk=project.pk).update(title="Jeunesse, sport et citoyenneté")
    assert found("sport ") == set()  # not signalled yet
    changed(projects={project.pk})
    assert found("sport ") == {"J7"}
    after = memory.current()
    assert after is not before and after.state.previous_token == before.state.token
    assert len(after.store.live) == len(before.store.live)  # same slot, updated in place


def test_a_deleted_record_disappears_from_results_and_facets(
    records: list[catalogue.Record],
) -> None:
    assert found("déchets ") == {"J6"}
    project = Project.objects.get(key="J6")
    pk = project.pk
    project.delete()
    changed(projects={pk})
    assert found("déchets ") == set()
    result = search(SearchQuery.from_params({}))
    assert result.total == len(records) - 1
    assert "dechets" not in {f.value for f in result.facets["theme"]}


def test_a_new_partnership_and_a_full_rebuild(records: list[catalogue.Record]) -> None:
    new = Partnership.objects.create(
        key="P9", title="Jumelage Nantes – Saint-Louis", relation_type="jumelage", status="active"
    )
    changed(partnerships={new.pk})
    assert found("Saint-Louis") == {"P9"}
    assert found("jumelage ", relation_type="jumelage") == {"P1", "J2", "P9"}
    Partnership.objects.filter(pk=new.pk).update(title="Amitié Nantes – Saint-Louis")
    changed(full=True)
    assert found("Saint-Louis") == {"P9"} and found("amitié louis ") == {"P9"}
    assert memory.current().state.previous_token == ""  # a rebuild is never applied as a diff


def test_a_process_that_missed_changes_applies_them_all(records: list[catalogue.Record]) -> None:
    stale = memory.current()
    project = Project.objects.get(key="J7")
    for title in ("Jeunesse et sport", "Jeunesse, sport et culture"):
        Project.objects.filter(pk=project.pk).update(title=title)
        changed(projects={project.pk})
    # Another process still holding ``stale`` has missed two changes: it applies both (the
    # documents written since its generation), without reloading everything.
    memory._current = stale
    memory.note_local_change()
    assert found("culture ") >= {"J7"}
    caught_up = memory.current()
    assert caught_up.state.token != stale.state.token
    assert caught_up.state.generation == stale.state.generation + 2
    assert len(caught_up.store.live) == len(stale.store.live)  # same slots, updated


def test_after_a_rebuild_a_stale_process_reloads_everything(
    records: list[catalogue.Record],
) -> None:
    stale = memory.current()
    project = Project.objects.get(key="J7")
    Project.objects.filter(pk=project.pk).update(title="Jeunesse et patrimoine")
    changed(full=True)
    state = memory.read_state()
    assert state.recent_tokens == state.token
    assert not stale.can_advance_to(state)  # the slots of a rebuild are not the old ones
    memory._current = stale
    memory.note_local_change()
    assert found("patrimoine ") >= {"J7"}


def test_raw_reference_query_uses_the_engine(records: list[catalogue.Record]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        ids = get_backend().raw_search(cursor, [("eau", False)], 20)
        prefixed = get_backend().raw_search(cursor, [("cooper", True)], 20)
    documents = dict(SearchDocument.objects.values_list("id", "title"))
    assert sorted(documents[i] for i in ids) == sorted(
        r.title for r in records if r.key in {"P5", "J1", "J9"}
    )
    assert len(prefixed) == 5  # P2, P3, J4, J5, J9


def test_a_diff_keeps_the_cache_and_vocabulary_of_what_did_not_change(
    records: list[catalogue.Record],
) -> None:
    queries = ("eau ", "gestion ", "dakar ", "potabilis", "jumelage ", "citoyennete ")
    assert found("eau ") == {"P5", "J1", "J9"} and found("gestion ") == {"J6"}
    for q in queries:
        found(q)  # every term in the cache
    before = memory.current()
    terms = {q: text.parse_text(q)[0].term for q in queries if q != "potabilis"}
    assert all(before.cache.get(term) is not None for term in terms.values())
    # J6 loses "gestion", gains "eau" and a word no document had ("potabilisation").
    project = Project.objects.get(key="J6")
    Project.objects.filter(pk=project.pk).update(title="Eau et potabilisation à Dakar")
    changed(projects={project.pk})
    by_diff = {q: found(q) for q in queries}
    after = memory.current()
    assert after.lineage == before.lineage  # a diff, not a full load
    assert by_diff["eau "] == {"P5", "J1", "J9", "J6"} and by_diff["gestion "] == set()
    assert by_diff["potabilis"] == {"J6"}  # the new word, as a type-ahead prefix
    assert "potabilisation" in after.vocabulary.words
    assert "potabilisation" not in before.vocabulary.words  # searches on it undisturbed
    # A term the changed record does not hold was carried (without its slot), not fetched.
    assert after.cache.get(terms["jumelage "]) is not None
    memory.reset()  # what a process loading everything finds: the same
    assert {q: found(q) for q in queries} == by_diff
    assert memory.current().lineage != before.lineage


def test_a_diff_then_a_removal_and_a_restore_in_another_process(
    records: list[catalogue.Record],
) -> None:
    """What a publish, an unpublish and a restore do to a process that only sees the
    database: each one is applied as a diff, and the cached terms follow."""
    project = Project.objects.get(key="J6")
    pk, title = project.pk, project.title
    assert found("déchets ") == {"J6"}
    other = memory.current()  # the other process's index, cache warm
    project.delete()
    changed(projects={pk})
    memory._current = other
    memory.note_local_change()
    assert found("déchets ") == set()
    restored = Project.objects.create(key="J6", title=title, status="active")
    changed(projects={restored.pk})
    memory._current = other
    memory.note_local_change()
    assert found("déchets ") == {"J6"}
    assert memory.current().lineage == other.lineage  # diffs, no full reload


def test_flagging_an_example_and_withdrawing_it_follow_in_the_index(
    records: list[catalogue.Record], django_capture_on_commit_callbacks: Any
) -> None:
    from coopdec.catalogue.writer import CatalogueWriter

    assert found("", example="true") == set(catalogue.EXAMPLES)
    with django_capture_on_commit_callbacks(execute=True):  # the writer's commit
        CatalogueWriter().set_example("J7", "Des chantiers de jeunes reproductibles", "modérateur")
    assert found("", example="true") == {*catalogue.EXAMPLES, "J7"}
    assert "J7" not in found("", example="false")
    with django_capture_on_commit_callbacks(execute=True):
        assert CatalogueWriter().clear_example("J7") is True
    assert found("", example="true") == set(catalogue.EXAMPLES)
    assert "J7" in found("", example="false")


def _full_order() -> tuple[np.ndarray, np.ndarray]:  # type: ignore[type-arg]
    """The title order and ranks a full load reads (the reference for a diff's)."""
    full = memory.MemoryIndex(get_backend(), memory.read_state())
    full.load()
    full.ensure_title_rank()
    assert full.title_order is not None and full.store.title_rank is not None
    return full.title_order, full.store.title_rank


def _same_order_as_a_full_load(index: memory.MemoryIndex) -> None:
    order, rank = _full_order()
    assert index.title_order is not None and index.store.title_rank is not None
    assert index.title_order.tolist() == order.tolist()
    live = np.flatnonzero(index.store.live)
    assert index.store.title_rank[live].tolist() == rank[live].tolist()


def test_a_diff_updates_the_title_order_as_a_full_read_would(
    records: list[catalogue.Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Publish (a new title, a renamed one that moves), unpublish, restore, several changes
    missed at once: each diff's title order is the one a full load reads, without reading it
    whole (the full read is made to fail during the diffs)."""
    from coopdec.catalogue.search import title_order

    first = memory.current()
    _same_order_as_a_full_load(first)
    full_read = title_order.read_whole

    def no_full_read(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the title order was read whole for a diff")

    monkeypatch.setattr(title_order, "read_whole", no_full_read)

    def check() -> memory.MemoryIndex:
        index = memory.current()
        monkeypatch.setattr(title_order, "read_whole", full_read)
        _same_order_as_a_full_load(index)
        monkeypatch.setattr(title_order, "read_whole", no_full_read)
        assert index.lineage == first.lineage  # a diff, not a reload
        return index

    # Titles whose folded form keeps letters beyond ASCII (byte order = code point order).
    titles = ["Łódź – Lyon", "Москва – Paris", "Aachen – Reims", "北京 – Paris"]
    made = [
        Partnership.objects.create(key=f"T{n}", title=title, relation_type="jumelage")
        for n, title in enumerate(titles)
    ]
    changed(partnerships={p.pk for p in made})
    check()
    project = Project.objects.get(key="J7")  # renamed: from the middle to the front
    Project.objects.filter(pk=project.pk).update(title="Aaa jeunesse et citoyenneté")
    changed(projects={project.pk})
    check()
    removed = Project.objects.get(key="J6")
    pk, title = removed.pk, removed.title
    removed.delete()  # unpublished
    changed(projects={pk})
    check()
    restored = Project.objects.create(key="J6", title=title, status="active")
    changed(projects={restored.pk})
    before_missed = check()
    # A process that missed several changes applies them in one diff.
    Project.objects.filter(key="J1").update(title="Zzz accès à l'eau")
    Partnership.objects.filter(key="T2").update(title="Aachen – Reims (bis)")
    Partnership.objects.filter(key="T0").delete()
    changed(projects={Project.objects.get(key="J1").pk}, partnerships={made[2].pk, made[0].pk})
    memory.current()
    memory._current = before_missed
    memory.note_local_change()
    check()
    assert [h.title for h in search(SearchQuery.from_params({"sort": "title"})).results][:2] == [
        "Aaa jeunesse et citoyenneté", "Aachen – Reims (bis)",
    ]  # fmt: skip


def test_a_probed_document_changed_since_makes_the_order_read_whole(
    records: list[catalogue.Record],
) -> None:
    """The binary search meets a document another process wrote after the diff's reading:
    its key is not the one the order was made with, so the order is read whole."""
    from coopdec.catalogue.search import title_order

    index = memory.current()
    assert index.title_order is not None
    live = index.store.live.copy()
    entering = int(index.title_order[0])
    every = [int(s) for s in index.title_order]

    def keys_of(slots: Any) -> dict[int, Any]:
        return title_order.read_keys(slots, base=index.base)

    def stale(slots: Any) -> dict[int, Any]:  # the first probed document changed since
        keys = keys_of(slots)
        return {s: k for s, k in keys.items() if s != min(slots)}

    changed_slots = np.asarray([entering], np.int64)
    assert title_order.updated(index.title_order, changed_slots, live,
                               keys_of, stale) is None  # fmt: skip
    kept = title_order.updated(index.title_order, changed_slots, live,
                               keys_of, keys_of)  # fmt: skip
    assert kept is not None and kept.tolist() == every
