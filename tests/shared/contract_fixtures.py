"""The contract catalogue's fixtures (``contract_catalogue``, ``records``, ``by_key``), shared by
the search, CLI and API tests: created once per test module inside a transaction rolled back after.
Registered for the whole suite as a pytest plugin by ``tests/conftest.py``.

The same tests run on SQLite (``make test``'s first pass) and on PostgreSQL (second pass).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from tests.shared import contract_catalogue as catalogue


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def contract_catalogue(
    django_db_setup: Any, django_db_blocker: Any
) -> Iterator[list[catalogue.Record]]:
    """The small catalogue of ``catalogue.py``, indexed; every test sees it (and only it)."""
    from coopdec.catalogue.search import indexer, memory

    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                catalogue.create()
                indexer.rebuild_index()
                memory.reset()
                yield catalogue.records()
                raise _Rollback
        except _Rollback:
            pass
        memory.reset()


@pytest.fixture
def records(contract_catalogue: list[catalogue.Record], db: None) -> list[catalogue.Record]:
    return contract_catalogue


@pytest.fixture
def by_key(records: list[catalogue.Record]) -> dict[tuple[str, int], str]:
    return {(r.type, r.id): r.key for r in records}
