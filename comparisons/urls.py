from django.urls import path

from comparisons import views

app_name = "comparisons"
urlpatterns = [
    path("", views.index, name="index"),
    path("europe/", views.dashboard, name="dashboard"),
    path("sections/<slug:key>/", views.section, name="section"),
    path("audiences/", views.audiences, name="audiences"),
    path("channels/", views.channels, name="channels"),
    path("key-messages/", views.messages_view, name="messages"),
    path("kpis/", views.kpis, name="kpis"),
    path("risks/", views.risks, name="risks"),
    path("recommendations/", views.recommendations, name="recommendations"),
    path("action-plans/", views.progress, name="progress"),
    path("reuse/<int:snapshot_id>/<slug:kind>/<int:row_id>/", views.reuse, name="reuse"),
]
