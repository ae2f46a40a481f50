from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "coopdec.web"
    verbose_name = "coopdec — site"
