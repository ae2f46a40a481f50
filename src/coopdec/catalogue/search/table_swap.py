"""Replacing a whole PostgreSQL table while servers read it: fill a copy, then swap names.

A full rebuild of the search index used to empty ``search_document``, drop its indexes, load
it and build them again, all in one transaction (``bulk.bulk_load``). ``DROP INDEX`` takes an
``ACCESS EXCLUSIVE`` lock held until the commit, so every search of every server waited for
the whole rebuild: about two minutes at 100 000 IATI activities (docs/benchmarks.md, issue 19).

``replaced(table)`` gives instead an empty copy of ``table`` without indexes (the fast way to
load it), which the caller fills in its transaction; on exit the copy gets the indexes and
constraints of ``table``, its statistics, and, in a few catalogue operations, its place and its
names. Readers meanwhile see the served table, untouched; only the swap needs the exclusive
lock, for milliseconds, and the commit that follows it makes the new table visible in one
step: a reader sees the old complete table or the new complete one, never a half-built one.
A process killed before the commit leaves nothing: the copy is created in the transaction.

The ids of the copy carry on from the served table's sequence, so an id a server still holds
from the old table is gone from the new one, never another row (``service._hits`` leaves a
vanished id out). Old and new table exist together until the commit: the disk needs room for
both (the dropped table's space is freed at once, where emptying it with ``DELETE`` left it
to ``VACUUM``). The copy belongs to the role that rebuilds, which must own the table anyway
(``DROP INDEX`` needed it too); privileges granted on the table to other roles are not copied.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import OperationalError, connection, transaction

# Memory PostgreSQL may use to sort one index of the copy (as ``bulk.bulk_load``).
BULK_MAINTENANCE_MEMORY = "256MB"
# The swap waits at most this long for readers to let go of the table, then lets the readers
# queued behind it through and tries again: a waiting ACCESS EXCLUSIVE request blocks every
# new reader, so it must not wait long at a time.
SWAP_LOCK_WAIT = "1s"
SWAP_TRIES = 20
SWAP_PAUSE_SECONDS = 0.2
_LOCK_NOT_AVAILABLE = "55P03"
_INDEX = re.compile(r"CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?\S+ (USING .*)", re.DOTALL)


@dataclass
class _Definition:
    """What the copy needs of the served table, read from the catalogue."""

    # (name, definition) of the constraints backed by an index or checked against another
    # table (primary key, unique, exclusion, foreign key): added after the load.
    constraints: list[tuple[str, str]] = field(default_factory=list)
    # (name, "USING …" part, unique) of the other indexes.
    indexes: list[tuple[str, str, bool]] = field(default_factory=list)
    # (column, sequence) of the identity columns.
    identities: list[tuple[str, str]] = field(default_factory=list)


def shadow_name(table: str) -> str:
    """The copy's name while it is being filled."""
    return f"{table}_next"


def _temporary(name: str) -> str:
    """A constraint or index name of the copy until the swap (names are unique per schema)."""
    return f"{name[:57]}_next"


def _read_definition(cursor: Any, table: str) -> _Definition:
    cursor.execute(
        "SELECT conrelid::regclass::text, conname FROM pg_constraint "
        "WHERE contype = 'f' AND confrelid = %s::regclass",
        [table],
    )
    if referencing := cursor.fetchall():
        raise RuntimeError(f"{table} cannot be swapped: foreign keys point to it ({referencing})")
    cursor.execute(
        "SELECT attname FROM pg_attribute a JOIN pg_attrdef d "
        "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "WHERE a.attrelid = %s::regclass AND pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%%'",
        [table],
    )
    if serial := cursor.fetchall():
        # The copy's default would use the served table's sequence, dropped with it.
        raise RuntimeError(f"{table} cannot be swapped: serial columns {serial}")
    found = _Definition()
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('p', 'u', 'x', 'f') "
        "ORDER BY contype = 'f', contype <> 'p', conname",
        [table],
    )
    found.constraints = list(cursor.fetchall())
    cursor.execute(
        "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
        "ORDER BY c.relname",
        [table],
    )
    for name, definition in cursor.fetchall():
        parts = _INDEX.fullmatch(definition)
        if parts is None:  # pragma: no cover (pg_get_indexdef's fixed shape)
            raise RuntimeError(f"unexpected index definition: {definition}")
        found.indexes.append((name, parts.group(2), bool(parts.group(1))))
    cursor.execute(
        "SELECT attname, pg_get_serial_sequence(%s, attname) FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attidentity <> '' ORDER BY attnum",
        [table, table],
    )
    found.identities = list(cursor.fetchall())
    return found


