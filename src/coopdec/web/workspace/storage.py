"""The visitor's workspace: a token in the (signed-cookie) session, the project in the database."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from coopdec import projectfile_service as projects
from coopdec.workspaces import services as workspaces

SESSION_KEY = "coopdec_workspace"
# How long an anonymous workspace is kept after its last change: the database's purge and the
# session cookie that holds its key share this one figure, and the page states it.
RETENTION = workspaces.RETENTION


def current_project(request: HttpRequest) -> dict[str, Any]:
    """The visitor's project file (an empty one until the first save)."""
    token = request.session.get(SESSION_KEY)
    return workspaces.load(token) or projects.empty_project()


def store_project(request: HttpRequest, project: Mapping[str, Any]) -> None:
    """Save the (already validated) project file, opening a workspace on first use."""
    token = request.session.get(SESSION_KEY)
    if not token:
        token = workspaces.new_token()
        request.session[SESSION_KEY] = token
        # Opening a workspace is rare enough to tidy up the ones nobody opened for months.
        workspaces.purge()
    workspaces.save(token, project)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        # The cookie lives as long as the workspace, counted from the same last change; an
        # account's session keeps its own (shorter) lifetime and its projects are kept.
        request.session.set_expiry(RETENTION)


def forget_project(request: HttpRequest) -> None:
    workspaces.delete(request.session.pop(SESSION_KEY, None))
