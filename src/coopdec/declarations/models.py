"""One authority's APD declaration for one campaign: a draft, then a locked snapshot."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopdec.catalogue.models import FrenchAuthority


class ApdDeclaration(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        SUBMITTED = "submitted", _("déclarée")

    authority = models.ForeignKey(
        FrenchAuthority, on_delete=models.PROTECT, related_name="apd_declarations"
    )
    campaign_year = models.PositiveSmallIntegerField(_("campagne"))
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The rows as the officer completed them: ``ApdRow`` fields, amounts as decimal strings.
    rows = models.JSONField(_("lignes"), default=list)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("déclarée le"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The receipt names the snapshot by its SHA-256: a reprinted receipt proves the same rows.
    receipt = models.CharField(_("numéro de récépissé"), max_length=40, blank=True)
    fingerprint = models.CharField(_("empreinte"), max_length=64, blank=True)
    reopened_at = models.DateTimeField(_("rouverte le"), null=True, blank=True)
    reopen_reason = models.TextField(_("motif de réouverture"), blank=True)

    class Meta:
        verbose_name = _("déclaration d'APD")
        verbose_name_plural = _("déclarations d'APD")
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "campaign_year"], name="apd_declaration_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority} — {self.campaign_year}"
