"""ASGI entry point. Refuses to serve with DEBUG off unless SECRET_KEY comes from the environment."""

import os

from django.conf import settings
from django.core.asgi import get_asgi_application
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onemg_planner.settings")

application = get_asgi_application()
if getattr(settings, "SECRET_KEY_MISSING", False):
    raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=1 for local development).")
