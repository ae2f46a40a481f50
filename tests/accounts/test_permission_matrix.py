"""Every role x every write action x own / other authority (region): allowed or refused.

A new action in ``coopdec.accounts.permissions.ACTIONS`` without a line in EXPECTED fails
``test_every_action_has_expectations``.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from coopdec.accounts.models import ApiToken, Membership, OwnedWorkspace
from coopdec.accounts.permissions import ACTIONS, can, require
from coopdec.workspaces.models import Workspace

ROLES = ["visitor", "signed_in", "member", "manager", "moderator", "admin"]
TARGETS = ["own", "other"]
ALL = {(role, target) for role in ROLES for target in TARGETS}


def allowed(*roles: str, targets: tuple[str, ...] = ("own",)) -> set[tuple[str, str]]:
    return {(role, target) for role in roles for target in targets}


# "own" is authority A (the member's, manager's and, by its région, the moderator's); "other"
# is authority B in another région. For membership.* the object is someone's membership of A or
# B; for token.* a token of the acting user ("own") or of someone else ("other").
EXPECTED: dict[str, set[tuple[str, str]]] = {
    "authority.edit_draft": allowed("member", "manager")
    | allowed("admin", targets=("own", "other")),
    "authority.edit_project": allowed("member", "manager")
    | allowed("admin", targets=("own", "other")),
    "authority.publish_record": allowed("manager") | allowed("admin", targets=("own", "other")),
    "authority.moderate_record": allowed("moderator") | allowed("admin", targets=("own", "other")),
    "authority.view_members": allowed("manager", "moderator")
    | allowed("admin", targets=("own", "other")),
    "authority.request_membership": allowed(
        "signed_in", "member", "manager", "moderator", "admin", targets=("own", "other")
    ),
    "membership.decide": allowed("manager", "moderator")
    | allowed("admin", targets=("own", "other")),
    "membership.remove": allowed("manager", "moderator")
    | allowed("admin", targets=("own", "other")),
    "membership.set_role": allowed("manager") | allowed("admin", targets=("own", "other")),
    # Leaving (or withdrawing a request): only one's own membership; "other" is a member's.
    "membership.leave": allowed("signed_in", "member", "manager", "moderator", "admin"),
    # Tokens need an approved membership; "other" is not an object here (creation).
    "token.create": allowed("member", "manager", targets=("own", "other")),
    "token.revoke": allowed("signed_in", "member", "manager", "moderator", "admin")
    | allowed("admin", targets=("other",)),
    # "own": a project of A's member shared with A; "other": one of B's member shared with B.
    "workspace.edit": allowed("member", "manager") | allowed("admin", targets=("own", "other")),
    "admin.grant_moderator": allowed("admin", targets=("own", "other")),
    "admin.grant_admin": allowed("admin", targets=("own", "other")),
    "admin.view_audit": allowed("admin", targets=("own", "other")),
    "authority.view_apd": allowed("member", "manager") | allowed("admin", targets=("own", "other")),
    "authority.declare_apd": allowed("manager") | allowed("admin", targets=("own", "other")),
    "admin.reopen_apd": allowed("admin", targets=("own", "other")),
    "admin.view_declarations": allowed("admin", targets=("own", "other")),
    # The object is the région of A ("own") or of B ("other").
    "region.enter_offer": allowed("moderator") | allowed("admin", targets=("own", "other")),
}


def test_every_action_has_expectations() -> None:
    assert set(EXPECTED) == set(ACTIONS)


def _actor(world: Any, role: str) -> Any:
    return AnonymousUser() if role == "visitor" else world.users[role]


def _object(world: Any, action: str, actor: Any, target: str) -> Any:
    authority = world.own if target == "own" else world.other
    if action.startswith("authority."):
        return authority
    if action.startswith("region."):
        return authority.region
    if action == "membership.leave":
        if target == "own" and not actor.is_anonymous:
            return Membership.objects.get_or_create(user=actor, authority=world.own)[0]
        member = world.users["member"] if target == "own" else world.users["member_other"]
        if member == actor:
            member = world.users["manager"]
        return Membership.objects.filter(user=member).first()
    if action.startswith("membership."):
        owner = world.users["member"] if target == "own" else world.users["member_other"]
        return Membership.objects.get(user=owner, authority=authority)
    if action == "workspace.edit":
        owner = world.users["member"] if target == "own" else world.users["member_other"]
        workspace = Workspace.objects.create(token=f"ws-{target}-{actor.pk}", project={})
        return OwnedWorkspace.objects.create(workspace=workspace, owner=owner, authority=authority)
    if action == "token.revoke":
        owner = (
            actor if (target == "own" and not actor.is_anonymous) else world.users["member_other"]
        )
        return ApiToken.objects.create(
            user=owner, name="t", prefix="x", digest=f"{owner.pk}-{target}"
        )
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_matrix(world: Any, action: str) -> None:
    wrong = []
    for role in ROLES:
        actor = _actor(world, role)
        for target in TARGETS:
            obj = _object(world, action, actor, target)
            expected = (role, target) in EXPECTED[action]
            if can(actor, action, obj) != expected:
                wrong.append(f"{role} on {target}: expected {'allow' if expected else 'deny'}")
            if obj is not None and isinstance(obj, ApiToken):
                obj.delete()
    assert wrong == []


@pytest.mark.django_db
def test_unknown_action_is_an_error(world: Any) -> None:
    with pytest.raises(KeyError):
        can(world.users["admin"], "authority.do_something_new", world.own)


@pytest.mark.django_db
def test_require_raises_permission_denied(world: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        require(world.users["member"], "authority.publish_record", world.own)


@pytest.mark.django_db
def test_inactive_admin_can_nothing(world: Any) -> None:
    admin = world.users["admin"]
    admin.is_active = False
    admin.save()
    assert not any(can(admin, action, world.own) for action in ACTIONS if action.startswith("a"))
