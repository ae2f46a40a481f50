"""Keeping the search index in step with the catalogue.

``rebuild_index`` replaces every document (imports with ``full=True``, ``coopdec init``,
the benchmark); ``refresh_index`` re-indexes the records an import or an admin edit touched,
marking the vanished ones deleted. Each change bumps the index generation in the same
transaction: every process compares it with the one its in-memory store was built from.

A change is journalled (``SearchPending``) inside the catalogue's own transaction and the
journal row is deleted inside the indexing one, so an interruption between the two leaves a
trace that ``consistency`` finds and applies (see ``catalogue.changes``).
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from coopdec.catalogue.models import Partnership, Project
from coopdec.catalogue.pacing import Pace
from coopdec.catalogue.search import documents, memory, text
from coopdec.catalogue.search.backends import get_backend
from coopdec.catalogue.search.documents import CHUNK, Document
from coopdec.catalogue.search.models import (
    SearchDocument,
    SearchPending,
    SearchState,
    SearchWord,
)

_COLUMNS = (
    "kind", "object_id", "title", "summary", "sort_title", "title_terms", "body_terms",
    "start_year", "end_year", "values", "payload", "generation", "deleted",
)  # fmt: skip
_EMPTY_VALUES = Document(
    "", 0, "", "", [], [], set(), None, None, values={}, payload={}
).encoded_values()


def on_catalogue_changing(
    sender: Any, *, partnerships: set[int], projects: set[int], full: bool, **kwargs: Any
) -> int | None:
    """Receiver of ``catalogue_changing``: journal the change in the writer's transaction;
    the journal row's id is the receipt ``on_catalogue_changed`` clears."""
    if not (full or partnerships or projects):
        return None
    pending = SearchPending.objects.create(
        partnerships=[] if full else sorted(partnerships),
        projects=[] if full else sorted(projects),
        full=full,
    )
    return int(pending.pk)


def on_catalogue_changed(
    sender: Any,
    *,
    partnerships: set[int],
    projects: set[int],
    full: bool,
    receipts: Iterable[Any] = (),
    **kwargs: Any,
) -> None:
    """Receiver of ``catalogue_changed``: index the change and clear its journal row; then
    apply what an interrupted process left (and, after a change that touched nothing, such as
    the re-import of an unchanged file, check the index against the tables)."""
    from coopdec.catalogue.search import consistency

    done = [r for r in receipts if isinstance(r, int)]
    if full:
        rebuild_index()
    elif partnerships or projects:
        refresh_index(partnerships=partnerships, projects=projects, done=done)
    if not (full or partnerships or projects):
        consistency.catch_up()
    elif SearchPending.objects.exists():
        consistency.apply_pending()


def _bump(*, full: bool) -> tuple[int, str]:
    """Next generation; ``previous`` lets a process that saw the last one apply only the diff."""
    state, _ = SearchState.objects.select_for_update().get_or_create(pk=1)
    state.previous_token = "" if full else state.token
    state.generation += 1
    state.token = uuid.uuid4().hex
    recent = [] if full else state.recent_tokens.split()
    state.recent_tokens = " ".join([*recent, state.token][-memory.RECENT :])
    state.save()
    memory.note_local_change()
    return state.generation, state.token


# One encoder for every row: ``json.dumps`` with an option builds a new one per call.
_payload_json = json.JSONEncoder(ensure_ascii=False).encode


def _row(doc: Document, generation: int) -> tuple[Any, ...]:
    return (
        doc.kind, doc.object_id, doc.title, doc.summary, doc.sort_title,
        " ".join(doc.title_terms), " ".join(doc.body_terms), doc.start_year, doc.end_year,
        doc.encoded_values(), _payload_json(doc.payload), generation, False,
    )  # fmt: skip


