"""Account services: memberships, moderators, API tokens, sign-up and ProConnect joins.

The web pages, the API and the CLI call these functions; each one asks
``coopdec.accounts.permissions`` first and writes its audit line in the same transaction.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.accounts import audit
from coopdec.accounts.models import ApiToken, Membership, NetworkModerator, OwnedWorkspace
from coopdec.accounts.permissions import require
from coopdec.catalogue.models import FrenchAuthority
from coopdec.reference.models import Commune, Region
from coopdec.textnorm import normalize_name
from coopdec.workspaces import services as workspace_services
from coopdec.workspaces.models import Workspace

# The session key of the visitor's workspace token (coopdec.web.workspace.storage.SESSION_KEY;
# a test checks they agree: the web layer may import this module, not the other way round).
WORKSPACE_SESSION_KEY = "coopdec_workspace"
TOKEN_PREFIX = "cdk_"  # noqa: S105 - a public marker, not a secret
SEARCH_LIMIT = 20


# --- Authorities ------------------------------------------------------------------------------


def find_authorities(query: str, limit: int = SEARCH_LIMIT) -> list[FrenchAuthority]:
    """Official French authorities by official code (INSEE, SIREN…) or by name."""
    query = query.strip()
    if not query:
        return []
    official = FrenchAuthority.objects.filter(official=True).select_related("region")
    if query.isdigit() or (len(query) <= 3 and query[:1].isdigit()):
        return list(official.filter(code=query).order_by("kind")[:limit])
    words = normalize_name(query)
    return list(
        official.filter(search_name__contains=words).order_by("-population", "name")[:limit]
    )


def authorities_for_siren(siren: str) -> list[FrenchAuthority]:
    """The authorities whose SIREN is ``siren`` (communes through the COG, EPCI/EPT by code)."""
    if len(siren) != 9 or not siren.isdigit():
        return []
    by_code = Q(kind__in=["epci", "ept"], code=siren)
    communes = list(Commune.objects.filter(siren=siren).values_list("code", flat=True))
    if communes:
        by_code |= Q(kind="commune", code__in=communes)
    return list(FrenchAuthority.objects.filter(by_code, official=True))


# --- Memberships ------------------------------------------------------------------------------


def memberships_of(user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user_id=user.pk).select_related("authority")


def approved_authorities(user: Any) -> QuerySet[FrenchAuthority]:
    return FrenchAuthority.objects.filter(
        memberships__user_id=user.pk, memberships__status=Membership.Status.APPROVED
    )


@transaction.atomic
def request_membership(user: Any, authority: FrenchAuthority, ip: str | None = None) -> Membership:
    """Ask to join ``authority``; asking twice returns the first request."""
    require(user, "authority.request_membership", authority)
    membership, created = Membership.objects.get_or_create(user=user, authority=authority)
    if not created and membership.status == Membership.Status.REJECTED:
        membership.status = Membership.Status.PENDING
        membership.decided_at = None
        membership.decided_by = None
        membership.save()
        created = True
    if created:
        audit.record("membership.request", actor=user, ip=ip, target=authority)
    return membership


@transaction.atomic
def decide_membership(
    actor: Any, membership: Membership, approve: bool, ip: str | None = None
) -> Membership:
    """Approve or reject a pending request (manager, regional moderator or administrator)."""
    require(actor, "membership.decide", membership)
    membership.status = Membership.Status.APPROVED if approve else Membership.Status.REJECTED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save()
    audit.record(
        "membership.approve" if approve else "membership.reject",
        actor=actor,
        ip=ip,
        target=membership.authority,
        member=membership.user.get_username(),
    )
    return membership


@transaction.atomic
def set_member_role(actor: Any, membership: Membership, role: str, ip: str | None = None) -> None:
    """Make a member a manager or back (manager of the authority or administrator)."""
    require(actor, "membership.set_role", membership)
    if role not in Membership.Role.values:
        raise ValueError(f"rôle inconnu : {role}")
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(
        "role.change",
        actor=actor,
        ip=ip,
        target=membership.authority,
        member=membership.user.get_username(),
        before=old,
        after=role,
    )


@transaction.atomic
def leave(user: Any, membership: Membership, ip: str | None = None) -> None:
    require(user, "membership.leave", membership)
    audit.record("membership.leave", actor=user, ip=ip, target=membership.authority)
    membership.delete()


@transaction.atomic
def remove_member(actor: Any, membership: Membership, ip: str | None = None) -> None:
    require(actor, "membership.remove", membership)
    audit.record(
        "membership.remove",
        actor=actor,
        ip=ip,
        target=membership.authority,
        member=membership.user.get_username(),
    )
    membership.delete()


@transaction.atomic
def join_by_siret(user: Any, siret: str, ip: str | None = None) -> list[Membership]:
    """Approve the user's membership of the authorities whose SIREN starts the ``siret`` claim.

    ProConnect vouches for the agent's establishment: no manager's approval is needed, and the
    audit log says so.
    """
    siret = (siret or "").strip().replace(" ", "")
    joined: list[Membership] = []
    for authority in authorities_for_siren(siret[:9]):
        membership, _created = Membership.objects.get_or_create(user=user, authority=authority)
        if membership.status == Membership.Status.APPROVED:
            continue
        membership.status = Membership.Status.APPROVED
        membership.via = Membership.Via.SIRET
        membership.decided_at = timezone.now()
        membership.save()
        audit.record("membership.auto_siret", actor=user, ip=ip, target=authority, siret=siret)
        joined.append(membership)
    return joined


@transaction.atomic
def grant_moderator(actor: Any, user: Any, region: Region, ip: str | None = None) -> None:
    require(actor, "admin.grant_moderator")
    _row, created = NetworkModerator.objects.get_or_create(user=user, region=region)
    if created:
        audit.record(
            "role.grant_moderator", actor=actor, ip=ip, target=region, user=user.get_username()
        )


@transaction.atomic
def revoke_moderator(actor: Any, user: Any, region: Region, ip: str | None = None) -> None:
    require(actor, "admin.grant_moderator")
    deleted, _ = NetworkModerator.objects.filter(user=user, region=region).delete()
    if deleted:
        audit.record(
            "role.revoke_moderator", actor=actor, ip=ip, target=region, user=user.get_username()
        )


@transaction.atomic
def grant_admin(actor: Any, user: Any, ip: str | None = None) -> None:
    require(actor, "admin.grant_admin")
    user.is_superuser = True
    user.is_staff = True
    user.save(update_fields=["is_superuser", "is_staff"])
    audit.record("role.grant_admin", actor=actor, ip=ip, target=user.get_username())


# --- API tokens -------------------------------------------------------------------------------


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(user: Any, name: str, ip: str | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user``; the secret is returned once and never stored."""
    require(user, "token.create")
    name = name.strip()[:100] or "jeton"
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[:12], digest=_digest(secret)
    )
    audit.record("token.create", actor=user, ip=ip, target=token)
    return token, secret


