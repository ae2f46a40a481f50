"""SQLite backend: an FTS5 index over the document table (external content, kept by triggers).

``detail=column`` keeps the index small (no positions: nobody searches phrases) while still
allowing the column filter that tells title hits from the rest. A full rebuild drops the
triggers, reloads the table and asks FTS5 to ``rebuild`` in one pass, which is several times
faster than a trigger per row.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from coopdec.catalogue.search import bulk
from coopdec.catalogue.search.backends import Cursor

_TRIGGERS = (
    """CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, title_terms, body_terms)
        VALUES (new.id, new.title_terms, new.body_terms);
    END""",
    """CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
    END""",
    """CREATE TRIGGER search_document_au AFTER UPDATE OF title_terms, body_terms
        ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
        INSERT INTO search_fts(rowid, title_terms, body_terms)
        VALUES (new.id, new.title_terms, new.body_terms);
    END""",
)
_TRIGGER_NAMES = ("search_document_ai", "search_document_ad", "search_document_au")


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class SqliteBackend:
    name = "sqlite"

    def install(self, cursor: Cursor) -> None:
        cursor.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title_terms, body_terms, content='search_document', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 0', detail='column')"
        )
        for trigger in _TRIGGERS:
            cursor.execute(trigger)

    def uninstall(self, cursor: Cursor) -> None:
        for name in _TRIGGER_NAMES:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute("DROP TABLE IF EXISTS search_fts")

    def postings(self, cursor: Cursor, term: str) -> tuple[str, str]:
        out = []
        for column in ("title_terms", "body_terms"):
            cursor.execute(
                "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH %s",
                [f"{column} : {_quote(term)}"],
            )
            out.append(cursor.fetchone()[0] or "")
        return out[0], out[1]

    def raw_search(self, cursor: Cursor, terms: list[tuple[str, bool]], limit: int) -> list[int]:
        expression = " AND ".join(_quote(t) + ("*" if prefix else "") for t, prefix in terms)
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT %s",
            [expression, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    @contextmanager
    def replacing(self) -> Iterator[str]:
        """The table itself, emptied, its secondary indexes and triggers suspended until the
        end. Readers are not held up: in WAL mode they read the last committed state."""
        with bulk.bulk_load(["search_document"]):
            with connection.cursor() as cursor:
                for name in _TRIGGER_NAMES:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
                cursor.execute("DELETE FROM search_document")
            yield "search_document"
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
                for trigger in _TRIGGERS:
                    cursor.execute(trigger)

    def title_order_sql(self) -> str:
        return (
            "SELECT id FROM search_document WHERE NOT deleted ORDER BY sort_title, kind, object_id"
        )
