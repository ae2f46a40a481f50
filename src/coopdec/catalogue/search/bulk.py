"""Bulk loading: secondary indexes (and, on PostgreSQL, foreign keys) built once at the end.

Inserting a million rows into tables with several secondary indexes (every many-to-many
table has three) costs a B-tree descent per index and per row, most of them on pages no
longer in the database's cache. Dropping the secondary indexes, loading, then creating them
again sorts each index once.

On PostgreSQL the foreign keys cost even more: Django declares them ``DEFERRABLE INITIALLY
DEFERRED``, so each inserted row queues a trigger event that the commit then runs, one
indexed look-up per row (about 70 s for the eleven million links of a million projects).
Added back at the end, a foreign key is checked by a single join over the whole table.
Primary keys and unique constraints stay: they are what makes a duplicate fail the load.

Everything happens inside the caller's transaction (DDL is transactional on both engines):
if the load fails, the rollback brings the indexes and constraints back as they were; if a
row breaks a constraint, re-creating it fails and the whole load is rolled back.

Only for tables nobody reads meanwhile on PostgreSQL (a first load, the benchmarks' synthetic
catalogue): ``DROP INDEX`` and ``DROP CONSTRAINT`` take an ACCESS EXCLUSIVE lock that lasts
until the commit, so every reader of the table waits for the whole load. The search index,
which servers read while an import rebuilds it, is replaced through ``table_swap`` instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection

# Pages kept in memory while loading (negative: KiB), instead of SQLite's 2 MiB default.
BULK_CACHE_KIB = 256 * 1024
# Memory PostgreSQL may use to sort one index (or validate one foreign key) at the end.
BULK_MAINTENANCE_MEMORY = "256MB"


@contextmanager
def bulk_load(tables: Sequence[str]) -> Iterator[None]:
    """Within a transaction: drop the secondary indexes of ``tables`` (and their foreign keys
    on PostgreSQL), recreate them on exit."""
    if not connection.in_atomic_block:
        raise RuntimeError("bulk_load must run inside a transaction")
    if connection.vendor == "sqlite":
        with _sqlite(tables):
            yield
    elif connection.vendor == "postgresql":
        with _postgresql(tables):
            yield
    else:  # pragma: no cover (the two engines coopdec supports)
        yield


def _sqlite_indexes(cursor: Any, tables: Sequence[str]) -> list[tuple[str, str]]:
    marks = ", ".join(["%s"] * len(tables))
    # Automatic indexes (UNIQUE and primary key constraints of the table definition) have no
    # SQL and stay; Django's UniqueConstraint is a CREATE UNIQUE INDEX and is rebuilt, which
    # checks it again.
    cursor.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' "  # noqa: S608
        f"AND sql IS NOT NULL AND tbl_name IN ({marks}) ORDER BY name",
        list(tables),
    )
    return list(cursor.fetchall())


@contextmanager
def _sqlite(tables: Sequence[str]) -> Iterator[None]:
    with connection.cursor() as cursor:
        indexes = _sqlite_indexes(cursor, tables)
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


def _postgresql_objects(
    cursor: Any, tables: Sequence[str]
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(table, name, definition) of the foreign keys, (name, definition) of the indexes that
    back no constraint."""
    names = list(tables)
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
        [names],
    )
    foreign_keys = list(cursor.fetchall())
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
        [names],
    )
    return foreign_keys, list(cursor.fetchall())


@contextmanager
def _postgresql(tables: Sequence[str]) -> Iterator[None]:
    quote = connection.ops.quote_name
    # Rows written earlier in the transaction have deferred checks pending, and a table with
    # pending trigger events cannot be altered: run those checks now.
    connection.check_constraints()
    with connection.cursor() as cursor:
        foreign_keys, indexes = _postgresql_objects(cursor, tables)
        for table, name, _ in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{BULK_MAINTENANCE_MEMORY}'")
        for _, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
