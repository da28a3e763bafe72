from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import pages, views

app_name = "api"

router = SimpleRouter()
router.register("countries", views.CountryViewSet, basename="country")
router.register("strategies", views.StrategyViewSet, basename="strategy")
router.register("snapshots", views.SnapshotViewSet, basename="snapshot")

urlpatterns = [
    path("", pages.docs, name="docs"),
    path("tokens/", pages.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", pages.token_revoke, name="token_revoke"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("schema/ui/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="swagger"),
    path("v1/comparisons/", views.ComparisonList.as_view(), name="comparisons"),
    path("v1/", include(router.urls)),
]
