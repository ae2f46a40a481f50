"""Memberships, network moderators, API tokens and the audit log.

A national administrator is a Django superuser; every other right comes from a row here and is
read by ``coopdec.accounts.permissions`` only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopdec.catalogue.models import FrenchAuthority
from coopdec.reference.models import Region


class Membership(models.Model):
    """A user's place in a French authority, from the request to the decision."""

    class Role(models.TextChoices):
        MEMBER = "member", _("membre")
        MANAGER = "manager", _("gestionnaire")

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        APPROVED = "approved", _("approuvée")
        REJECTED = "rejected", _("refusée")

    class Via(models.TextChoices):
        REQUEST = "request", _("demande approuvée")
        SIRET = "siret", _("SIRET ProConnect")
        ADMIN = "admin", _("ajout par un administrateur")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    authority = models.ForeignKey(
        FrenchAuthority, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    via = models.CharField(_("origine"), max_length=10, choices=Via.choices, default=Via.REQUEST)
    requested_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("appartenance")
        constraints = [
            models.UniqueConstraint(fields=["user", "authority"], name="one_membership_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.authority} ({self.get_role_display()})"


class NetworkModerator(models.Model):
    """A user who moderates for a région's multi-actor network (contacts data)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderated_regions"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="moderators")
    granted_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    class Meta:
        verbose_name = _("modérateur de réseau régional")
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="one_moderator_per_region")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.region}"


class ApiToken(models.Model):
    """A personal API token: only its SHA-256 digest is stored; the secret is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nom"), max_length=100)
    prefix = models.CharField(_("début du jeton"), max_length=12)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernier usage"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class AuditEvent(models.Model):
    """One line of the append-only audit log: rows are created, never changed or deleted."""

    at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as text so that the line still says who it was after the account is deleted.
    actor_label = models.CharField(_("auteur"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=40, db_index=True)
    ip = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    target = models.CharField(_("objet"), max_length=300, blank=True)
    details = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        verbose_name = _("événement du journal")
        verbose_name_plural = _("journal d'audit")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("audit log lines are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit log lines are never deleted")


class OwnedWorkspace(models.Model):
    """A workspace project (/projet/) kept by an account, and shared with one of its authorities.

    Workspaces without this row are anonymous: ``coopdec cleanup`` deletes them when untouched.
    """

    workspace = models.OneToOneField(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="ownership"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workspaces"
    )
    authority = models.ForeignKey(
        FrenchAuthority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workspaces",
        verbose_name=_("collectivité"),
    )
    name = models.CharField(_("nom"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("projet d'un compte")
        verbose_name_plural = _("projets des comptes")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        project = self.workspace.project if isinstance(self.workspace.project, dict) else {}
        return str(self.name or project.get("title") or _("projet sans titre"))
