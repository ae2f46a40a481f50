"""PostgreSQL backend: a generated ``tsvector`` of the Python-made terms under a GIN index.

The terms are already folded and stemmed (``text``), so the ``simple`` configuration only
splits them: PostgreSQL and SQLite index exactly the same terms. Title terms carry weight A
and the others weight B, which the ``:A`` / ``:B`` query labels select.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from coopdec.catalogue.search import table_swap
from coopdec.catalogue.search.backends import Cursor

_TSVECTOR = (
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'B')"
)


def _lexeme(term: str) -> str:
    return "'" + term.replace("'", "''").replace("\\", "\\\\") + "'"


class PostgresqlBackend:
    name = "postgresql"

    def install(self, cursor: Cursor) -> None:
        cursor.execute(
            f"ALTER TABLE search_document ADD COLUMN tsv tsvector "
            f"GENERATED ALWAYS AS ({_TSVECTOR}) STORED"
        )
        cursor.execute("CREATE INDEX search_document_tsv ON search_document USING GIN (tsv)")

    def uninstall(self, cursor: Cursor) -> None:
        cursor.execute("DROP INDEX IF EXISTS search_document_tsv")
        cursor.execute("ALTER TABLE search_document DROP COLUMN IF EXISTS tsv")

    def postings(self, cursor: Cursor, term: str) -> tuple[str, str]:
        cursor.execute(
            "SELECT string_agg(id::text, ',' ORDER BY id) "
            "FILTER (WHERE tsv @@ (%s::tsquery)), "
            "string_agg(id::text, ',' ORDER BY id) FILTER (WHERE tsv @@ (%s::tsquery)) "
            "FROM search_document WHERE tsv @@ (%s::tsquery)",
            [f"{_lexeme(term)}:A", f"{_lexeme(term)}:B", _lexeme(term)],
        )
        title, body = cursor.fetchone()
        return title or "", body or ""

    def raw_search(self, cursor: Cursor, terms: list[tuple[str, bool]], limit: int) -> list[int]:
        expression = " & ".join(_lexeme(t) + (":*" if prefix else "") for t, prefix in terms)
        cursor.execute(
            "SELECT id FROM search_document, CAST(%s AS tsquery) AS q WHERE tsv @@ q "
            "ORDER BY ts_rank(tsv, q) DESC LIMIT %s",
            [expression, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def replacing(self) -> AbstractContextManager[str]:
        """A copy of the table, filled without indexes (the GIN index is built once at the
        end, far faster than row by row), then swapped in: searches never wait for the
        rebuild (``table_swap``)."""
        return table_swap.replaced("search_document")

    def title_order_sql(self) -> str:
        return (
            'SELECT id FROM search_document WHERE NOT deleted ORDER BY sort_title COLLATE "C", '
            'kind COLLATE "C", object_id'
        )
