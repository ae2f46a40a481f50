from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "coopdec.contributions"
    label = "contributions"
    verbose_name = _("contributions au catalogue")
    default_auto_field = "django.db.models.BigAutoField"
