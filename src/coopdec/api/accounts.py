"""Account endpoints, authenticated by a personal token (``Authorization: Bearer cdk_…``).

Read endpoints of the other routers stay public; these act for a member and ask the same
permission module as the web pages (a refusal is a JSON 403 and nothing changes).
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.security import HttpBearer

from coopdec.accounts import audit, services
from coopdec.accounts.models import Membership
from coopdec.accounts.permissions import require
from coopdec.catalogue.models import FrenchAuthority


class TokenAuth(HttpBearer):
    """A live personal token; the request then acts as its owner."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.user_for_token(token)
        if user is not None:
            request.user = user
        return user


router = Router(tags=["comptes"], auth=TokenAuth())


class Error(Schema):
    detail: str


class AuthorityRole(Schema):
    id: int
    kind: str
    code: str | None
    name: str
    role: str
    status: str


class Me(Schema):
    email: str
    memberships: list[AuthorityRole]


class MemberOut(Schema):
    id: int
    email: str
    role: str
    status: str


class Decision(Schema):
    decision: Literal["approve", "reject"]


@router.get("/me", response={200: Me, 401: Error}, summary="Le titulaire du jeton")
def me(request: HttpRequest) -> Me:
    """The token owner's address and memberships."""
    user: Any = request.user
    rows = [
        AuthorityRole(id=m.authority_id, kind=m.authority.kind, code=m.authority.code,
                      name=m.authority.name, role=m.role, status=m.status)
        for m in services.memberships_of(user)
    ]  # fmt: skip
    return Me(email=user.email, memberships=rows)


@router.get(
    "/authorities/{authority_id}/members",
    response={200: list[MemberOut], 401: Error, 403: Error, 404: Error},
    summary="Membres et demandes d'une collectivité",
)
def members(request: HttpRequest, authority_id: int) -> Any:
    authority = get_object_or_404(FrenchAuthority, pk=authority_id)
    try:
        require(request.user, "authority.view_members", authority)
    except PermissionDenied:
        return Status(403, {"detail": "action non autorisée pour ce jeton"})
    rows = Membership.objects.filter(authority=authority).select_related("user")
    return [MemberOut(id=m.pk, email=m.user.email, role=m.role, status=m.status) for m in rows]


@router.post(
    "/memberships/{membership_id}/decision",
    response={200: MemberOut, 401: Error, 403: Error, 404: Error},
    summary="Approuver ou refuser une demande d'adhésion",
)
def decide(request: HttpRequest, membership_id: int, payload: Decision) -> Any:
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=membership_id)
    try:
        services.decide_membership(
            request.user, membership, payload.decision == "approve", ip=audit.client_ip(request)
        )
    except PermissionDenied:
        return Status(403, {"detail": "action non autorisée pour ce jeton"})
    return MemberOut(id=membership.pk, email=membership.user.email, role=membership.role,
                     status=membership.status)  # fmt: skip
