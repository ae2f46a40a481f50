"""Guards run when a production server starts."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from coopdec.config.env import PLACEHOLDER_SECRET


def refuse_unsafe_production() -> None:
    """A server without DEBUG must not run with the public development secret."""
    if not settings.DEBUG and settings.SECRET_KEY == PLACEHOLDER_SECRET:
        raise ImproperlyConfigured(
            "COOPDEC_SECRET_KEY doit être défini (clé aléatoire d'au moins 50 caractères) "
            "quand COOPDEC_DEBUG n'est pas activé."
        )
