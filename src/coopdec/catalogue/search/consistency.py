"""Does the search index agree with the catalogue tables? Checks and repairs.

Two independent signs of drift, both cheap:

- the journal (``SearchPending``): a change committed whose indexing never finished (the
  process was killed between the catalogue's commit and the index's);
- a fingerprint per kind of record: how many records, and the sum of their ids, in the
  catalogue table and among the live documents of the index. A record added or deleted
  behind the index's back (a database restored by hand, a write that bypassed
  ``catalogue.changes``) changes it.

``catch_up`` applies the journal, then re-indexes the records the fingerprint shows missing
or extra; ``coopdec doctor --repair`` rebuilds the whole index. Used by ``coopdec init``,
``coopdec serve`` (start-up), ``/healthz`` and ``coopdec doctor``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Model

from coopdec.catalogue.models import Partnership, Project
from coopdec.catalogue.search import indexer
from coopdec.catalogue.search.models import SearchPending, SearchState

KINDS: dict[str, type[Model]] = {"partnership": Partnership, "project": Project}


@dataclass(frozen=True)
class KindAgreement:
    """One kind of record: the catalogue's count and id sum against the index's."""

    kind: str
    records: int
    documents: int
    record_id_sum: int
    document_id_sum: int

    @property
    def agrees(self) -> bool:
        return (self.records, self.record_id_sum) == (self.documents, self.document_id_sum)


@dataclass(frozen=True)
class IndexHealth:
    """What ``check`` found: the journal left behind and the fingerprint of each kind."""

    pending: int
    kinds: tuple[KindAgreement, ...]
    generation: int

    @property
    def ok(self) -> bool:
        return self.pending == 0 and all(k.agrees for k in self.kinds)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": "ok" if self.ok else "drift",
            "generation": self.generation,
            "pending_changes": self.pending,
            "kinds": {
                k.kind: {"records": k.records, "documents": k.documents, "agrees": k.agrees}
                for k in self.kinds
            },
        }


def _scalar_pair(sql: str, params: list[Any]) -> tuple[int, int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        count, total = cursor.fetchone()
    return int(count or 0), int(total or 0)  # PostgreSQL's sum of bigints is a numeric


def _agreement(kind: str, model: type[Model]) -> KindAgreement:
    table = connection.ops.quote_name(model._meta.db_table)
    records, record_sum = _scalar_pair(f"SELECT count(*), sum(id) FROM {table}", [])  # noqa: S608
    documents, document_sum = _scalar_pair(
        "SELECT count(*), sum(object_id) FROM search_document WHERE kind = %s AND NOT deleted",
        [kind],
    )
    return KindAgreement(kind, records, documents, record_sum, document_sum)


def check() -> IndexHealth:
    """Compare the index with the catalogue tables (one count-and-sum per table)."""
    state = SearchState.objects.filter(pk=1).first()
    return IndexHealth(
        pending=SearchPending.objects.count(),
        kinds=tuple(_agreement(kind, model) for kind, model in KINDS.items()),
        generation=state.generation if state else 0,
    )


def apply_pending() -> int:
    """Index what the journal says was committed but not indexed; returns the rows applied."""
    rows = list(SearchPending.objects.order_by("pk"))
    if not rows:
        return 0
    if any(row.full for row in rows):
        indexer.rebuild_index()  # clears every journal row it covers
        return len(rows)
    partnerships = {i for row in rows for i in row.partnerships}
    projects = {i for row in rows for i in row.projects}
    indexer.refresh_index(
        partnerships=partnerships, projects=projects, done=[row.pk for row in rows]
    )
    return len(rows)


def _disagreeing_ids(kind: str, model: type[Model]) -> list[int]:
    """Records with no live document, and live documents with no record."""
    table = connection.ops.quote_name(model._meta.db_table)
    missing = (
        f"SELECT r.id FROM {table} r WHERE NOT EXISTS (SELECT 1 FROM search_document d "  # noqa: S608
        "WHERE d.kind = %s AND d.object_id = r.id AND NOT d.deleted)"
    )
    extra = (
        "SELECT d.object_id FROM search_document d WHERE d.kind = %s AND NOT d.deleted "  # noqa: S608
        f"AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.id = d.object_id)"
    )
    with connection.cursor() as cursor:
        cursor.execute(missing, [kind])
        ids = [int(row[0]) for row in cursor.fetchall()]
        cursor.execute(extra, [kind])
        ids += [int(row[0]) for row in cursor.fetchall()]
    return ids


def catch_up() -> IndexHealth:
    """Apply the journal, then re-index the records the fingerprint shows missing or extra.

    Cheap when the index agrees (the check only); returns the state after the repair."""
    apply_pending()
    health = check()
    if health.ok:
        return health
    wrong = {k.kind: _disagreeing_ids(k.kind, KINDS[k.kind]) for k in health.kinds if not k.agrees}
    indexer.refresh_index(
        partnerships=wrong.get("partnership", []), projects=wrong.get("project", [])
    )
    return check()


def rebuild() -> IndexHealth:
    """Rebuild the whole index from the tables (``coopdec doctor --repair``)."""
    indexer.rebuild_index()
    return check()
