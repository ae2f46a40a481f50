"""The fields a contribution adds (convention dates, contacts, SDG targets; budget and
financing lines in the project file's vocabulary, results, lessons) from the form to the
public page, and the example flag: moderators only, by every path (service, page, API, CLI)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from typer.testing import CliRunner

from coopdec.accounts import services as accounts
from coopdec.catalogue.models import Example, Partnership, Project
from coopdec.cli.app import app
from coopdec.contributions import services
from coopdec.contributions.models import ChangeRequest
from coopdec.reference.models import Country, SdgTarget
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LINES = {
    "budget_lines": [{"category": "travaux", "year": 2026, "amount": "12000"},
                     {"category": "formation", "amount": "3000,5"}],
    "financing_lines": [{"source": "own_cash", "amount": "5000", "year": 2026},
                        {"source": "program", "name": "<b>FICOL</b>", "amount": "10000"}],
}  # fmt: skip


def _signed_in(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _project(world: Any, **values: Any) -> Project:
    change = services.propose(
        world.users["member"], world.own, "project",
        {"title": "Puits à Podor", "status": "active", **values},
    )  # fmt: skip
    services.publish(world.users["manager"], change)
    return Project.objects.get(key=change.key)


def test_project_lines_results_lessons_reach_the_page_as_text(world: Any) -> None:
    target = SdgTarget.objects.get(code="6.1")
    change = services.propose(
        world.users["member"], world.own, "project",
        {"title": "Puits", "status": "active", "results": "12 puits <script>x</script>",
         "lessons": "Associer les comités d'usagers.", **LINES},
        {"sdg_targets": [target.pk]},
    )  # fmt: skip
    assert change.values["budget_lines"][1] == {"category": "formation", "amount": "3000.50"}
    services.publish(world.users["manager"], change)
    project = Project.objects.get(key=change.key)
    assert project.financing_lines[1]["name"] == "<b>FICOL</b>"
    assert list(project.sdg_targets.all()) == [target]
    page = Client().get(f"/projets/{project.pk}/").content.decode()
    assert "12 puits &lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
    assert "Associer les comités d&#x27;usagers." in page
    assert "Travaux" in page and "Formation" in page and "&lt;b&gt;FICOL&lt;/b&gt;" in page
    assert "Apport en numéraire" in page and "6.1" in page


def test_bad_lines_name_the_line_and_nothing_is_written(world: Any) -> None:
    before = ChangeRequest.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.propose(
            world.users["member"], world.own, "project",
            {"title": "Puits", "budget_lines": [{"category": "yacht", "amount": "-3"}],
             "financing_lines": [{"source": "own_cash", "amount": "beaucoup", "year": 1200}]},
        )  # fmt: skip
    errors = caught.value.message_dict
    assert "ligne 1" in errors["budget_lines"][0] and "yacht" in errors["budget_lines"][0]
    assert any("montant invalide" in m for m in errors["budget_lines"])
    assert any("année invalide" in m for m in errors["financing_lines"])
    assert ChangeRequest.objects.count() == before


def test_partnership_convention_contacts_and_targets_by_the_form(world: Any, partner: Any) -> None:
    member = _signed_in(world.users["member"])
    target = SdgTarget.objects.get(code="6.1")
    form = {"title": "Finistère – Ziguinchor", "relation_type": "cooperation",
            "status": "active", "partner_name": "Ziguinchor",
            "partner_country": Country.objects.get(iso2="SN").pk, "partner_level": "other",
            "convention_signed_on": "2024-03-01", "convention_transmitted_on": "2024-03-15",
            "contacts": "Service des relations internationales, ri@example.org",
            "sdg_targets": [target.pk]}  # fmt: skip
    assert member.post(f"/contribuer/{world.own.pk}/partenariat/", form).status_code == 302
    change = ChangeRequest.objects.get()
    services.publish(world.users["manager"], change)
    record = Partnership.objects.get(key=change.key)
    assert str(record.convention_transmitted_on) == "2024-03-15"
    page = Client().get(f"/partenariats/{record.pk}/").content.decode()
    assert "Convention transmise au préfet le" in page and "15/03/2024" in page
    assert "ri@example.org" in page and "6.1" in page


def test_project_form_lines_round_trip_without_losing_a_line(world: Any) -> None:
    project = _project(world, **LINES)
    member = _signed_in(world.users["member"])
    url = f"/contribuer/{world.own.pk}/projet/?cle={project.key}"
    page = member.get(url).content.decode()
    assert 'name="budget_1_category"' in page and 'value="3000.50"' in page
    assert 'name="budget_2_category"' in page  # one empty row more than the record has
    data = {"title": "Puits", "status": "active", "budget_0_category": "travaux",
            "budget_0_amount": "100", "budget_5_category": "missions", "budget_5_amount": "7",
            "financing_0_source": "partner", "financing_0_amount": "107",
            "base_updated_at": project.updated_at.isoformat()}  # fmt: skip
    answer = member.post(url, data)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    draft = ChangeRequest.objects.latest("pk")
    assert [line["category"] for line in draft.values["budget_lines"]] == ["travaux", "missions"]
    bad = member.post(url, {**data, "budget_0_category": "", "budget_0_amount": "100"})
    assert bad.status_code == 200 and "poste ou source inconnu" in bad.content.decode()


def test_only_moderators_flag_an_example_by_any_path(world: Any) -> None:
    project = _project(world)
    for who in ("member", "manager", "member_other", "signed_in"):
        with pytest.raises(PermissionDenied):
            services.flag_example(world.users[who], project.key, "Bonne pratique")
    with pytest.raises(ValidationError):
        services.flag_example(world.users["moderator"], project.key, "  ")
    # The page's form: a manager's post is refused, nothing flagged.
    url = f"/contribuer/exemple/{project.key}"
    assert _signed_in(world.users["manager"]).post(url, {"why": "x"}).status_code == 403
    # The API: the member's token is refused.
    _token, secret = accounts.create_token(world.users["member"], "t")
    refused = Client().put(f"/api/v1/examples/{project.key}", {"why": "x"},
                           content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {secret}")  # fmt: skip
    assert refused.status_code == 403
    # The CLI.
    runner = CliRunner()
    cli = runner.invoke(app, ["contributions", "example", project.key, "--as",
                              "membre@example.org", "--why", "x"])  # fmt: skip
    assert cli.exit_code == 3
    assert not Example.objects.exists()
    # A moderator of the région flags it, on the page; the page shows why, as text.
    moderator = _signed_in(world.users["moderator"])
    detail = moderator.get(f"/projets/{project.pk}/").content.decode()
    assert "data-example-form" in detail
    assert moderator.post(url, {"why": "Gestion <i>partagée</i> de l'eau"}).status_code == 302
    page = Client().get(f"/projets/{project.pk}/").content.decode()
    assert "Exemple de bonne pratique" in page and "data-example-form" not in page
    assert "Gestion &lt;i&gt;partagée&lt;/i&gt; de l&#x27;eau" in page
    assert Example.objects.get().flagged_by.startswith("le réseau régional")
    removed = runner.invoke(app, ["contributions", "example", project.key, "--as",
                                  "moderateur@example.org", "--remove"])  # fmt: skip
    assert removed.exit_code == 0 and not Example.objects.exists()
    admin = runner.invoke(app, ["contributions", "example", project.key, "--as",
                                "admin@example.org", "--why", "Exemplaire"])  # fmt: skip
    assert admin.exit_code == 0 and Example.objects.get().why == "Exemplaire"


def test_unknown_project_is_a_404_for_the_example_flag(world: Any) -> None:
    moderator = _signed_in(world.users["moderator"])
    assert moderator.post("/contribuer/exemple/nope", {"why": "x"}).status_code == 404
    with pytest.raises(LookupError):
        services.flag_example(world.users["moderator"], "nope", "x")
