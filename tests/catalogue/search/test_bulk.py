"""Bulk loading: secondary indexes (and PostgreSQL foreign keys) dropped for the load, back
afterwards, on both engines."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, connections, transaction

from coopdec.catalogue.search import rebuild_index
from coopdec.catalogue.search.bulk import bulk_load

pytestmark = pytest.mark.django_db

TABLE = "catalogue_project_themes"


def _indexes(table: str = TABLE) -> set[str]:
    """Secondary indexes: those the bulk load drops (not the primary key, and on PostgreSQL
    not those backing a unique constraint)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND tbl_name = %s",
                [table],
            )
        else:
            cursor.execute(
                "SELECT i.indexrelid::regclass::text FROM pg_index i "
                "WHERE i.indrelid = %s::regclass AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
                [table],
            )
        return {row[0] for row in cursor.fetchall()}


def _foreign_keys(table: str = TABLE) -> dict[str, str]:
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = %s::regclass",
            [table],
        )
        return dict(cursor.fetchall())


def test_indexes_are_dropped_during_the_load_and_rebuilt_after() -> None:
    before, keys = _indexes(), _foreign_keys()
    # SQLite: (project, theme) unique, project, theme; PostgreSQL: project, theme (the unique
    # one backs a constraint and stays), and the two foreign keys.
    assert len(before) == (3 if connection.vendor == "sqlite" else 2)
    assert len(keys) == (2 if connection.vendor == "postgresql" else 0)
    with transaction.atomic(), bulk_load([TABLE]):
        assert _indexes() == set()
        assert _foreign_keys() == {}
    assert _indexes() == before
    assert _foreign_keys() == keys


def test_a_failed_load_brings_the_indexes_back() -> None:
    before, keys = _indexes(), _foreign_keys()
    with pytest.raises(ZeroDivisionError), transaction.atomic(), bulk_load([TABLE]):
        assert _indexes() == set()
        1 / 0  # noqa: B018
    assert _indexes() == before
    assert _foreign_keys() == keys


def test_a_row_breaking_a_foreign_key_fails_the_whole_load() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps its foreign keys during the load (checked at commit)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalogue_project_themes")
        (count,) = cursor.fetchone()
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        bulk_load([TABLE]),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "INSERT INTO catalogue_project_themes (project_id, theme_id) VALUES (%s, %s)",
            [987654321, 987654321],
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalogue_project_themes")
        assert cursor.fetchone() == (count,)
    assert len(_foreign_keys()) == 2


def test_the_rebuilt_index_keeps_its_indexes() -> None:
    before = _indexes("search_document")
    assert "search_title" in before
    if connection.vendor == "postgresql":
        assert "search_document_tsv" in before  # the GIN index of the text search
    rebuild_index()
    assert _indexes("search_document") == before


def test_refuses_to_run_outside_a_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test itself runs in a transaction: pretend it does not (a real autocommit test
    # would flush the reference data the whole session shares).
    before = _indexes()
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    with pytest.raises(RuntimeError, match="transaction"), bulk_load([TABLE]):
        pass
    monkeypatch.undo()
    assert _indexes() == before
