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


def _offer_args(region: str, *extra: str) -> list[str]:
    return ["contributions", "offer", "--region", region,
            "--title", "Nouakchott cherche une collectivité pour l'eau",
            "--closes-on", "2027-01-15", "--contact", "mairie@example.org",
            "--partner-name", "Nouakchott", "--partner-country", "MR",
            "--partner-level", "municipality", "--theme", "eau_assainissement", *extra]  # fmt: skip


def test_a_network_enters_a_foreign_offer_from_the_terminal(world: Any) -> None:
    from coopdec.catalogue.models import ForeignAuthority
    from coopdec.contributions import queries
    from coopdec.contributions.models import ChangeRequest

    region = world.own.region.code
    runner = CliRunner()
    done = runner.invoke(app, [*_offer_args(region, "--json"), "--as", "moderateur@example.org"])
    assert done.exit_code == 0, done.output
    change = ChangeRequest.objects.get()
    # The API's JSON for the same draft (POST /api/v1/offers answers ``change_fields``).
    import json

    assert json.loads(done.stdout) == json.loads(json.dumps(queries.change_fields(change)))
    assert change.authority is None and change.region.code == region
    assert change.links["french_authorities"] == []
    partner = ForeignAuthority.objects.get(pk=change.links["foreign_authorities"][0])
    assert (partner.name, partner.country.iso2, partner.level) == ("Nouakchott", "MR",
                                                                   "municipality")  # fmt: skip
    assert change.values["call_closes_on"] == "2027-01-15"
    # The network's moderators publish it, as from the page.
    assert [c.pk for c in queries.queue(world.users["moderator"])] == [change.pk]
    published = runner.invoke(app, ["contributions", "publish", str(change.pk),
                                    "--as", "moderateur@example.org"])  # fmt: skip
    assert published.exit_code == 0, published.output
    project = Project.objects.get(key=change.key)
    assert project.open_to_new_members and list(project.foreign_authorities.all()) == [partner]


@pytest.mark.parametrize("who", ["membre@example.org", "gestionnaire@example.org",
                                 "membre-b@example.org", "personne@example.org"])  # fmt: skip
def test_only_the_network_may_enter_an_offer(world: Any, who: str) -> None:
    from coopdec.catalogue.models import ForeignAuthority
    from coopdec.contributions.models import ChangeRequest

    partners = ForeignAuthority.objects.count()
    refused = CliRunner().invoke(app, [*_offer_args(world.own.region.code), "--as", who])
    assert refused.exit_code == 3
    assert "n'a pas le droit" in refused.output
    assert ChangeRequest.objects.count() == 0 and ForeignAuthority.objects.count() == partners


def test_a_moderator_of_another_region_is_refused(world: Any) -> None:
    from coopdec.contributions.models import ChangeRequest

    other = world.other.region.code
    assert other != world.own.region.code
    refused = CliRunner().invoke(app, [*_offer_args(other), "--as", "moderateur@example.org"])
    assert refused.exit_code == 3 and ChangeRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("extra", "code", "said"),
    [
        (["--closes-on", "bientôt"], 4, "--closes-on"),
        (["--title", ""], 4, "--title"),
        (["--partner-level", "planète"], 4, "--partner-level"),
        (["--partner-country", "XX"], 2, "pays inconnu : XX"),
        (["--theme", "pas_un_theme"], 2, "thème inconnu : pas_un_theme"),
        (["--region", "99"], 2, "région inconnue : 99"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(
    world: Any, extra: list[str], code: int, said: str
) -> None:
    from coopdec.catalogue.models import ForeignAuthority
    from coopdec.contributions.models import ChangeRequest

    partners = ForeignAuthority.objects.count()
    args = [*_offer_args(world.own.region.code), *extra, "--as", "moderateur@example.org"]
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == code, refused.output
    assert said in refused.output and "Traceback" not in refused.output
    if code == 4:
        assert "rien n'a été enregistré" in refused.output
        assert "call_closes_on" not in refused.output  # options, never the payload's names
    # Nothing half-written: no draft, and no foreign authority added for the refused offer.
    assert ChangeRequest.objects.count() == 0 and ForeignAuthority.objects.count() == partners


def test_an_offer_without_its_foreign_authority_is_refused(world: Any) -> None:
    from coopdec.contributions.models import ChangeRequest

    args = ["contributions", "offer", "--region", world.own.region.code, "--title", "Eau",
            "--closes-on", "2027-01-15", "--contact", "a@example.org",
            "--as", "moderateur@example.org"]  # fmt: skip
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 4 and "--partner :" in refused.output
    assert ChangeRequest.objects.count() == 0
