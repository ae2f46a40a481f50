"""Publish, unpublish (removal) and restore through the contribution service, as search sees
them — in this process and in another one that only sees the database (issue 21, item 4) —
and the safety rules of those paths: a stale removal is refused, a removed record keeps its
history, an edit drafted before a restore is refused after it."""

from __future__ import annotations

from typing import Any

import pytest

from coopdec.catalogue.models import Partnership
from coopdec.catalogue.search import SearchQuery, memory, search
from coopdec.contributions import queries, services
from coopdec.contributions.models import ChangeRequest
from tests.contributions.conftest import partnership_values

pytestmark = pytest.mark.django_db
# The index follows a change once its transaction commits (``catalogue.changes``): the tests'
# transactions never do, so each write runs its commit callbacks (``committed``).
WORD = "Ziguinchorpublication"  # a word no other record holds


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Any:
    def run(write: Any, *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return run


def _titles(q: str) -> set[str]:
    result = search(SearchQuery.from_params({"q": q, "page_size": "50"}))
    return {hit.title for hit in result.results if hit.type == "partnership"}


def _in_other_process(index: memory.MemoryIndex, q: str) -> set[str]:
    """What a process still holding ``index`` finds once it notices the database changed."""
    memory._current = index
    memory.note_local_change()
    return _titles(q)


def _draft(world: Any, partner: Any, key: str | None = None, **extra: Any) -> ChangeRequest:
    values = partnership_values(title=f"Finistère – {WORD}", **extra)
    return services.propose(
        world.users["member"], world.own, "partnership", values,
        {"foreign_authorities": [partner.pk]}, key=key,
    )  # fmt: skip


def test_publish_removal_and_restore_are_followed_by_every_process(
    world: Any, partner: Any, committed: Any
) -> None:
    other = memory.current()
    draft = _draft(world, partner)
    assert _titles(WORD) == set()  # a draft is not searchable
    key = committed(services.publish, world.users["manager"], draft).key
    assert _titles(WORD) == {f"Finistère – {WORD}"}
    other = _seen_by(other, {f"Finistère – {WORD}"})
    edit = _draft(world, partner, key=key, summary="Version 2")
    edit.values["title"] = f"Finistère – {WORD} v2"
    edit.save()
    committed(services.publish, world.users["manager"], edit)
    other = _seen_by(other, {f"Finistère – {WORD} v2"})
    removal = services.propose_removal(world.users["member"], world.own, "partnership", key)
    committed(services.publish, world.users["manager"], removal)
    assert _titles(WORD) == set()
    other = _seen_by(other, set())
    first = queries.history("partnership", key)[-1]
    committed(services.restore, world.users["moderator"], first)
    assert _titles(WORD) == {f"Finistère – {WORD}"}
    _seen_by(other, {f"Finistère – {WORD}"})
    assert [v.number for v in queries.history("partnership", key)] == [4, 3, 2, 1]


def _seen_by(index: memory.MemoryIndex, expected: set[str]) -> memory.MemoryIndex:
    """Check that a process holding ``index`` now finds ``expected``, by a diff (no full
    reload); return its new index, the next step's starting point."""
    assert _in_other_process(index, WORD) == expected
    caught_up = memory.current()
    assert caught_up.lineage == index.lineage and caught_up.state.token != index.state.token
    return caught_up


def test_a_stale_removal_is_refused_and_the_record_stays_searchable(
    world: Any, partner: Any, committed: Any
) -> None:
    key = committed(services.publish, world.users["manager"], _draft(world, partner)).key
    removal = services.propose_removal(world.users["member"], world.own, "partnership", key)
    edit = _draft(world, partner, key=key, summary="Publiée entre-temps")
    committed(services.publish, world.users["manager"], edit)
    with pytest.raises(services.StaleDraft) as caught:
        services.publish(world.users["manager"], removal)
    assert "a été modifiée le" in str(caught.value)
    assert Partnership.objects.get(key=key).summary == "Publiée entre-temps"
    assert _titles(WORD) == {f"Finistère – {WORD}"}
    removal.refresh_from_db()
    assert removal.state == ChangeRequest.State.PENDING
    assert [v.deleted for v in queries.history("partnership", key)] == [False, False]


def test_an_edit_drafted_before_a_restore_is_refused_after_it(
    world: Any, partner: Any, committed: Any
) -> None:
    key = committed(services.publish, world.users["manager"], _draft(world, partner)).key
    committed(
        services.publish, world.users["manager"], _draft(world, partner, key=key, summary="v2")
    )
    late = _draft(world, partner, key=key, summary="v3, écrite avant le rétablissement")
    committed(services.restore, world.users["moderator"], queries.history("partnership", key)[-1])
    with pytest.raises(services.StaleDraft):
        services.publish(world.users["manager"], late)
    assert Partnership.objects.get(key=key).summary == ""


def test_a_removed_record_keeps_its_history_page(
    world: Any, partner: Any, client: Any, committed: Any
) -> None:
    key = committed(services.publish, world.users["manager"], _draft(world, partner)).key
    removal = services.propose_removal(world.users["member"], world.own, "partnership", key)
    committed(services.publish, world.users["manager"], removal)
    assert not Partnership.objects.filter(key=key).exists() and _titles(WORD) == set()
    client.force_login(world.users["moderator"])
    page = client.get(f"/contribuer/historique/partnership/{key}")
    assert page.status_code == 200
    body = page.content.decode()
    assert f"Finistère – {WORD}" in body and "Rétablir la version 1" in body
    # The removal's version keeps the record's links: who may restore it is known from them.
    removed = queries.history("partnership", key)[0]
    assert removed.deleted and removed.links["french_authorities"] == [world.own.pk]