def _insert(cursor: Any, rows: list[tuple[Any, ...]], table: str = "search_document") -> None:
    columns = ", ".join(connection.ops.quote_name(c) for c in _COLUMNS)
    into = connection.ops.quote_name(table)
    if connection.vendor == "postgresql":
        # COPY: a third of the time of a pipelined INSERT per row at a million documents.
        with cursor.cursor.copy(f"COPY {into} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(_COLUMNS))
    # Table and column names are constants, values are parameters.
    sql = f"INSERT INTO {into} ({columns}) VALUES ({marks})"  # noqa: S608
    cursor.executemany(sql, rows)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _documents(partnership_ids: list[int], project_ids: list[int]) -> Iterator[Document]:
    ref = documents.Reference()
    for chunk in _chunks(partnership_ids):
        yield from documents.partnerships(ref, chunk)
    for chunk in _chunks(project_ids):
        yield from documents.projects(ref, chunk)


def _save_words(
    counts: Counter[str], terms: dict[str, str], *, replace: bool, generation: int
) -> None:
    if replace:
        SearchWord.objects.all().delete()
        existing: dict[str, int] = {}
    else:
        existing = dict(SearchWord.objects.filter(word__in=list(counts)).values_list("word", "df"))
    new = [
        SearchWord(word=w[:100], term=terms[w][:100], df=n, generation=generation)
        for w, n in counts.items()
        if w not in existing
    ]
    SearchWord.objects.bulk_create(new, batch_size=2000)
    changed = [
        SearchWord(word=w, term=terms[w], df=existing[w] + n, generation=generation)
        for w, n in counts.items()
        if w in existing
    ]
    SearchWord.objects.bulk_update(changed, ["df", "generation"], batch_size=2000)


# Below this many records one process builds the documents: starting workers costs more.
PARALLEL_FROM = 4 * CHUNK

_worker_reference: documents.Reference | None = None


def _start_worker() -> None:
    """Pool initialiser: this process's own connection and reference rows."""
    global _worker_reference
    from django.db import connections

    connections.close_all()  # inherited handles are the parent's (closed before the fork)
    _worker_reference = documents.Reference()


def _chunk_rows(
    ref: documents.Reference, kind: str, ids: list[int], generation: int
) -> tuple[list[tuple[Any, ...]], Counter[str]]:
    """Rows and word counts of one chunk of records (in a worker or in this process)."""
    build = documents.partnerships if kind == "partnership" else documents.projects
    rows, counts = [], Counter[str]()
    for doc in build(ref, ids):
        rows.append(_row(doc, generation))
        counts.update(doc.words)
    return rows, counts


def _built(task: tuple[str, list[int], int]) -> tuple[list[tuple[Any, ...]], Counter[str]]:
    """``_chunk_rows`` in a worker process, with the reference rows it read at start."""
    kind, ids, generation = task
    assert _worker_reference is not None  # noqa: S101 (set by the pool initialiser)
    return _chunk_rows(_worker_reference, kind, ids, generation)


def _serial(
    partnership_ids: list[int], project_ids: list[int], generation: int
) -> Iterator[tuple[list[tuple[Any, ...]], Counter[str]]]:
    ref = documents.Reference()
    for kind, ids in (("partnership", partnership_ids), ("project", project_ids)):
        for chunk in _chunks(ids):
            yield _chunk_rows(ref, kind, chunk, generation)


def _ahead(
    pool: Any, tasks: list[tuple[str, list[int], int]], window: int
) -> Iterator[tuple[list[tuple[Any, ...]], Counter[str]]]:
    """The workers' chunks in order, at most ``window`` handed out ahead of the one being
    written: the workers wait for the writer (``Pool.imap`` would hand them every chunk at
    once, so a paced writer, ``COOPDEC_IMPORT_SHARE``, would not slow them, and the built
    chunks would pile up in memory)."""
    queued: deque[Any] = deque()
    rest = iter(tasks)
    for task in itertools.islice(rest, window):
        queued.append(pool.apply_async(_built, (task,)))
    while queued:
        rows_and_counts: tuple[list[tuple[Any, ...]], Counter[str]] = queued.popleft().get()
        for task in itertools.islice(rest, 1):
            queued.append(pool.apply_async(_built, (task,)))
        yield rows_and_counts


def _can_fork() -> bool:
    """Workers read the catalogue through their own connections: they must see what this one
    sees, so not inside a transaction (an import's uncommitted rows), and not an in-memory
    SQLite database (each connection would get its own)."""
    if connection.in_atomic_block:
        return False
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        return name != ":memory:" and not name.startswith("file:memorydb")
    return True


def rebuild_index(on_progress: Callable[[int], None] = lambda n: None) -> int:
    """Replace the whole index by documents built from the catalogue tables.

    Building documents (French analysis in Python) is the slow part: for large catalogues,
    ``COOPDEC_INDEX_WORKERS`` forked processes (one core fewer than the machine by default)
    build chunks of rows while this one writes them, in order.
    The documents go to the table the backend gives (``Backend.replacing``): searches served
    meanwhile read the old documents, complete, until the commit, and wait for nothing on
    either engine. ``on_progress`` is called after each chunk is written, in the transaction.
    """
    backend = get_backend()
    # Every journalled change committed before the tables are read is covered by this rebuild.
    covered = SearchPending.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    partnership_ids = list(Partnership.objects.order_by("id").values_list("id", flat=True))
    project_ids = list(Project.objects.order_by("id").values_list("id", flat=True))
    pool = None
    workers = settings.COOPDEC_INDEX_WORKERS
    if workers and len(partnership_ids) + len(project_ids) >= PARALLEL_FROM and _can_fork():
        # Forking with an open connection would share its socket or file handle.
        connection.close()
        pool = multiprocessing.get_context("fork").Pool(workers, _start_worker)
    counts: Counter[str] = Counter()
    total = 0
    try:
        with (
            transaction.atomic(),
            backend.replacing() as table,
            connection.cursor() as cursor,
        ):
            generation, _ = _bump(full=True)
            if pool is not None:
                tasks = [
                    (kind, chunk, generation)
                    for kind, ids in (("partnership", partnership_ids), ("project", project_ids))
                    for chunk in _chunks(ids)
                ]
                built: Iterable[tuple[list[tuple[Any, ...]], Counter[str]]] = _ahead(
                    pool, tasks, 2 * workers
                )
            else:
                built = _serial(partnership_ids, project_ids, generation)
            pace = Pace(settings.COOPDEC_IMPORT_SHARE)
            for rows, chunk_counts in built:
                if rows:
                    _insert(cursor, rows, table)
                total += len(rows)
                counts.update(chunk_counts)
                on_progress(len(rows))
                pace.step()
            _save_words(
                counts, {word: text.stem(word) for word in counts}, replace=True,
                generation=generation,
            )  # fmt: skip
            SearchPending.objects.filter(pk__lte=covered).delete()
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return total


def refresh_index(
    *,
    partnerships: Iterable[int] = (),
    projects: Iterable[int] = (),
    done: Iterable[int] = (),
) -> None:
    """Re-index these records; those that no longer exist are marked deleted. ``done``: the
    journal rows (``SearchPending``) this covers, deleted in the same transaction."""
    wanted = {"partnership": set(partnerships), "project": set(projects)}
    existing_p = set(
        Partnership.objects.filter(id__in=wanted["partnership"]).values_list("id", flat=True)
    )
    existing_j = set(Project.objects.filter(id__in=wanted["project"]).values_list("id", flat=True))
    with transaction.atomic(), connection.cursor() as cursor:
        generation, _ = _bump(full=False)
        counts: Counter[str] = Counter()
        indexed = SearchDocument.objects.filter(
            object_id__in=wanted["partnership"] | wanted["project"]
        ).values_list("id", "kind", "object_id")
        slots = {(kind, oid): slot for slot, kind, oid in indexed}
        assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in _COLUMNS)
        for doc in _documents(sorted(existing_p), sorted(existing_j)):
            slot = slots.get((doc.kind, doc.object_id))
            if slot is None:
                _insert(cursor, [_row(doc, generation)])
            else:  # in place: the document keeps its slot in every process's store
                cursor.execute(
                    f"UPDATE search_document SET {assignments} WHERE id = %s",  # noqa: S608
                    [*_row(doc, generation), slot],
                )
            counts.update(doc.words)
        gone = {
            "partnership": wanted["partnership"] - existing_p,
            "project": wanted["project"] - existing_j,
        }
        for kind, ids in gone.items():
            SearchDocument.objects.filter(kind=kind, object_id__in=ids).update(
                deleted=True, title_terms="", body_terms="", values=_EMPTY_VALUES,
                generation=generation,
            )  # fmt: skip
        _save_words(counts, {w: text.stem(w) for w in counts}, replace=False, generation=generation)
        if done:
            SearchPending.objects.filter(pk__in=list(done)).delete()