@transaction.atomic
def revoke_token(actor: Any, token: ApiToken, ip: str | None = None) -> None:
    require(actor, "token.revoke", token)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record("token.revoke", actor=actor, ip=ip, target=token)


def user_for_token(secret: str) -> Any:
    """The active user a live token belongs to, or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


# --- Local accounts ---------------------------------------------------------------------------


def find_user_by_email(email: str) -> Any:
    user_model = get_user_model()
    return user_model.objects.filter(email__iexact=email.strip()).first()


@transaction.atomic
def create_local_user(
    email: str, password: str, *, active: bool = False, admin: bool = False
) -> Any:
    """A local account whose user name is its e-mail (inactive until the address is verified)."""
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email.strip()).lower()
    user = user_model(username=email, email=email, is_active=active)
    user.set_password(password)
    if admin:
        user.is_staff = user.is_superuser = True
    user.save()
    return user


# --- Workspace projects kept by accounts --------------------------------------------------------


def claim_workspace(user: Any, token: str | None) -> OwnedWorkspace | None:
    """Give the anonymous workspace of this session to ``user`` (at sign-in)."""
    if not token:
        return None
    workspace = Workspace.objects.filter(token=token, ownership__isnull=True).first()
    if workspace is None:
        return None
    return OwnedWorkspace.objects.create(workspace=workspace, owner=user)


def workspaces_of(user: Any) -> QuerySet[OwnedWorkspace]:
    """The user's projects and those shared with the user's authorities."""
    shared = Q(
        authority__memberships__user_id=user.pk,
        authority__memberships__status=Membership.Status.APPROVED,
    )
    return (
        OwnedWorkspace.objects.filter(Q(owner_id=user.pk) | shared)
        .select_related("workspace", "authority", "owner")
        .distinct()
        .order_by("-workspace__updated_at")
    )


def open_workspace(user: Any, owned: OwnedWorkspace) -> str:
    """The token that makes /projet/ show this project in the user's session."""
    require(user, "workspace.edit", owned)
    return owned.workspace.token


@transaction.atomic
def rename_workspace(user: Any, owned: OwnedWorkspace, name: str) -> None:
    require(user, "workspace.edit", owned)
    owned.name = name.strip()[:200]
    owned.save(update_fields=["name"])


@transaction.atomic
def duplicate_workspace(user: Any, owned: OwnedWorkspace) -> OwnedWorkspace:
    require(user, "workspace.edit", owned)
    copy = Workspace.objects.create(
        token=workspace_services.new_token(), project=dict(owned.workspace.project)
    )
    label = str(_("copie de %(name)s") % {"name": owned.label})
    return OwnedWorkspace.objects.create(
        workspace=copy, owner=user, authority=owned.authority, name=label[:200]
    )


@transaction.atomic
def delete_workspace(user: Any, owned: OwnedWorkspace) -> None:
    require(user, "workspace.edit", owned)
    owned.workspace.delete()


@transaction.atomic
def share_workspace(user: Any, owned: OwnedWorkspace, authority: FrenchAuthority | None) -> None:
    """Share with one of the user's authorities (or stop sharing with ``None``)."""
    require(user, "workspace.edit", owned)
    if authority is not None:
        require(user, "authority.edit_project", authority)
    owned.authority = authority
    owned.save(update_fields=["authority"])


@transaction.atomic
def add_member(
    actor: Any, user: Any, authority: FrenchAuthority, role: str, ip: str | None = None
) -> Membership:
    """Make ``user`` an approved member (or manager) of ``authority`` without a request.

    How a new authority gets its first manager (docs/accounts.md): an administrator, or the
    région's moderator for a member, adds the person directly.
    """
    require(actor, "membership.decide", authority)
    if role == Membership.Role.MANAGER:
        require(actor, "membership.set_role", authority)
    if role not in Membership.Role.values:
        raise ValueError(f"rôle inconnu : {role}")
    membership, _created = Membership.objects.get_or_create(user=user, authority=authority)
    membership.status = Membership.Status.APPROVED
    membership.role = role
    membership.via = Membership.Via.ADMIN
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save()
    audit.record(
        "membership.add", actor=actor, ip=ip, target=authority,
        member=user.get_username(), role=role,
    )  # fmt: skip
    return membership
