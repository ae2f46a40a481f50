"""``coopdec createadmin`` and ``coopdec cleanup`` (in-process, on the test database)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone
from typer.testing import CliRunner

from coopdec.accounts.models import AuditEvent
from coopdec.cli.app import app
from coopdec.workspaces.models import Workspace

pytestmark = pytest.mark.django_db


def test_createadmin(monkeypatch: Any) -> None:
    monkeypatch.setenv("COOPDEC_ADMIN_PASSWORD", "une phrase de passe solide 2026")
    done = CliRunner().invoke(app, ["createadmin", "--email", "Admin@Example.org"])
    assert done.exit_code == 0, done.output
    user = get_user_model().objects.get(email="admin@example.org")
    assert user.is_superuser and user.is_staff and user.is_active
    assert user.check_password("une phrase de passe solide 2026")
    assert AuditEvent.objects.filter(action="role.grant_admin", target="admin@example.org").exists()
    again = CliRunner().invoke(app, ["createadmin", "--email", "admin@example.org"])
    assert again.exit_code == 2
    assert "déjà" in again.output


def test_createadmin_refuses_a_weak_password(monkeypatch: Any) -> None:
    monkeypatch.setenv("COOPDEC_ADMIN_PASSWORD", "12345678")
    done = CliRunner().invoke(app, ["createadmin", "--email", "chef@example.org"])
    assert done.exit_code == 2
    assert "mot de passe refusé" in done.output
    assert not get_user_model().objects.filter(email="chef@example.org").exists()


def test_cleanup(monkeypatch: Any) -> None:
    old = Workspace.objects.create(token="old", project={"title": "ancien"})
    recent = Workspace.objects.create(token="recent", project={"title": "récent"})
    Workspace.objects.filter(pk=old.pk).update(updated_at=timezone.now() - dt.timedelta(days=40))
    Session.objects.create(
        session_key="expired0000000000000000000000000", session_data="",
        expire_date=timezone.now() - dt.timedelta(days=1),
    )  # fmt: skip
    Session.objects.create(
        session_key="live00000000000000000000000000000", session_data="",
        expire_date=timezone.now() + dt.timedelta(days=1),
    )  # fmt: skip
    done = CliRunner().invoke(app, ["cleanup", "--days", "30"])
    assert done.exit_code == 0, done.output
    assert "1 espace(s) projet, 1 session(s) expirée(s)" in done.output
    assert list(Workspace.objects.values_list("token", flat=True)) == [recent.token]
    assert Session.objects.filter(session_key__startswith="live").exists()
    refused = CliRunner().invoke(app, ["cleanup", "--days", "0"])
    assert refused.exit_code == 2


def test_member_add_first_manager_and_refusals(world: Any) -> None:
    from coopdec.accounts.models import Membership

    runner = CliRunner()
    args = ["member", "add", "personne@example.org", "--authority", "departement:13"]
    refused = runner.invoke(app, [*args, "--as", "membre@example.org", "--role", "manager"])
    assert refused.exit_code == 3
    assert not Membership.objects.filter(user=world.users["signed_in"]).exists()
    # The moderator of Bretagne may not act for Provence-Alpes-Côte d'Azur either.
    assert runner.invoke(app, [*args, "--as", "moderateur@example.org"]).exit_code == 3
    unknown = runner.invoke(app, [*args[:3], "--authority", "departement:999",
                                  "--as", "admin@example.org"])  # fmt: skip
    assert unknown.exit_code == 2
    done = runner.invoke(app, [*args, "--as", "admin@example.org", "--role", "manager"])
    assert done.exit_code == 0, done.output
    membership = Membership.objects.get(user=world.users["signed_in"], authority=world.other)
    assert membership.role == "manager" and membership.status == "approved"
    assert AuditEvent.objects.filter(action="membership.add").exists()
