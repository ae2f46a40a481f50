"""What moderators, authors and visitors read of the contribution workflow: the moderation
queue, a user's own drafts, the field-by-field diff of a draft against the published record,
a record's versions and its "déclaré par … vérifié par …" line. Writes stay in
``coopdec.contributions.services``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from coopdec.accounts.models import Membership, NetworkModerator
from coopdec.accounts.permissions import is_national_admin
from coopdec.contributions.forms_spec import MODELS
from coopdec.contributions.models import ChangeRequest, RecordVersion
from coopdec.contributions.services import LINK_MODELS, record, snapshot


def change_fields(change: ChangeRequest) -> dict[str, Any]:
    """A draft as the API shows it (``ChangeOut``) and ``coopdec contributions … --json``
    prints it: ids, codes and the payload, no display text."""
    return {
        "id": change.pk, "kind": change.kind, "action": change.action, "key": change.key,
        "authority_id": change.authority_id,
        "region": change.region.code if change.region else None, "state": change.state,
        "imported": change.imported, "values": change.values, "links": change.links,
        "reason": change.reason,
    }  # fmt: skip


def queue(
    user: Any,
    *,
    region: str | None = None,
    kind: str | None = None,
    older_than_days: int | None = None,
) -> models.QuerySet[ChangeRequest]:
    """The pending drafts ``user`` may publish, oldest first, filtered by région code, kind
    and minimum age in days."""
    rows = ChangeRequest.objects.filter(state=ChangeRequest.State.PENDING).select_related(
        "authority", "authority__region", "author", "region"
    )
    if not is_national_admin(user):
        managed = Membership.objects.filter(
            user_id=user.pk, status=Membership.Status.APPROVED, role=Membership.Role.MANAGER
        ).values("authority_id")
        regions = NetworkModerator.objects.filter(user_id=user.pk).values("region_id")
        rows = rows.filter(
            Q(authority_id__in=managed, imported=False)
            | Q(authority__region_id__in=regions)
            | Q(region_id__in=regions)
        )
    if region:
        rows = rows.filter(Q(authority__region__code=region) | Q(region__code=region))
    if kind:
        rows = rows.filter(kind=kind)
    if older_than_days:
        rows = rows.filter(created_at__lte=timezone.now() - dt.timedelta(days=older_than_days))
    return rows


def drafts_of(user: Any) -> models.QuerySet[ChangeRequest]:
    """The user's own contributions, newest first."""
    return ChangeRequest.objects.filter(author_id=user.pk).order_by("-created_at")


@dataclass(frozen=True)
class DiffRow:
    field: str
    label: str
    before: Any
    after: Any


def diff(change: ChangeRequest) -> list[DiffRow]:
    """Field by field, what publishing ``change`` would change in the published record."""
    model = MODELS[change.kind]
    existing = record(change.kind, change.key)
    before_values: dict[str, Any] = {}
    before_links: dict[str, list[int]] = {}
    if existing is not None:
        before_values, before_links = snapshot(change.record_kind, existing)
    rows = []
    after_values = change.values if change.action == ChangeRequest.Action.SAVE else {}
    for name in dict.fromkeys([*before_values, *after_values]):
        if change.action == ChangeRequest.Action.SAVE and name not in after_values:
            continue
        before, after = before_values.get(name), after_values.get(name)
        if before != after:
            rows.append(DiffRow(name, _label(model, name), before, after))
    after_links = change.links if change.action == ChangeRequest.Action.SAVE else {}
    for name, ids in after_links.items():
        if sorted(before_links.get(name, [])) != sorted(ids):
            before_names = _names(name, before_links.get(name, []))
            rows.append(DiffRow(name, _label(model, name), before_names, _names(name, ids)))
    return rows


def _label(model: type[models.Model], name: str) -> str:
    """A field's user-facing name (never the internal one)."""
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def _names(link: str, ids: Iterable[int]) -> str:
    return ", ".join(str(o) for o in LINK_MODELS[link]._default_manager.filter(pk__in=list(ids)))


def history(record_kind: str, key: str) -> list[RecordVersion]:
    """Every version of a record, newest first (also for a removed record)."""
    return list(RecordVersion.objects.filter(record_kind=record_kind, key=key).order_by("-number"))


@dataclass(frozen=True)
class Attribution:
    declared_by: str
    declared_at: dt.datetime | None
    verified_by: str
    verified_at: dt.datetime


def attribution(record_kind: str, key: str) -> Attribution | None:
    """ "Déclaré par … le …, vérifié par … le …" for a record published through contributions."""
    last = (
        RecordVersion.objects.filter(record_kind=record_kind, key=key)
        .exclude(verified_by="")
        .order_by("-number")
        .first()
    )
    if last is None:
        return None
    return Attribution(last.declared_by, last.declared_at, last.verified_by, last.at)
