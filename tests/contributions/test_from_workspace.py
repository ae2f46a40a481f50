"""A workspace project (/projet/) shared with an authority becomes a catalogue project draft
in one step, its fields carried over; someone else's workspace cannot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.exceptions import PermissionDenied
from django.test import Client

from coopdec.accounts.models import OwnedWorkspace
from coopdec.catalogue.models import Project
from coopdec.contributions import services
from coopdec.contributions.models import ChangeRequest
from coopdec.workspaces.models import Workspace
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).parents[2] / "src/coopdec/assistant/examples/carmaux-koudougou-eau.yaml"


def _owned(world: Any) -> OwnedWorkspace:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as the workspace stores them
    workspace = Workspace.objects.create(token="t-contrib", project=data)
    return OwnedWorkspace.objects.create(
        workspace=workspace, owner=world.users["member"], authority=world.own
    )


def test_a_workspace_project_becomes_a_draft_then_a_catalogue_project(world: Any) -> None:
    owned = _owned(world)
    with pytest.raises(PermissionDenied):
        services.propose_from_workspace(world.users["member_other"], owned)
    client = Client()
    assert client.login(username="membre@example.org", password=PASSWORD)
    assert "Proposer au catalogue" in client.get("/contribuer/").content.decode()
    assert client.post(f"/contribuer/espace/{owned.pk}/").status_code == 302
    change = ChangeRequest.objects.get()
    assert change.kind == "project" and change.values["budget"] == "100000"
    services.publish(world.users["manager"], change)
    project = Project.objects.get(key=change.key)
    assert project.title.startswith("Accès à l'eau potable")
    # The catalogue's own Koudougou (same normalised name): no duplicate; the NGO is left out.
    assert [p.search_name for p in project.foreign_authorities.all()] == ["koudougou"]
    assert {c.iso2 for c in project.countries.all()} == {"BF"}
    assert {t.code for t in project.themes.all()} == {"eau_assainissement", "gouvernance_locale"}
    assert project.sdg_targets.count() == 3
    assert str(project.start_date) == "2025-09-01" and world.own in project.french_authorities.all()
    # The financing plan, in the project file's vocabulary; funders in words, never an id.
    assert [(line["source"], line["amount"]) for line in project.financing_lines] == [
        ("own_cash", "25000.00"), ("own_in_kind", "8000.00"), ("one_percent", "12000.00"),
        ("partner", "5000.00"), ("program", "50000.00"),
    ]  # fmt: skip
    assert "dctciv" not in project.funders and "own_cash" not in project.funders
    assert project.funders and project.financing_lines[4]["name"] == project.funders
