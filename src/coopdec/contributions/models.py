"""A change request (a draft of one catalogue record, by a member of an authority) and the
versions every published record keeps.

The catalogue itself only holds published records: a draft lives here as a JSON payload of the
writer's field names (``values``) and link ids (``links``) until a manager or a moderator
publishes it through ``CatalogueWriter``. History is kept here too (not on the catalogue
models) so that imports, which write in bulk, stay as fast as they are: a record's first
version is taken from the catalogue when a contribution first changes it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopdec.catalogue.models import FrenchAuthority
from coopdec.reference.models import Region


class Kind(models.TextChoices):
    PARTNERSHIP = "partnership", _("partenariat")
    PROJECT = "project", _("projet")
    CALL = "call", _("appel à partenaires")


class ChangeRequest(models.Model):
    """One proposed creation, change or deletion of a catalogue record."""

    class Action(models.TextChoices):
        SAVE = "save", _("création ou modification")
        DELETE = "delete", _("retrait")

    class State(models.TextChoices):
        PENDING = "pending", _("en attente de publication")
        PUBLISHED = "published", _("publié")
        REJECTED = "rejected", _("refusé")

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices, default="save")
    # The authority the draft is declared for; none for a foreign authority's offer entered
    # by a regional network, which names the network's ``region`` instead.
    authority = models.ForeignKey(
        FrenchAuthority, on_delete=models.CASCADE, related_name="+", verbose_name=_("collectivité"),
        null=True, blank=True,
    )  # fmt: skip
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("réseau régional"),
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    key = models.CharField(_("clé de la fiche"), max_length=200)
    # The record's ``updated_at`` when the author read it (None: a new record): a publish
    # refuses the draft when the record changed since (stale edit).
    base_updated_at = models.DateTimeField(null=True, blank=True)
    # The record came from an import: the draft is a proposed correction, for moderators.
    imported = models.BooleanField(_("correction d'une fiche importée"), default=False)
    values = models.JSONField(default=dict)
    links = models.JSONField(default=dict)
    why = models.TextField(_("motif"), blank=True)
    state = models.CharField(_("état"), max_length=10, choices=State.choices, default="pending")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("raison du refus"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("contribution")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key} ({self.get_state_display()})"

    @property
    def record_kind(self) -> str:
        """The catalogue model written: a call for partners is a project."""
        return "partnership" if self.kind == Kind.PARTNERSHIP else "project"

    @property
    def title(self) -> str:
        return str(self.values.get("title") or self.key)

    @property
    def declarer(self) -> str:
        """Who declares: the authority, or the regional network for a foreign offer."""
        if self.authority_id is not None:
            return self.authority.name  # type: ignore[union-attr]
        region = self.region.name if self.region_id else ""  # type: ignore[union-attr]
        return str(_("le réseau régional (%(region)s)") % {"region": region})


class RecordVersion(models.Model):
    """One published state of a catalogue record: who, when, why (and from which draft)."""

    record_kind = models.CharField(max_length=12)  # "project" | "partnership"
    key = models.CharField(max_length=200, db_index=True)
    number = models.PositiveIntegerField()
    values = models.JSONField(default=dict)
    links = models.JSONField(default=dict)
    deleted = models.BooleanField(default=False)
    # Who declared the state (the draft's author) and who published it.
    declared_by = models.CharField(max_length=254, blank=True)
    declared_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.CharField(max_length=254, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    why = models.TextField(blank=True)
    change_request = models.ForeignKey(
        ChangeRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["record_kind", "key", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_kind", "key", "number"], name="one_version_number_per_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_kind} {self.key} v{self.number}"
