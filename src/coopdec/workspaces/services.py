"""Keep, read and forget workspaces: the storage use cases behind the web workspace."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import timezone

from coopdec.workspaces.models import Workspace

# A workspace nobody opened for this long is deleted by ``purge`` (documented in
# docs/workspace.md: export the project file to keep it).
RETENTION = dt.timedelta(days=180)


def new_token() -> str:
    """An unguessable key (256 bits); the session cookie that carries it is signed."""
    return secrets.token_urlsafe(32)


def load(token: str | None) -> dict[str, Any] | None:
    """The project file of a workspace, or None when there is none for this token."""
    if not token:
        return None
    project = Workspace.objects.filter(token=token).values_list("project", flat=True).first()
    return dict(project) if isinstance(project, dict) else None


def save(token: str, project: Mapping[str, Any]) -> None:
    """Store (or replace) the project file of a workspace."""
    Workspace.objects.update_or_create(token=token, defaults={"project": dict(project)})


def delete(token: str | None) -> None:
    if token:
        Workspace.objects.filter(token=token).delete()


def purge(older_than: dt.timedelta = RETENTION) -> int:
    """Delete the anonymous workspaces untouched for ``older_than``; return how many went."""
    # Only anonymous ones: a project kept by an account (accounts.OwnedWorkspace) stays.
    anonymous = Workspace.objects.filter(ownership__isnull=True)
    deleted, _by_model = anonymous.filter(updated_at__lt=timezone.now() - older_than).delete()
    # The cap: past it, the anonymous workspaces untouched the longest go first.
    cap = int(getattr(settings, "COOPDEC_ANONYMOUS_WORKSPACES_MAX", 0) or 0)
    if cap:
        excess = anonymous.order_by("-updated_at").values_list("pk", flat=True)[cap:]
        over, _by_model = Workspace.objects.filter(pk__in=list(excess)).delete()
        deleted += over
    return deleted
