"""The journal that makes an interrupted indexing visible: written with the change, cleared
with its indexing; ``consistency`` applies what is left and sees records indexed nowhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from coopdec.catalogue.changes import notify
from coopdec.catalogue.models import Project
from coopdec.catalogue.search import consistency
from coopdec.catalogue.search.models import SearchDocument, SearchPending
from tests.shared import contract_catalogue as catalogue

pytestmark = pytest.mark.django_db


def test_a_change_is_journalled_in_its_transaction_and_cleared_by_its_indexing(
    records: list[catalogue.Record], django_capture_on_commit_callbacks: Any
) -> None:
    project = Project.objects.get(key="J7")
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        notify(projects=[project.pk])
        assert list(SearchPending.objects.values_list("projects", flat=True)) == [[project.pk]]
    # The commit happened, its callbacks did not run: as if the process had been killed.
    assert consistency.check().pending == 1
    assert not consistency.check().ok
    for callback in callbacks:
        callback()
    assert not SearchPending.objects.exists()
    assert consistency.check().ok


def test_catch_up_applies_the_journal_and_indexes_missing_records(
    records: list[catalogue.Record],
) -> None:
    project = Project.objects.get(key="J7")
    SearchDocument.objects.filter(kind="project", object_id=project.pk).delete()
    SearchPending.objects.create(projects=[project.pk])
    health = consistency.check()
    assert (health.pending, health.ok) == (1, False)
    [projects] = [k for k in health.kinds if k.kind == "project"]
    assert projects.records == projects.documents + 1
    assert consistency.catch_up().ok
    assert SearchDocument.objects.filter(kind="project", object_id=project.pk).exists()

    SearchDocument.objects.filter(kind="project", object_id=project.pk).delete()  # no journal
    assert not consistency.check().ok
    assert consistency.catch_up().ok
