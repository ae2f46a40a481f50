"""System checks: ``manage.py check --deploy`` fails on the placeholder secret."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from coopdec.config.env import PLACEHOLDER_SECRET


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Any, **kwargs: Any) -> list[Error]:
    if settings.SECRET_KEY == PLACEHOLDER_SECRET:
        return [
            Error(
                "COOPDEC_SECRET_KEY vaut la clé de développement publique.",
                hint="Définissez COOPDEC_SECRET_KEY avec une valeur aléatoire longue.",
                id="coopdec.E001",
            )
        ]
    return []
