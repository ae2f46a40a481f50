"""Workspace projects kept by accounts: claimed at sign-in, listed, opened, renamed,
duplicated, shared with an authority, deleted; anonymous ones expire, owned ones stay."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from coopdec.accounts import services
from coopdec.accounts.models import OwnedWorkspace
from coopdec.web.workspace.storage import SESSION_KEY
from coopdec.workspaces import services as workspaces
from coopdec.workspaces.models import Workspace
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_session_key_is_the_workspace_one() -> None:
    assert services.WORKSPACE_SESSION_KEY == SESSION_KEY


def _anonymous_project(client: Client, title: str) -> Workspace:
    session = client.session
    token = workspaces.new_token()
    workspaces.save(token, {"coopdec_project": 1, "title": title})
    session[SESSION_KEY] = token
    session.save()
    return Workspace.objects.get(token=token)


def test_claimed_at_sign_in_then_managed(world: Any) -> None:
    client = Client()
    workspace = _anonymous_project(client, "Eau potable à Koudougou")
    answer = client.post("/compte/connexion/", {"username": "membre@example.org",
                                                 "password": PASSWORD})  # fmt: skip
    assert answer.status_code == 302
    owned = OwnedWorkspace.objects.get(workspace=workspace)
    assert owned.owner == world.users["member"]
    page = client.get("/compte/").content.decode()
    assert "Eau potable à Koudougou" in page
    url = f"/compte/projets/{owned.pk}/"
    client.post(url, {"action": "rename", "name": "Koudougou 2027"})
    client.post(url, {"action": "share", "authority": world.own.pk})
    owned.refresh_from_db()
    assert owned.name == "Koudougou 2027" and owned.authority == world.own
    client.post(url, {"action": "duplicate"})
    assert OwnedWorkspace.objects.filter(owner=world.users["member"]).count() == 2
    # Shared with A: the manager of A sees and opens it.
    manager = Client()
    manager.force_login(world.users["manager"])
    assert "Koudougou 2027" in manager.get("/compte/").content.decode()
    opened = manager.post(url, {"action": "open"})
    assert opened.status_code == 302 and opened["Location"] == "/projet/"
    assert manager.session[SESSION_KEY] == workspace.token
    # A member of B may not touch it, nor share a project with B without belonging to B.
    outsider = Client()
    outsider.force_login(world.users["member_other"])
    for action in ("open", "rename", "duplicate", "delete", "share"):
        assert outsider.post(url, {"action": action}).status_code == 403
    assert client.post(url, {"action": "share", "authority": world.other.pk}).status_code == 403
    owned.refresh_from_db()
    assert owned.authority == world.own
    client.post(url, {"action": "delete"})
    assert not Workspace.objects.filter(pk=workspace.pk).exists()


def test_cleanup_deletes_only_anonymous_workspaces(world: Any) -> None:
    from coopdec.accounts.maintenance import cleanup

    old = timezone.now() - dt.timedelta(days=400)
    anonymous = Workspace.objects.create(token="anon", project={})
    kept = Workspace.objects.create(token="kept", project={})
    OwnedWorkspace.objects.create(workspace=kept, owner=world.users["member"])
    Workspace.objects.filter(pk__in=[anonymous.pk, kept.pk]).update(updated_at=old)
    report = cleanup(30)
    assert report.workspaces == 1
    assert list(Workspace.objects.filter(token__in=["anon", "kept"]).values_list(
        "token", flat=True)) == ["kept"]  # fmt: skip


def test_anonymous_workspaces_are_capped(world: Any, settings: Any) -> None:
    settings.COOPDEC_ANONYMOUS_WORKSPACES_MAX = 2
    Workspace.objects.all().delete()
    for day, token in enumerate(["a", "b", "c", "d"]):
        Workspace.objects.create(token=token, project={})
        Workspace.objects.filter(token=token).update(
            updated_at=timezone.now() - dt.timedelta(days=10 - day)
        )
    owned = Workspace.objects.get(token="a")
    OwnedWorkspace.objects.create(workspace=owned, owner=world.users["member"])
    assert workspaces.purge() == 1  # "b", the oldest anonymous one, goes
    assert sorted(Workspace.objects.values_list("token", flat=True)) == ["a", "c", "d"]