def _create_copy(cursor: Any, table: str, shadow: str, definition: _Definition) -> None:
    quote = connection.ops.quote_name
    # Columns, defaults, generated columns, identities, NOT NULL and CHECK constraints,
    # storage and comments; indexes (primary key included) come after the load.
    cursor.execute(f"DROP TABLE IF EXISTS {quote(shadow)}")
    cursor.execute(
        f"CREATE TABLE {quote(shadow)} (LIKE {quote(table)} INCLUDING ALL EXCLUDING INDEXES)"
    )
    for column, sequence in definition.identities:
        # The sequence's name as PostgreSQL quotes it (pg_get_serial_sequence).
        cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608
        last, called = cursor.fetchone()
        start = int(last) + 1 if called else int(last)
        cursor.execute(
            f"ALTER TABLE {quote(shadow)} ALTER COLUMN {quote(column)} RESTART WITH {start}"
        )


def _index_copy(cursor: Any, shadow: str, definition: _Definition) -> None:
    quote = connection.ops.quote_name
    cursor.execute(f"SET LOCAL maintenance_work_mem = '{BULK_MAINTENANCE_MEMORY}'")
    for name, constraint in definition.constraints:
        cursor.execute(
            f"ALTER TABLE {quote(shadow)} ADD CONSTRAINT {quote(_temporary(name))} {constraint}"
        )
    for name, using, unique in definition.indexes:
        kind = "UNIQUE INDEX" if unique else "INDEX"
        cursor.execute(f"CREATE {kind} {quote(_temporary(name))} ON {quote(shadow)} {using}")
    # The planner's statistics, which a new table lacks until autovacuum gets to it.
    cursor.execute(f"ANALYZE {quote(shadow)}")


def _lock(cursor: Any, table: str) -> None:
    """ACCESS EXCLUSIVE on the served table, waiting ``SWAP_LOCK_WAIT`` at a time (the last
    try waits as long as it takes): a long reader must not hold every other one back."""
    quote = connection.ops.quote_name
    cursor.execute("SELECT current_setting('lock_timeout')")
    (previous,) = cursor.fetchone()
    for _ in range(SWAP_TRIES - 1):
        try:
            with transaction.atomic():  # a savepoint: a timed-out try leaves the rest intact
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [SWAP_LOCK_WAIT])
                cursor.execute(f"LOCK TABLE {quote(table)} IN ACCESS EXCLUSIVE MODE")
        except OperationalError as exc:
            if getattr(exc.__cause__, "sqlstate", None) != _LOCK_NOT_AVAILABLE:
                raise
            time.sleep(SWAP_PAUSE_SECONDS)
        else:
            break
    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])
    cursor.execute(f"LOCK TABLE {quote(table)} IN ACCESS EXCLUSIVE MODE")  # held: at once


def _swap(cursor: Any, table: str, shadow: str, definition: _Definition) -> None:
    quote = connection.ops.quote_name
    _lock(cursor, table)
    cursor.execute(f"DROP TABLE {quote(table)}")
    cursor.execute(f"ALTER TABLE {quote(shadow)} RENAME TO {quote(table)}")
    # The served table's names, which migrations and ``bulk``'s introspection refer to.
    for name, _ in definition.constraints:
        cursor.execute(
            f"ALTER TABLE {quote(table)} RENAME CONSTRAINT {quote(_temporary(name))} "
            f"TO {quote(name)}"
        )
    for name, _, _ in definition.indexes:
        cursor.execute(f"ALTER INDEX {quote(_temporary(name))} RENAME TO {quote(name)}")
    for column, old_sequence in definition.identities:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
        (new_sequence,) = cursor.fetchone()
        old_name = old_sequence.rpartition(".")[2]
        cursor.execute(f"ALTER SEQUENCE {new_sequence} RENAME TO {old_name}")


@contextmanager
def replaced(table: str) -> Iterator[str]:
    """Within a transaction, on PostgreSQL: yield the name of an empty copy of ``table`` to
    fill; on normal exit the copy, indexed, takes ``table``'s place and names. Run the rest
    of the transaction's work inside the block: the swap's exclusive lock lasts until the
    commit."""
    if not connection.in_atomic_block:
        raise RuntimeError("replaced must run inside a transaction")
    if connection.vendor != "postgresql":
        raise RuntimeError("replaced is PostgreSQL's (SQLite readers do not wait for a writer)")
    shadow = shadow_name(table)
    with connection.cursor() as cursor:
        definition = _read_definition(cursor, table)
        _create_copy(cursor, table, shadow, definition)
    yield shadow
    with connection.cursor() as cursor:
        _index_copy(cursor, shadow, definition)
        _swap(cursor, table, shadow, definition)
