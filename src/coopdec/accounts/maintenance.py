"""Housekeeping (``coopdec cleanup``) and the first administrator (``coopdec createadmin``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from coopdec.accounts import audit, services
from coopdec.workspaces import services as workspaces


@dataclass(frozen=True)
class CleanupReport:
    workspaces: int
    sessions: int
    sign_in_failures: int


def cleanup(workspace_days: int) -> CleanupReport:
    """Delete anonymous workspaces untouched for ``workspace_days`` days, expired sessions and
    sign-in failures older than the lockout period."""
    from axes.models import AccessAttempt
    from django.conf import settings

    if workspace_days < 1:
        raise ValueError("le nombre de jours doit être au moins 1")
    gone = workspaces.purge(dt.timedelta(days=workspace_days))
    sessions, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    cooloff = dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=timezone.now() - cooloff).delete()
    return CleanupReport(workspaces=gone, sessions=sessions, sign_in_failures=attempts)


@transaction.atomic
def create_admin(email: str, password: str) -> Any:
    """A national administrator with a local account (verified: the operator vouches for it).

    Raises ``ValueError`` for an address already used and ``ValidationError`` for a weak
    password (Django's validators, as on the sign-up page).
    """
    email = email.strip().lower()
    if "@" not in email:
        raise ValueError(f"adresse électronique invalide : {email!r}")
    if get_user_model().objects.filter(email__iexact=email).exists():
        raise ValueError(f"un compte utilise déjà {email}")
    probe = get_user_model()(username=email, email=email)
    password_validation.validate_password(password, probe)
    user = services.create_local_user(email, password, active=True, admin=True)
    audit.record("role.grant_admin", target=email, actor_label="coopdec createadmin")
    return user
