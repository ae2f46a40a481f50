"""The account pages: memberships, decisions, tokens, audit log; every write of another
authority refused with 403 and nothing changed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver

from coopdec.accounts import services
from coopdec.accounts.models import ApiToken, AuditEvent, Membership
from tests.accounts.conftest import make_user

pytestmark = pytest.mark.django_db

# Every URL of the accounts app, with what it needs: a new page must be added here.
PUBLIC = {"login", "oidc_authenticate", "oidc_callback", "oidc_failed", "logout", "signup",
          "verify", "password_reset", "password_reset_done", "password_reset_confirm",
          "password_reset_complete"}  # fmt: skip
SIGNED_IN = {"account", "request_membership", "leave", "members", "decide", "create_token",
             "revoke_token", "audit", "workspace"}  # fmt: skip


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_account_url_is_classified() -> None:
    patterns = get_resolver().url_patterns
    names = set()
    for pattern in patterns:
        if getattr(pattern, "namespace", None) == "accounts":
            names |= {p.name for p in pattern.url_patterns if isinstance(p, URLPattern)}
    assert names == PUBLIC | SIGNED_IN


def test_signed_in_pages_need_a_sign_in(world: Any) -> None:
    client = Client()
    for url in ["/compte/", "/compte/journal/", f"/compte/collectivites/{world.own.pk}/membres/"]:
        answer = client.get(url)
        assert answer.status_code == 302
        assert answer["Location"].startswith("/compte/connexion/")


def test_member_of_a_cannot_write_for_b(world: Any) -> None:
    applicant = make_user("candidat@example.org")
    pending = services.request_membership(applicant, world.other)
    other_member = Membership.objects.get(user=world.users["member_other"])
    other_token, _secret = services.create_token(world.users["member_other"], "b")
    client = _client(world.users["member"])
    before = AuditEvent.objects.count()
    for url, data in [
        (f"/compte/adhesion/{pending.pk}/decision/", {"decision": "approve"}),
        (f"/compte/adhesion/{other_member.pk}/decision/", {"decision": "remove"}),
        (f"/compte/adhesion/{other_member.pk}/decision/", {"decision": "manager"}),
        (f"/compte/adhesion/{other_member.pk}/quitter/", {}),
        (f"/compte/jetons/{other_token.pk}/revoquer/", {}),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert client.get(f"/compte/collectivites/{world.other.pk}/membres/").status_code == 403
    assert client.get("/compte/journal/").status_code == 403
    pending.refresh_from_db()
    other_member.refresh_from_db()
    other_token.refresh_from_db()
    assert pending.status == Membership.Status.PENDING
    assert other_member.role == Membership.Role.MEMBER
    assert other_token.revoked_at is None
    assert AuditEvent.objects.count() == before


def test_request_and_manager_approval(world: Any) -> None:
    applicant = make_user("agent@example.org")
    client = _client(applicant)
    page = client.get("/compte/", {"q": "Finistère"})
    assert "Finistère" in page.content.decode()
    assert client.post("/compte/adhesion/", {"authority": world.own.pk}).status_code == 302
    membership = Membership.objects.get(user=applicant, authority=world.own)
    assert membership.status == Membership.Status.PENDING
    manager = _client(world.users["manager"])
    members = manager.get(f"/compte/collectivites/{world.own.pk}/membres/")
    assert "agent@example.org" in members.content.decode()
    manager.post(f"/compte/adhesion/{membership.pk}/decision/", {"decision": "approve"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPROVED
    assert membership.decided_by == world.users["manager"]
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "membership.request" in actions
    assert "membership.approve" in actions
    # The regional moderator may remove; the member may leave.
    moderator = _client(world.users["moderator"])
    other = Membership.objects.get(user=world.users["member"], authority=world.own)
    assert moderator.post(f"/compte/adhesion/{other.pk}/decision/",
                          {"decision": "remove"}).status_code == 302  # fmt: skip
    assert not Membership.objects.filter(pk=other.pk).exists()
    assert client.post(f"/compte/adhesion/{membership.pk}/quitter/").status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_search_by_official_code(world: Any) -> None:
    found = services.find_authorities("29")
    assert world.own in found


def test_tokens_shown_once_and_revoked(world: Any) -> None:
    client = _client(world.users["member"])
    client.post("/compte/jetons/", {"name": "SIG départemental"})
    page = client.get("/compte/").content.decode()
    token = ApiToken.objects.get(user=world.users["member"])
    import re

    secret = re.search(r'<code id="nouveau-jeton">(\S+)</code>', page)
    assert secret is not None
    assert secret.group(1) not in token.digest
    assert services.user_for_token(secret.group(1)) == world.users["member"]
    assert "nouveau-jeton" not in client.get("/compte/").content.decode()
    client.post(f"/compte/jetons/{token.pk}/revoquer/")
    assert services.user_for_token(secret.group(1)) is None
    # Someone with no authority cannot create one.
    loner = _client(world.users["signed_in"])
    assert loner.post("/compte/jetons/", {"name": "x"}).status_code == 403


def test_audit_log_csv_for_admins_only(world: Any) -> None:
    from coopdec.accounts import audit

    audit.record("membership.request", actor=world.users["member"], target="=HYPERLINK(1)")
    answer = _client(world.users["admin"]).get("/compte/journal/", {"format": "csv"})
    assert answer.status_code == 200
    text = answer.content.decode()
    assert text.splitlines()[0].startswith("date,auteur,action")
    assert "'=HYPERLINK(1)" in text
    assert "membre@example.org" in text


def test_audit_lines_cannot_change(world: Any) -> None:
    from coopdec.accounts import audit

    event = audit.record("auth.sign_in", actor=world.users["member"])
    event.action = "other"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_account_pages_in_english(world: Any) -> None:
    client = _client(world.users["manager"])
    client.cookies["django_language"] = "en"
    page = client.get("/compte/").content.decode()
    assert "My account" in page


def test_moderator_named_in_the_admin_is_audited(world: Any) -> None:
    from coopdec.reference.models import Region

    admin = _client(world.users["admin"])
    region = Region.objects.get(code="93")
    answer = admin.post(
        "/admin/accounts/networkmoderator/add/",
        {"user": world.users["signed_in"].pk, "region": region.pk},
    )
    assert answer.status_code == 302, answer.content.decode()[:800]
    event = AuditEvent.objects.get(action="role.grant_moderator")
    assert event.actor == world.users["admin"]
    from coopdec.accounts.permissions import can

    assert can(world.users["signed_in"], "membership.decide", Membership.objects.get(
        user=world.users["member_other"]))  # fmt: skip
