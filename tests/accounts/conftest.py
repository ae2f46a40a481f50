"""Accounts fixtures: two départements in two régions and one user per role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

PASSWORD = "correct horse battery staple 42"


@dataclass
class World:
    own: Any  # authority A (Finistère, Bretagne)
    other: Any  # authority B (Bouches-du-Rhône, Provence-Alpes-Côte d'Azur)
    users: dict[str, Any]


def make_user(email: str, **extra: Any) -> Any:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, **extra
    )
    return user


@pytest.fixture
def world(db: Any) -> World:
    from coopdec.accounts.models import Membership, NetworkModerator
    from coopdec.catalogue.models import FrenchAuthority

    own = FrenchAuthority.objects.get(kind="departement", code="29")
    other = FrenchAuthority.objects.get(kind="departement", code="13")
    users = {
        "signed_in": make_user("personne@example.org"),
        "member": make_user("membre@example.org"),
        "manager": make_user("gestionnaire@example.org"),
        "moderator": make_user("moderateur@example.org"),
        "admin": make_user("admin@example.org", is_staff=True, is_superuser=True),
        "member_other": make_user("membre-b@example.org"),
    }
    approved = Membership.Status.APPROVED
    Membership.objects.create(user=users["member"], authority=own, status=approved)
    Membership.objects.create(
        user=users["manager"], authority=own, status=approved, role=Membership.Role.MANAGER
    )
    Membership.objects.create(user=users["member_other"], authority=other, status=approved)
    NetworkModerator.objects.create(user=users["moderator"], region=own.region)
    return World(own=own, other=other, users=users)
