"""One signal for "the catalogue changed", so that derived data (the search index) follows.

Imports send it once, after their transaction commits, with the ids they touched; saves and
deletions in the admin send it through the model signals wired in ``CatalogueConfig.ready``.
Receivers (the search index) connect to ``catalogue_changed``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.dispatch import Signal

# Sent with: partnerships (set of ids), projects (set of ids), full (bool: rebuild everything)
catalogue_changed = Signal()


def notify(
    *,
    partnerships: Iterable[int] = (),
    projects: Iterable[int] = (),
    full: bool = False,
) -> None:
    """Tell receivers once the current transaction commits (at once outside a transaction)."""
    partnership_ids, project_ids = set(partnerships), set(projects)

    def send() -> None:
        catalogue_changed.send(
            sender=None, partnerships=partnership_ids, projects=project_ids, full=full
        )

    transaction.on_commit(send)


def on_partnership_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    notify(partnerships=[instance.pk])


def on_project_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    notify(projects=[instance.pk])
