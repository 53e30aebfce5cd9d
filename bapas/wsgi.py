"""WSGI entry point (gunicorn bapas.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bapas.settings.prod")
application = get_wsgi_application()
