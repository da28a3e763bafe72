from django.urls import path

from reviews import views

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
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="notification"),
]
