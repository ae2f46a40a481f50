"""``coopdec contributions``: the same queue, rights and refusals as the pages and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from typer.testing import CliRunner

from coopdec.catalogue.models import Partnership, Project
from coopdec.cli.app import app
from coopdec.contributions import services
from tests.contributions.conftest import partnership_values

pytestmark = pytest.mark.django_db(transaction=False)


def test_list_publish_reject(world: Any, partner: Any, mailoutbox: Any) -> None:
    links = {"foreign_authorities": [partner.pk]}
    one = services.propose(world.users["member"], world.own, "partnership",
                           partnership_values(), links)  # fmt: skip
    two = services.propose(world.users["member"], world.own, "partnership",
                           partnership_values(title="Deux"), links)  # fmt: skip
    runner = CliRunner()
    listed = runner.invoke(app, ["contributions", "list", "--as", "gestionnaire@example.org"])
    assert listed.exit_code == 0 and "2 contribution(s)" in listed.stdout
    assert "Deux" in listed.stdout
    none = runner.invoke(app, ["contributions", "list", "--as", "membre-b@example.org"])
    assert "0 contribution(s)" in none.stdout
    refused = runner.invoke(app, ["contributions", "publish", str(one.pk),
                                  "--as", "membre-b@example.org"])  # fmt: skip
    assert refused.exit_code == 3 and not Partnership.objects.filter(key=one.key).exists()
    done = runner.invoke(app, ["contributions", "publish", str(one.pk),
                               "--as", "gestionnaire@example.org"])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert Partnership.objects.filter(key=one.key).exists()
    again = runner.invoke(app, ["contributions", "publish", str(one.pk),
                                "--as", "gestionnaire@example.org"])  # fmt: skip
    assert again.exit_code == 4
    rejected = runner.invoke(app, ["contributions", "reject", str(two.pk), "--as",
                                   "moderateur@example.org", "--reason", "Doublon"])  # fmt: skip
    assert rejected.exit_code == 0 and "Doublon" in mailoutbox[0].body
    unknown = runner.invoke(app, ["contributions", "publish", "999999",
                                  "--as", "gestionnaire@example.org"])  # fmt: skip
    assert unknown.exit_code == 2


def test_close_calls_is_idempotent(world: Any) -> None:
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    call = services.propose(world.users["member"], world.own, "call",
                            {"title": "Appel", "call_closes_on": yesterday,
                             "call_contact": "contact@example.org"})  # fmt: skip
    services.publish(world.users["manager"], call)
    runner = CliRunner()
    first = runner.invoke(app, ["contributions", "close-calls"])
    assert "1 appel(s)" in first.stdout
    assert not Project.objects.get(key=call.key).open_to_new_members
    assert "0 appel(s)" in runner.invoke(app, ["contributions", "close-calls"]).stdout
