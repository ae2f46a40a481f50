"""One signal for "the catalogue changed", so that derived data (the search index) follows.

Imports send it once, inside their transaction, with the ids they touched; saves and
deletions in the admin send it through the model signals wired in ``CatalogueConfig.ready``.

Two signals, because a process can die between the commit and the work that follows it:

- ``catalogue_changing`` is sent at once, inside the writer's transaction: a receiver records
  durably what it will have to do (the search index writes a journal row), so that the record
  commits or rolls back with the change itself. Its return value is a receipt.
- ``catalogue_changed`` is sent once the transaction commits, with the same ids and the
  receipts: the receiver does the work and clears its journal row in one transaction.

A ``kill -9`` between the two leaves the journal row behind: ``coopdec doctor``, ``coopdec
init``, the server's start-up and ``/healthz`` see it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.dispatch import Signal

# Both sent with: partnerships (set of ids), projects (set of ids), full (bool: rebuild
# everything); ``catalogue_changed`` also with receipts (what the ``changing`` receivers
# returned, None left out).
catalogue_changing = Signal()
catalogue_changed = Signal()


def notify(
    *,
    partnerships: Iterable[int] = (),
    projects: Iterable[int] = (),
    full: bool = False,
) -> None:
    """Record the change in the current transaction, tell receivers once it commits (at once
    outside a transaction). Called with no ids, it still lets receivers catch up."""
    partnership_ids, project_ids = set(partnerships), set(projects)
    responses = catalogue_changing.send(
        sender=None, partnerships=partnership_ids, projects=project_ids, full=full
    )
    receipts = [response for _, response in responses if response is not None]

    def send() -> None:
        catalogue_changed.send(
            sender=None,
            partnerships=partnership_ids,
            projects=project_ids,
            full=full,
            receipts=receipts,
        )

    transaction.on_commit(send)


def on_partnership_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    notify(partnerships=[instance.pk])


def on_project_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    notify(projects=[instance.pk])
