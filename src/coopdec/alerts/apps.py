from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "coopdec.alerts"
    label = "alerts"
    verbose_name = _("Alertes")
    default_auto_field = "django.db.models.BigAutoField"
