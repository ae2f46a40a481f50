"""The write API: drafts by token, same validation, rights and moderation as the forms;
OpenAPI documents it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from coopdec.accounts import services as accounts
from coopdec.accounts.models import Membership
from coopdec.catalogue.models import Partnership
from coopdec.contributions.models import ChangeRequest
from tests.contributions.conftest import partnership_values

pytestmark = pytest.mark.django_db


def _client(user: Any) -> tuple[Client, dict[str, str]]:
    _token, secret = accounts.create_token(user, "test")
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _json(client: Client, method: str, url: str, body: Any, auth: dict[str, str]) -> Any:
    return getattr(client, method)(url, body, content_type="application/json", **auth)


def test_post_then_publish_then_restore(world: Any, partner: Any) -> None:
    member, member_auth = _client(world.users["member"])
    body = {"authority_id": world.own.pk, "values": partnership_values(),
            "links": {"foreign_authorities": [partner.pk]}}  # fmt: skip
    assert Client().post("/api/v1/contributions/partnerships", body,
                         content_type="application/json").status_code == 401  # fmt: skip
    answer = _json(member, "post", "/api/v1/contributions/partnerships", body, member_auth)
    assert answer.status_code == 201, answer.content
    draft = answer.json()
    assert draft["state"] == "pending" and not Partnership.objects.filter(key=draft["key"]).exists()
    # The member cannot publish; the manager can.
    refused = _json(member, "post", f"/api/v1/moderation/{draft['id']}/publish", {}, member_auth)
    assert refused.status_code == 403
    manager, manager_auth = _client(world.users["manager"])
    queue = manager.get("/api/v1/moderation/queue?kind=partnership", **manager_auth).json()
    assert [c["id"] for c in queue] == [draft["id"]]
    done = _json(manager, "post", f"/api/v1/moderation/{draft['id']}/publish",
                 {"why": "ok"}, manager_auth)  # fmt: skip
    assert done.status_code == 200 and done.json()["number"] == 1
    key = draft["key"]
    patch = {**body, "values": partnership_values(title="Autre titre")}
    second = _json(member, "patch", f"/api/v1/contributions/partnerships/{key}", patch,
                   member_auth).json()  # fmt: skip
    diff = manager.get(f"/api/v1/moderation/{second['id']}/diff", **manager_auth).json()
    assert [(d["field"], d["after"]) for d in diff] == [("title", "Autre titre")]
    _json(manager, "post", f"/api/v1/moderation/{second['id']}/publish", {}, manager_auth)
    assert Partnership.objects.get(key=key).title == "Autre titre"
    versions = member.get(f"/api/v1/records/partnership/{key}/versions", **member_auth).json()
    assert [v["number"] for v in versions] == [2, 1]
    # A token needs a membership (accounts' rule ``token.create``): the network's moderator
    # is also a member of an authority of another région here.
    Membership.objects.create(user=world.users["moderator"], authority=world.other,
                              status=Membership.Status.APPROVED)  # fmt: skip
    moderator, moderator_auth = _client(world.users["moderator"])
    first = versions[1]["id"]
    assert _json(member, "post", f"/api/v1/versions/{first}/restore", {},
                 member_auth).status_code == 403  # fmt: skip
    back = _json(moderator, "post", f"/api/v1/versions/{first}/restore", {"why": "erreur"},
                 moderator_auth)  # fmt: skip
    assert back.status_code == 200 and back.json()["number"] == 3
    assert Partnership.objects.get(key=key).title == partnership_values()["title"]


def test_a_token_of_b_cannot_write_as_records_by_any_route(world: Any, partner: Any) -> None:
    manager, manager_auth = _client(world.users["manager"])
    member, member_auth = _client(world.users["member"])
    body = {"authority_id": world.own.pk, "values": partnership_values(),
            "links": {"foreign_authorities": [partner.pk]}}  # fmt: skip
    draft = _json(member, "post", "/api/v1/contributions/partnerships", body, member_auth).json()
    _json(manager, "post", f"/api/v1/moderation/{draft['id']}/publish", {}, manager_auth)
    other, other_auth = _client(world.users["member_other"])
    key = draft["key"]
    as_a = _json(other, "post", "/api/v1/contributions/partnerships", body, other_auth)
    as_b = {**body, "authority_id": world.other.pk}
    patch = _json(other, "patch", f"/api/v1/contributions/partnerships/{key}", as_b, other_auth)
    delete = _json(other, "delete", f"/api/v1/contributions/partnerships/{key}",
                   {"authority_id": world.other.pk}, other_auth)  # fmt: skip
    pending = _json(member, "post", "/api/v1/contributions/partnerships", body, member_auth).json()
    publish = _json(other, "post", f"/api/v1/moderation/{pending['id']}/publish", {}, other_auth)
    reject = _json(other, "post", f"/api/v1/moderation/{pending['id']}/reject",
                   {"reason": "non"}, other_auth)  # fmt: skip
    assert [r.status_code for r in (as_a, patch, delete, publish, reject)] == [403] * 5
    assert other.get("/api/v1/moderation/queue", **other_auth).json() == []
    assert ChangeRequest.objects.filter(authority=world.other).count() == 0
    assert ChangeRequest.objects.get(pk=pending["id"]).state == "pending"


def test_field_errors_and_html_kept_as_text(world: Any, partner: Any) -> None:
    member, auth = _client(world.users["member"])
    bad = {"authority_id": world.own.pk,
           "values": partnership_values(start_year="deux mille", relation_type="mariage"),
           "links": {"foreign_authorities": [partner.pk]}}  # fmt: skip
    answer = _json(member, "post", "/api/v1/contributions/partnerships", bad, auth)
    assert answer.status_code == 422
    assert {e["path"] for e in answer.json()["errors"]} == {"start_year", "relation_type"}
    html = {"authority_id": world.own.pk,
            "values": partnership_values(summary="<b onclick='x'>gras</b>"),
            "links": {"foreign_authorities": [partner.pk]}}  # fmt: skip
    stored = _json(member, "post", "/api/v1/contributions/partnerships", html, auth).json()
    assert stored["values"]["summary"] == "<b onclick='x'>gras</b>"
    assert ChangeRequest.objects.count() == 1


def test_a_stale_publish_is_a_409(world: Any, partner: Any) -> None:
    member, member_auth = _client(world.users["member"])
    manager, manager_auth = _client(world.users["manager"])
    body = {"authority_id": world.own.pk, "values": partnership_values(),
            "links": {"foreign_authorities": [partner.pk]}}  # fmt: skip
    draft = _json(member, "post", "/api/v1/contributions/partnerships", body, member_auth).json()
    _json(manager, "post", f"/api/v1/moderation/{draft['id']}/publish", {}, manager_auth)
    url = f"/api/v1/contributions/partnerships/{draft['key']}"
    one = _json(member, "patch", url, {**body, "values": partnership_values(summary="1")},
                member_auth).json()  # fmt: skip
    two = _json(member, "patch", url, {**body, "values": partnership_values(summary="2")},
                member_auth).json()  # fmt: skip
    _json(manager, "post", f"/api/v1/moderation/{one['id']}/publish", {}, manager_auth)
    stale = _json(manager, "post", f"/api/v1/moderation/{two['id']}/publish", {}, manager_auth)
    assert stale.status_code == 409 and "a été modifiée le" in stale.json()["detail"]


def test_openapi_documents_the_write_api() -> None:
    document = Client().get("/api/v1/openapi.json").json()
    paths = document["paths"]
    assert {"post"} <= set(paths["/api/v1/contributions/{kind}"])
    assert {"patch", "delete"} <= set(paths["/api/v1/contributions/{kind}/{key}"])
    assert "post" in paths["/api/v1/moderation/{change_id}/publish"]
    assert "post" in paths["/api/v1/versions/{version_id}/restore"]
