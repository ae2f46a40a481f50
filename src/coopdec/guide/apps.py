from django.apps import AppConfig


class GuideConfig(AppConfig):
    """The guide collection: reader, publications, workbook (no models)."""

    name = "coopdec.guide"
    label = "guide"
    verbose_name = "Guide"
