"""A saved search and the items already mailed for it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedSearch(models.Model):
    class Kind(models.TextChoices):
        CATALOGUE = "catalogue", _("recherche dans le catalogue")
        FUNDING = "funding", _("échéances de financement")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    kind = models.CharField(_("nature"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("nom"), max_length=120)
    # The canonical query string: the catalogue's search parameters (as the page and the API
    # take them), or ``program=…`` for funding (none: every programme).
    query = models.CharField(_("critères"), max_length=2000, blank=True)
    # The digest is written in the language the user saved the alert in.
    language = models.CharField(_("langue"), max_length=8, default="fr")
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "query"], name="alert_unique_query")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.name}"


class AlertDelivery(models.Model):
    """One item mailed for one alert. The unique key is what makes ``alerts send`` idempotent:
    an item is written here in the same transaction as the mail is sent, and never again."""

    alert = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="deliveries")
    # "project:12", "partnership:7" or "deadline:<programme id>:<YYYY-MM-DD>"
    key = models.CharField(max_length=160)
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("élément envoyé")
        verbose_name_plural = _("éléments envoyés")
        constraints = [models.UniqueConstraint(fields=["alert", "key"], name="alert_delivery_once")]

    def __str__(self) -> str:
        return f"{self.alert_id}: {self.key}"
