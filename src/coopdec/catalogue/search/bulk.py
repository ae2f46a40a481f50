"""Bulk loading into SQLite: secondary indexes built once at the end, a larger page cache.

Inserting a million rows into tables with several secondary indexes (every many-to-many
table has three) costs a B-tree descent per index and per row, most of them on pages no
longer in SQLite's small default cache. Dropping the secondary indexes, loading, then
creating them again sorts each index once. Everything happens inside the caller's
transaction: if the load fails, the rollback brings the indexes back as they were.
PostgreSQL loads with ``COPY`` and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection

# Pages kept in memory while loading (negative: KiB), instead of SQLite's 2 MiB default.
BULK_CACHE_KIB = 256 * 1024


@contextmanager
def sqlite_bulk(tables: Sequence[str]) -> Iterator[None]:
    """Within a transaction: drop the secondary indexes of ``tables``, recreate them on exit."""
    if connection.vendor != "sqlite":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("sqlite_bulk must run inside a transaction")
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(tables))
        # Automatic indexes (UNIQUE and primary key constraints) have no SQL and stay.
        cursor.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' "  # noqa: S608
            f"AND sql IS NOT NULL AND tbl_name IN ({marks}) ORDER BY name",
            list(tables),
        )
        indexes = cursor.fetchall()
        cursor.execute("PRAGMA cache_size")
        (previous_cache,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
        with connection.cursor() as cursor:
            for _, sql in indexes:
                cursor.execute(sql)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous_cache)}")
