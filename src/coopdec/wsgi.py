"""WSGI entry point (gunicorn coopdec.wsgi:application)."""

import os

from django.core.wsgi import get_wsgi_application

from coopdec.config.startup import refuse_unsafe_production

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdec.settings")
application = get_wsgi_application()
refuse_unsafe_production()
