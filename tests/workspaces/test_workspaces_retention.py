"""The server keeps a workspace only while its visitor uses it (``workspaces.services``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coopdec.workspaces import services as workspaces
from coopdec.workspaces.models import Workspace

pytestmark = pytest.mark.django_db


def test_workspaces_untouched_for_months_are_purged() -> None:
    workspaces.save("old", {"coopdec_project": 1, "title": "Ancien"})
    workspaces.save("recent", {"coopdec_project": 1, "title": "Récent"})
    Workspace.objects.filter(token="old").update(
        updated_at=timezone.now() - workspaces.RETENTION - dt.timedelta(days=1)
    )
    assert workspaces.purge() == 1
    assert workspaces.load("old") is None
    assert workspaces.load("recent") == {"coopdec_project": 1, "title": "Récent"}
