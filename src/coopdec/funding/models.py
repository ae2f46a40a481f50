"""Funding programmes as loaded from reference/funding_programs.yaml.

The YAML file is the source of truth (the rules engine reads it directly, dated and sourced);
this table makes the programmes browsable, searchable and linkable from the site and the API.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingProgram(models.Model):
    class Kind(models.TextChoices):
        CALL = "call_for_projects", _("appel à projets")
        JOINT_FUND = "joint_fund", _("fonds conjoint")
        FACILITY = "facility", _("facilité / dispositif")
        SELF_FUNDING = "self_funding_mechanism", _("mécanisme « 1 % »")
        REGIONAL = "regional_scheme", _("dispositif régional ou de bassin")
        EU = "eu_programme", _("programme européen")

    key = models.CharField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=300)
    kind = models.CharField(_("nature"), max_length=30, choices=Kind.choices)
    funder = models.CharField(_("financeur"), max_length=200)
    funder_key = models.CharField(_("identifiant du financeur"), max_length=60, blank=True)
    valid_from = models.PositiveSmallIntegerField(_("depuis"), null=True, blank=True)
    valid_to = models.PositiveSmallIntegerField(_("jusqu'à"), null=True, blank=True)
    confidence = models.CharField(_("fiabilité"), max_length=10)
    url = models.URLField(_("page officielle"), max_length=500, blank=True)
    sources = models.JSONField(_("sources"), default=list)
    details = models.JSONField(_("fiche complète"), default=dict)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("programme de financement")
        verbose_name_plural = _("programmes de financement")

    def __str__(self) -> str:
        return self.name
