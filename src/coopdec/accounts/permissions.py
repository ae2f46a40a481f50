"""The one place that says who may do what (docs/accounts.md, "Rôles").

Every write view, API endpoint and CLI command calls :func:`require` (or :func:`can`) with one
of the actions of :data:`ACTIONS`; nothing else decides rights. The permission matrix test
(tests/accounts/test_permission_matrix.py) walks every action against every role.

Objects: the ``authority.*`` actions take a :class:`~coopdec.catalogue.models.FrenchAuthority`;
``membership.*`` a :class:`~coopdec.accounts.models.Membership`; ``token.*`` an
:class:`~coopdec.accounts.models.ApiToken`; ``workspace.*`` an
:class:`~coopdec.accounts.models.OwnedWorkspace`; ``region.*`` a
:class:`~coopdec.reference.models.Region`; ``admin.*`` and ``account.*`` nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from rules import predicates, rulesets

from coopdec.accounts.models import Membership, NetworkModerator

# django-rules ships no type hints.
_make_predicate: Any = predicates.predicate


def predicate(function: Callable[..., bool]) -> Any:
    """django-rules' ``@predicate``: combinable with ``|`` and ``&``."""
    return _make_predicate(function)


def _authority_of(obj: Any) -> Any:
    """The authority an object belongs to (a membership's, or the authority itself)."""
    return getattr(obj, "authority", obj)


@predicate
def is_signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@predicate
def is_national_admin(user: Any) -> bool:
    return bool(is_signed_in(user) and user.is_superuser)


def _approved(user: Any, authority: Any) -> Any:
    return Membership.objects.filter(
        user_id=user.pk, authority_id=authority.pk, status=Membership.Status.APPROVED
    )


@predicate
def is_member_of(user: Any, obj: Any) -> bool:
    """An approved member of the object's authority, whatever the role."""
    authority = _authority_of(obj)
    if not is_signed_in(user) or authority is None:
        return False
    return bool(_approved(user, authority).exists())


@predicate
def is_manager_of(user: Any, obj: Any) -> bool:
    authority = _authority_of(obj)
    if not is_signed_in(user) or authority is None:
        return False
    return bool(_approved(user, authority).filter(role=Membership.Role.MANAGER).exists())


@predicate
def is_moderator_for(user: Any, obj: Any) -> bool:
    """A moderator of the network of the région the object's authority lies in."""
    authority = _authority_of(obj)
    if not is_signed_in(user) or authority is None or authority.region_id is None:
        return False
    return bool(
        NetworkModerator.objects.filter(user_id=user.pk, region_id=authority.region_id).exists()
    )


@predicate
def is_moderator_of_region(user: Any, region: Any) -> bool:
    """A moderator of the network of this région (a :class:`Region`)."""
    if not is_signed_in(user) or region is None:
        return False
    return bool(NetworkModerator.objects.filter(user_id=user.pk, region_id=region.pk).exists())


@predicate
def is_own(user: Any, obj: Any) -> bool:
    """The object (membership, token) is the user's own."""
    if not is_signed_in(user) or obj is None:
        return False
    owner_id = obj.owner_id if hasattr(obj, "owner_id") else obj.user_id
    return bool(owner_id == user.pk)


@predicate
def is_workspace_of_member(user: Any, obj: Any) -> bool:
    """A workspace shared with an authority the user is an approved member of."""
    authority = getattr(obj, "authority", None)
    return authority is not None and bool(is_member_of(user, authority))


@predicate
def has_an_authority(user: Any) -> bool:
    return bool(
        is_signed_in(user)
        and Membership.objects.filter(user_id=user.pk, status=Membership.Status.APPROVED).exists()
    )


# action -> rule. The descriptions are for docs/accounts.md and the matrix test's messages.
ACTIONS: dict[str, tuple[Any, str]] = {
    "authority.edit_draft": (
        is_member_of | is_national_admin,
        "modifier les brouillons de la collectivité",
    ),
    "authority.edit_project": (
        is_member_of | is_national_admin,
        "modifier les projets de l'espace de la collectivité",
    ),
    "authority.publish_record": (
        is_manager_of | is_national_admin,
        "publier les fiches de la collectivité",
    ),
    "authority.moderate_record": (
        is_moderator_for | is_national_admin,
        "modérer les fiches de la collectivité",
    ),
    "region.enter_offer": (
        is_moderator_of_region | is_national_admin,
        "saisir et publier l'offre d'une collectivité étrangère (réseau régional)",
    ),
    "authority.view_apd": (
        is_member_of | is_national_admin,
        "consulter la déclaration d'APD de la collectivité",
    ),
    "authority.declare_apd": (
        is_manager_of | is_national_admin,
        "compléter et transmettre la déclaration d'APD de la collectivité",
    ),
    "authority.view_members": (
        is_manager_of | is_moderator_for | is_national_admin,
        "voir les membres et les demandes",
    ),
    "authority.request_membership": (is_signed_in, "demander à rejoindre la collectivité"),
    "membership.decide": (
        is_manager_of | is_moderator_for | is_national_admin,
        "approuver ou refuser une demande d'adhésion",
    ),
    "membership.remove": (
        is_manager_of | is_moderator_for | is_national_admin,
        "retirer un membre",
    ),
    "membership.set_role": (is_manager_of | is_national_admin, "changer le rôle d'un membre"),
    "membership.leave": (is_own, "quitter la collectivité"),
    "workspace.edit": (
        is_own | is_workspace_of_member | is_national_admin,
        "ouvrir, renommer, dupliquer, partager ou supprimer un projet d'un compte",
    ),
    "token.create": (has_an_authority, "créer un jeton d'API"),
    "token.revoke": (is_own | is_national_admin, "révoquer un jeton d'API"),
    "admin.grant_moderator": (is_national_admin, "nommer ou retirer un modérateur régional"),
    "admin.grant_admin": (is_national_admin, "nommer un administrateur national"),
    "admin.view_audit": (is_national_admin, "consulter et exporter le journal d'audit"),
    "admin.reopen_apd": (is_national_admin, "rouvrir une déclaration d'APD transmise"),
    "admin.view_declarations": (
        is_national_admin,
        "voir qui a déclaré et exporter toutes les déclarations d'APD",
    ),
}

RULES: Any = rulesets.RuleSet()
for _name, (_rule, _label) in ACTIONS.items():
    RULES.add_rule(_name, _rule)


def can(user: Any, action: str, obj: Any = None) -> bool:
    """Whether ``user`` may do ``action`` on ``obj``; an unknown action is a programming error."""
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}: add it to coopdec.accounts.permissions")
    return bool(RULES.test_rule(action, user, obj))


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` (HTTP 403, CLI exit 3) unless ``user`` may do ``action``."""
    if not can(user, action, obj):
        raise PermissionDenied(action)
