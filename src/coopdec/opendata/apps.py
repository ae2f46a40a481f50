from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "coopdec.opendata"
    # The package was ``coopdec.exchange``: the label keeps the migration history and the table
    # name (``exchange_iatirecord``) of existing databases.
    label = "exchange"
    verbose_name = _("Échanges (IATI, données ouvertes)")
