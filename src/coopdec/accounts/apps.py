from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "coopdec.accounts"
    label = "accounts"
    verbose_name = _("Comptes et espaces des collectivités")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from coopdec.accounts import signals  # noqa: F401 - connects the audit receivers
