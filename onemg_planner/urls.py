from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from onemg_planner.admin_site import curate

admin.site.site_header = _("1+MG Strategy Planner administration")
admin.site.site_title = _("1+MG Strategy Planner")
admin.site.index_title = _("Administration for superusers")
# One sign-in page for everybody, with its lockout and two-factor step: the admin's own is not used.
admin.site.login = secure_admin_login(admin.site.login)
curate(admin.site)

handler400 = "onemg_planner.errors.bad_request"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("guide/", include("guide.urls")),
    path("reviews/", include("reviews.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("compare/", include("comparisons.urls")),
    path("exports/", include("exports.urls")),
    path("factsheets/", include("factsheets.urls")),
    path("api/", include("api.urls")),
    path("", include("strategies.urls")),
]

# Any server error on a save hands the person's text back (onemg_planner/errors.py).
handler500 = "onemg_planner.errors.server_error"
