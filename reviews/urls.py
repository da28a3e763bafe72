from django.urls import path

from reviews import report_views, views

app_name = "reviews"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.review_detail, name="review"),
    path("<int:pk>/claim/", views.claim, name="claim"),
    path("<int:pk>/sections/<slug:key>/", views.section_verdict, name="verdict"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("snapshots/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path("strategies/<int:pk>/transition/", views.transition, name="transition"),
    path("strategies/<int:pk>/latest/", views.latest_snapshot, name="latest"),
    path("reports/<int:pk>/transition/", report_views.report_transition, name="report_transition"),
    path("reports/submissions/<int:pk>/", report_views.report_review, name="report_review"),
    path("reports/submissions/<int:pk>/parts/<slug:part>/", report_views.report_verdict, name="report_verdict"),
    path("reports/submissions/<int:pk>/decide/", report_views.report_decide, name="report_decide"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="notification"),
]
