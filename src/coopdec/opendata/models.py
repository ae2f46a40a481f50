"""What an IATI import knows about a project beyond the catalogue's own fields.

The catalogue's ``Project`` keeps the IATI identifier and the import batch (hence the file);
the publisher (reporting organisation), the language of the main texts, the version and the
``last-updated-datetime`` of the activity live here, one row per imported project, so that a
re-export names the real publisher and an unchanged activity is recognised by its fingerprint.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from coopdec.catalogue.models import Project


class IatiRecord(models.Model):
    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="iati_record"
    )
    publisher_ref = models.CharField(_("identifiant de l'éditeur"), max_length=200, blank=True)
    publisher_type = models.CharField(_("type d'organisation de l'éditeur"), max_length=10)
    # [[lang, text], ...] as in the file's reporting-org narratives
    publisher_names = models.JSONField(_("nom de l'éditeur"), default=list)
    language = models.CharField(_("langue des textes principaux"), max_length=10, default="fr")
    version = models.CharField(_("version IATI"), max_length=4)
    last_updated = models.DateTimeField(_("mise à jour selon l'éditeur"), null=True, blank=True)
    # SHA-1 of what the import stores: equal fingerprints mean nothing would change.
    fingerprint = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("provenance IATI")
        verbose_name_plural = _("provenances IATI")

    def __str__(self) -> str:
        return f"{self.project_id} ({self.publisher_ref})"
