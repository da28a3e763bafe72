"""The site's URLs plus the ceiling: a bare signed-in view doing three queries (session, user, one count)."""

from django.urls import path

from bench.views import ceiling
from onemg_planner.urls import handler400, handler500  # noqa: F401
from onemg_planner.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("bench/ceiling/", ceiling, name="bench_ceiling"), *site_urlpatterns]
