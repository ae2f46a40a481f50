"""API tokens: ``Authorization: Bearer``, hashed, revocable; a member of A cannot act on B."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from coopdec.accounts import services
from coopdec.accounts.models import ApiToken, Membership
from tests.accounts.conftest import make_user

pytestmark = pytest.mark.django_db


def _bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_me_needs_a_live_token(world: Any) -> None:
    client = Client()
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", **_bearer("cdk_faux")).status_code == 401
    token, secret = services.create_token(world.users["manager"], "SIG")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in (stored.digest, stored.prefix) and len(stored.digest) == 64
    answer = client.get("/api/v1/me", **_bearer(secret))
    assert answer.status_code == 200
    body = answer.json()
    assert body["email"] == "gestionnaire@example.org"
    assert [(m["code"], m["role"]) for m in body["memberships"]] == [("29", "manager")]
    services.revoke_token(world.users["manager"], token)
    assert client.get("/api/v1/me", **_bearer(secret)).status_code == 401


def test_member_of_a_token_cannot_decide_for_b(world: Any) -> None:
    applicant = make_user("candidat@example.org")
    pending_b = services.request_membership(applicant, world.other)
    pending_a = services.request_membership(make_user("autre@example.org"), world.own)
    _token, member_secret = services.create_token(world.users["member"], "m")
    _token, manager_secret = services.create_token(world.users["manager"], "g")
    client = Client()
    url_b = f"/api/v1/memberships/{pending_b.pk}/decision"
    for secret in (member_secret, manager_secret):
        answer = client.post(url_b, {"decision": "approve"}, content_type="application/json",
                             **_bearer(secret))  # fmt: skip
        assert answer.status_code == 403
    assert client.get(f"/api/v1/authorities/{world.other.pk}/members",
                      **_bearer(manager_secret)).status_code == 403  # fmt: skip
    pending_b.refresh_from_db()
    assert pending_b.status == Membership.Status.PENDING
    # The manager of A decides for A; a plain member of A may not.
    url_a = f"/api/v1/memberships/{pending_a.pk}/decision"
    assert client.post(url_a, {"decision": "approve"}, content_type="application/json",
                       **_bearer(member_secret)).status_code == 403  # fmt: skip
    answer = client.post(url_a, {"decision": "approve"}, content_type="application/json",
                         **_bearer(manager_secret))  # fmt: skip
    assert answer.status_code == 200 and answer.json()["status"] == "approved"
    members = client.get(f"/api/v1/authorities/{world.own.pk}/members", **_bearer(manager_secret))
    assert "autre@example.org" in {m["email"] for m in members.json()}


def test_read_endpoints_stay_public() -> None:
    assert Client().get("/api/v1/themes").status_code == 200
