"""ASGI entry point (uvicorn coopdec.asgi:application)."""

import os

from django.core.asgi import get_asgi_application

from coopdec.config.startup import refuse_unsafe_production

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdec.settings")
application = get_asgi_application()
refuse_unsafe_production()
