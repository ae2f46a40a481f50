from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "coopdec.catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from coopdec.catalogue import changes
        from coopdec.catalogue.models import Partnership, Project

        # Admin edits and deletions reach the search index through these.
        for signal in (post_save, post_delete):
            signal.connect(changes.on_partnership_saved, sender=Partnership)
            signal.connect(changes.on_project_saved, sender=Project)
        for field in ("french_authorities", "foreign_authorities", "themes"):
            m2m_changed.connect(
                changes.on_partnership_saved, sender=getattr(Partnership, field).through
            )
        for field in ("french_authorities", "foreign_authorities", "themes", "countries"):
            m2m_changed.connect(changes.on_project_saved, sender=getattr(Project, field).through)
