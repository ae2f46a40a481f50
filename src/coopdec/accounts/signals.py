"""Sign-in, sign-out and failed sign-ins go to the audit log, whatever the way in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from coopdec.accounts import audit


@receiver(user_logged_in)
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    backend = getattr(user, "backend", "") or ""
    how = "proconnect" if "oidc" in backend.lower() else "local"
    audit.record("auth.sign_in", actor=user, ip=audit.client_ip(request), target=user, how=how)
    # The project the visitor was building before signing in becomes the account's.
    session = getattr(request, "session", None)
    if session is not None:
        from coopdec.accounts.services import WORKSPACE_SESSION_KEY, claim_workspace

        claim_workspace(user, session.get(WORKSPACE_SESSION_KEY))


@receiver(user_logged_out)
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record("auth.sign_out", actor=user, ip=audit.client_ip(request), target=user)


@receiver(user_login_failed)
def _failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    tried = str(credentials.get("username") or credentials.get("email") or "")
    audit.record(
        "auth.sign_in_failed",
        ip=audit.client_ip(request),
        target=tried,
        actor_label="",
    )
