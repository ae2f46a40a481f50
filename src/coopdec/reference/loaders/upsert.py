"""Bulk upsert on a natural key, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models

BATCH = 2000


def upsert(model: type[models.Model], objects: Sequence[models.Model], key: str = "code") -> None:
    """Insert new rows and update existing ones, matched on ``key``; never deletes."""
    if not objects:
        return
    fields = [
        f.name
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name != key and not isinstance(f, models.ManyToManyField)
    ]
    model._default_manager.bulk_create(
        objects,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=[key],
        update_fields=fields,
    )


def replace_memberships(model: type[models.Model], members: Mapping[int, Sequence[int]]) -> None:
    """Replace the ``members`` many-to-many rows of every owner listed in ``members``."""
    through: Any = model._meta.get_field("members").remote_field.through  # type: ignore[union-attr]
    owner_field = f"{model._meta.model_name}_id"
    through.objects.filter(**{f"{owner_field}__in": list(members)}).delete()
    rows = [
        through(**{owner_field: owner, "commune_id": commune})
        for owner, communes in members.items()
        for commune in set(communes)
    ]
    through.objects.bulk_create(rows, batch_size=BATCH)
