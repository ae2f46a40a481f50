from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeclarationsConfig(AppConfig):
    name = "coopdec.declarations"
    label = "declarations"
    verbose_name = _("Déclarations d'APD")
    default_auto_field = "django.db.models.BigAutoField"
