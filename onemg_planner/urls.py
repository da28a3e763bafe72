from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("1+MG Strategy Planner administration")
admin.site.site_title = _("1+MG Strategy Planner")

handler400 = "onemg_planner.errors.bad_request"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("guide/", include("guide.urls")),
    path("reviews/", include("reviews.urls")),
    path("compare/", include("comparisons.urls")),
    path("exports/", include("exports.urls")),
    path("factsheets/", include("factsheets.urls")),
    path("", include("strategies.urls")),
]

# Any server error on a save hands the person's text back (onemg_planner/errors.py).
handler500 = "onemg_planner.errors.server_error"
