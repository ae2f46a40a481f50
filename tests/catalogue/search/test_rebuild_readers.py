"""A full rebuild of the search index on PostgreSQL never blocks a search (issue 19, item 2).

The rebuild runs in its own thread and connection, as an import's does in its own process;
it is held after it has written its documents (``on_progress``, in its transaction) while a
reader on a third connection, with ``lock_timeout = 500ms``, searches: the reader must get
its answer, from the old complete index. After the commit, a reader sees the new documents.
The rebuild used to drop the indexes of ``search_document`` in its transaction (ACCESS
EXCLUSIVE until the commit): the reader then failed with a lock timeout.

No timing: the rebuild waits, inside its transaction, for the reader to finish.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from django.db import connection, transaction

from coopdec.catalogue.models import Project
from coopdec.catalogue.search import SearchQuery, rebuild_index, search

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

T = TypeVar("T")
NEW_WORD = "Quokkaville"  # in no shipped record
LOCK_TIMEOUT = "500ms"


def in_thread(work: Callable[[], T]) -> T:
    """``work`` on a connection of its own, autocommit, outside the test's transaction; its
    exception, if any, raised here."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = work()
        except BaseException as exc:  # handed to the test's thread
            out["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=300)  # not a measure: a hung rebuild fails the test instead of the run
    assert not thread.is_alive(), "the thread did not finish"
    if "error" in out:
        raise out["error"]
    return out["value"]  # type: ignore[no-any-return]


def keys(query: str) -> list[tuple[str, int, str]]:
    """A reader's view: the hits of ``query``, with a lock timeout as a busy server would
    rather have than an endless wait."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
    result = search(SearchQuery(text=query, page_size=100, sort="title"))
    return [(hit.type, hit.id, hit.title) for hit in result.results]


@pytest.fixture
def renamed_project() -> Any:
    """A shipped project renamed in the committed catalogue (without telling the index),
    renamed back and the index rebuilt afterwards: the session's database is shared."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL: SQLite readers never wait for a writer (WAL)")

    def rename() -> tuple[int, str]:
        project = Project.objects.order_by("id").first()
        assert project is not None
        Project.objects.filter(pk=project.pk).update(title=f"{project.title} {NEW_WORD}")
        return project.pk, project.title

    pk, title = in_thread(rename)
    yield pk
    in_thread(lambda: (Project.objects.filter(pk=pk).update(title=title), rebuild_index()))


def test_searches_read_the_old_index_during_a_rebuild_and_the_new_one_after(
    renamed_project: int,
) -> None:
    before = in_thread(lambda: keys("eau"))
    assert before and in_thread(lambda: keys(NEW_WORD)) == []
    during: dict[str, Any] = {}

    def hold(_: int) -> None:
        # In the rebuild's transaction, its documents written: a reader elsewhere now.
        if not during:
            during["eau"] = in_thread(lambda: keys("eau"))
            during["new"] = in_thread(lambda: keys(NEW_WORD))

    in_thread(lambda: rebuild_index(on_progress=hold))
    assert during == {"eau": before, "new": []}  # the old index, whole
    after = in_thread(lambda: keys(NEW_WORD))
    assert [(kind, pk) for kind, pk, _ in after] == [("project", renamed_project)]
    assert NEW_WORD in after[0][2]
    assert {(kind, pk) for kind, pk, _ in in_thread(lambda: keys("eau"))} >= {
        (kind, pk) for kind, pk, _ in before if pk != renamed_project
    }


def test_a_failed_rebuild_leaves_the_served_table(renamed_project: int) -> None:
    def ids() -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM search_document ORDER BY id")
            return [row[0] for row in cursor.fetchall()]

    served = in_thread(ids)

    def fail(_: int) -> None:
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        in_thread(lambda: rebuild_index(on_progress=fail))
    assert in_thread(ids) == served
    assert in_thread(lambda: keys(NEW_WORD)) == []

    from coopdec.catalogue.search.table_swap import shadow_name

    def shadow_exists() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [shadow_name("search_document")])
            return cursor.fetchone()[0] is not None

    assert not in_thread(shadow_exists)


def test_the_swap_waits_for_a_long_reader_a_little_at_a_time(
    renamed_project: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader's open transaction holds the table: the swap's timed tries fail (between them,
    readers queued behind it go through), the last try waits; once the reader has finished,
    the rebuild commits."""
    from coopdec.catalogue.search import table_swap

    monkeypatch.setattr(table_swap, "SWAP_TRIES", 3)
    monkeypatch.setattr(table_swap, "SWAP_LOCK_WAIT", "100ms")
    reading, release = threading.Event(), threading.Event()
    pauses: list[float] = []

    def pause(seconds: float) -> None:  # between two timed tries, in the rebuild's thread
        pauses.append(seconds)
        if len(pauses) == table_swap.SWAP_TRIES - 1:
            release.set()  # every timed try has failed: the long reader finishes now

    monkeypatch.setattr(table_swap.time, "sleep", pause)

    def long_reader() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM search_document")
                reading.set()
                release.wait(timeout=300)
        finally:
            connection.close()

    reader = threading.Thread(target=long_reader)
    reader.start()
    assert reading.wait(timeout=300)
    in_thread(rebuild_index)
    reader.join(timeout=300)
    assert len(pauses) == table_swap.SWAP_TRIES - 1
    assert [(kind, pk) for kind, pk, _ in in_thread(lambda: keys(NEW_WORD))] == [
        ("project", renamed_project)
    ]
