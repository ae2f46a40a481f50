"""The web tests' catalogue (``catalogue_data``), created once per module inside a
transaction rolled back afterwards, and indexed for the search service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from tests.web import catalogue_data


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def web_catalogue(django_db_setup: Any, django_db_blocker: Any) -> Iterator[catalogue_data.Created]:
    from coopdec.catalogue.search import memory, rebuild_index

    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                created = catalogue_data.create(replace=True)
                rebuild_index()
                memory.reset()
                yield created
                raise _Rollback
        except _Rollback:
            pass
        # The search index lives in this process's memory too: forget the rolled-back one.
        memory.reset()


@pytest.fixture
def catalogue(web_catalogue: catalogue_data.Created, db: None) -> catalogue_data.Created:
    return web_catalogue
