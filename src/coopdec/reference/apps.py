from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "coopdec.reference"
    verbose_name = _("Données de référence")

    def ready(self) -> None:
        # Registers the deploy checks (placeholder secret) with Django's check framework.
        from coopdec.config import checks  # noqa: F401
