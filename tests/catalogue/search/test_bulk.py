"""Bulk loading into SQLite: secondary indexes dropped for the load, back afterwards."""

from __future__ import annotations

import pytest
from django.db import connection, connections, transaction

from coopdec.catalogue.search.bulk import sqlite_bulk

pytestmark = pytest.mark.django_db

TABLE = "catalogue_project_themes"


def _indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name = %s",
            [TABLE],
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture(autouse=True)
def _sqlite_only() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL loads with COPY")


def test_indexes_are_dropped_during_the_load_and_rebuilt_after() -> None:
    before = _indexes()
    assert len(before) == 3  # (project, theme) unique, project, theme
    with transaction.atomic(), sqlite_bulk([TABLE]):
        assert _indexes() == set()
    assert _indexes() == before


def test_a_failed_load_brings_the_indexes_back() -> None:
    before = _indexes()
    with pytest.raises(ZeroDivisionError), transaction.atomic(), sqlite_bulk([TABLE]):
        assert _indexes() == set()
        1 / 0  # noqa: B018
    assert _indexes() == before


def test_refuses_to_run_outside_a_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test itself runs in a transaction: pretend it does not (a real autocommit test
    # would flush the reference data the whole session shares).
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    with pytest.raises(RuntimeError, match="transaction"), sqlite_bulk([TABLE]):
        pass
    monkeypatch.undo()
    assert len(_indexes()) == 3
