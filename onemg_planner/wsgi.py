"""WSGI entry point. Refuses to serve with DEBUG off unless SECRET_KEY comes from the environment."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onemg_planner.settings")

application = get_wsgi_application()
if getattr(settings, "SECRET_KEY_MISSING", False):
    raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=1 for local development).")
