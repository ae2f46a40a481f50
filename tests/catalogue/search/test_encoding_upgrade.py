"""Upgrading a database whose documents were encoded before a new dimension (migration 0006,
"example"): the old documents are dropped, a full rebuild is journalled, and the start-up's
``catch_up`` applies it; a new database gets nothing to do."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from coopdec.catalogue.search import SearchQuery, consistency, search
from coopdec.catalogue.search.models import SearchDocument, SearchPending
from tests.shared import contract_catalogue as catalogue

pytestmark = pytest.mark.django_db
_MIGRATION = import_module("coopdec.catalogue.search.migrations.0006_example_dimension")


def test_old_documents_are_dropped_and_rebuilt_by_the_catch_up(
    records: list[catalogue.Record],
) -> None:
    assert SearchDocument.objects.exists()
    _MIGRATION.ask_for_a_rebuild(apps, None)
    assert not SearchDocument.objects.exists()
    assert list(SearchPending.objects.values_list("full", flat=True)) == [True]
    assert not consistency.check().ok
    assert consistency.catch_up().ok
    result = search(SearchQuery.from_params({"example": "true", "page_size": "50"}))
    assert result.total == len(catalogue.EXAMPLES)


def test_a_database_without_documents_has_nothing_to_rebuild() -> None:
    SearchDocument.objects.all().delete()
    SearchPending.objects.all().delete()
    _MIGRATION.ask_for_a_rebuild(apps, None)
    assert not SearchPending.objects.exists()
