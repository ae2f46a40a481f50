from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The catalogue's search index: its tables, and the receiver that keeps it current."""

    name = "coopdec.catalogue.search"
    label = "catalogue_search"
    verbose_name = _("Recherche dans le catalogue")

    def ready(self) -> None:
        from coopdec.catalogue.changes import catalogue_changed, catalogue_changing
        from coopdec.catalogue.search import indexer

        catalogue_changing.connect(indexer.on_catalogue_changing, dispatch_uid="search-journal")
        catalogue_changed.connect(indexer.on_catalogue_changed, dispatch_uid="search-index")
