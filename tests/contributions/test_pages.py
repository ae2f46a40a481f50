"""The contribution pages: declare, review (diff, publish, edit then publish, reject), history
and restore, the detail page's "déclaré par … vérifié par …"; rights, field errors, HTML."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from coopdec.catalogue.models import Partnership, Project
from coopdec.contributions import services
from coopdec.contributions.models import ChangeRequest, RecordVersion
from coopdec.reference.models import Country
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _signed_in(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _partnership_form(**extra: Any) -> dict[str, Any]:
    senegal = Country.objects.get(iso2="SN")
    return {"title": "Finistère – Ziguinchor", "summary": "", "relation_type": "cooperation",
            "start_year": "2020", "status": "active", "partner_name": "Ziguinchor",
            "partner_country": senegal.pk, "partner_level": "municipality", **extra}  # fmt: skip


def test_member_declares_manager_publishes_detail_page_says_who(world: Any) -> None:
    member = _signed_in(world.users["member"])
    url = f"/contribuer/{world.own.pk}/partenariat/"
    assert member.get(url).status_code == 200
    answer = member.post(url, _partnership_form(summary="<script>alert(1)</script>"))
    assert answer.status_code == 302, answer.content.decode()[:2000]
    change = ChangeRequest.objects.get()
    manager = _signed_in(world.users["manager"])
    page = manager.get(f"/contribuer/moderation/{change.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert change.title in manager.get("/contribuer/moderation/").content.decode()
    done = manager.post(f"/contribuer/moderation/{change.pk}/", {"action": "publish", "why": "ok"})
    assert done.status_code == 302
    record = Partnership.objects.get(key=change.key)
    detail = Client().get(f"/partenariats/{record.pk}/").content.decode()
    assert "Déclaré par Finistère le" in detail and "vérifié par un gestionnaire" in detail
    assert "&lt;script&gt;" in detail


def test_field_errors_are_shown_by_field_and_nothing_is_kept(world: Any) -> None:
    member = _signed_in(world.users["member"])
    url = f"/contribuer/{world.own.pk}/appel/"
    answer = member.post(url, {"title": "", "description": "x", "call_closes_on": "31/02/2027",
                               "call_contact": ""})  # fmt: skip
    page = answer.content.decode()
    assert answer.status_code == 200 and page.count("fr-error-text") >= 3
    assert ChangeRequest.objects.count() == 0


def test_a_member_of_b_cannot_use_as_forms_or_moderation(world: Any) -> None:
    other = _signed_in(world.users["member_other"])
    url = f"/contribuer/{world.own.pk}/partenariat/"
    assert other.get(url).status_code == 403
    assert other.post(url, _partnership_form()).status_code == 403
    assert ChangeRequest.objects.count() == 0
    change = services.propose(world.users["member"], world.own, "call",
                              {"title": "Appel", "call_closes_on": "2030-01-01",
                               "call_contact": "a@example.org"})  # fmt: skip
    review = f"/contribuer/moderation/{change.pk}/"
    assert other.get(review).status_code == 403
    assert other.post(review, {"action": "publish"}).status_code == 403
    assert not Project.objects.filter(key=change.key).exists()
    assert Client().get("/contribuer/").status_code == 302  # to the sign-in page


def test_edit_then_publish_stale_and_restore_pages(world: Any) -> None:
    call = services.propose(world.users["member"], world.own, "call",
                            {"title": "Appel eau", "call_closes_on": "2030-01-01",
                             "call_contact": "a@example.org", "description": "Eau"})  # fmt: skip
    manager = _signed_in(world.users["manager"])
    form = {
        "action": "edit",
        "title": "Appel eau potable",
        "description": "Eau",
        "call_closes_on": "2030-01-01",
        "call_contact": "a@example.org",
        "why": "titre",
    }
    assert manager.post(f"/contribuer/moderation/{call.pk}/", form).status_code == 302
    project = Project.objects.get(key=call.key)
    assert project.title == "Appel eau potable" and project.open_to_new_members
    detail = Client().get(f"/projets/{project.pk}/").content.decode()
    assert "Appel à partenaires ouvert jusqu'au 2030-01-01" in detail
    # Two drafts read the same version; the second is refused with a clear message.
    member = _signed_in(world.users["member"])
    url = f"/contribuer/{world.own.pk}/appel/?cle={call.key}"
    base = member.get(url).context["form"].initial["base_updated_at"]
    fields = {"description": "Eau", "call_closes_on": "2030-01-01",
              "call_contact": "a@example.org", "base_updated_at": base}  # fmt: skip
    member.post(url, {**fields, "title": "Un"})
    member.post(url, {**fields, "title": "Deux"})
    one, two = ChangeRequest.objects.filter(state="pending").order_by("pk")
    manager.post(f"/contribuer/moderation/{one.pk}/", {"action": "publish"})
    stale = manager.post(f"/contribuer/moderation/{two.pk}/", {"action": "publish"})
    assert stale.status_code == 409 and "a été modifiée le" in stale.content.decode()
    # History and restore: the moderator only.
    history = f"/contribuer/historique/project/{call.key}"
    assert "Rétablir la version 1" not in manager.get(history).content.decode()
    moderator = _signed_in(world.users["moderator"])
    assert "Rétablir la version 1" in moderator.get(history).content.decode()
    first = RecordVersion.objects.get(key=call.key, number=1)
    assert manager.post(f"/contribuer/versions/{first.pk}/retablir/").status_code == 403
    moderator.post(f"/contribuer/versions/{first.pk}/retablir/")
    assert Project.objects.get(key=call.key).title == "Appel eau potable"
    assert RecordVersion.objects.filter(key=call.key).count() == 3
