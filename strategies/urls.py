from django.urls import path

from strategies import views

app_name = "strategies"
urlpatterns = [
    path("", views.home, name="home"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("countries/<str:code>/start/", views.strategy_start, name="start"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("strategies/<int:pk>/", views.strategy_detail, name="detail"),
    path("strategies/<int:pk>/details/", views.strategy_details, name="details"),
    path("strategies/<int:pk>/sections/<slug:key>/", views.section_edit, name="section"),
    path("strategies/<int:pk>/sections/<slug:key>/history/", views.section_history, name="section_history"),
    path(
        "strategies/<int:pk>/sections/<slug:key>/restore/<int:version>/",
        views.section_restore,
        name="section_restore",
    ),
    path("strategies/<int:pk>/sections/<slug:key>/presence/", views.section_presence, name="section_presence"),
    path("strategies/<int:pk>/sections/<slug:key>/comments/", views.section_comments, name="section_comments"),
    path("strategies/<int:pk>/sections/<slug:key>/assign/", views.section_assign, name="section_assign"),
    path("strategies/<int:pk>/people/", views.mention_candidates, name="mention_candidates"),
    path(
        "strategies/<int:pk>/comments/<int:comment_id>/<str:action>/",
        views.comment_toggle,
        name="comment_toggle",
    ),
    path("strategies/<int:pk>/action-plan/", views.action_plan, name="action_plan"),
    path("strategies/<int:pk>/recommendations/", views.assessments, name="assessments"),
    path("strategies/<int:pk>/parts/<slug:kind>/", views.part_list, name="parts"),
    path("strategies/<int:pk>/parts/<slug:kind>/new/", views.part_new, name="part_new"),
    path("strategies/<int:pk>/parts/<slug:kind>/<int:part_id>/", views.part_detail, name="part"),
    path("strategies/<int:pk>/parts/<slug:kind>/<int:part_id>/delete/", views.part_delete, name="part_delete"),
    path(
        "strategies/<int:pk>/parts/<slug:kind>/<int:part_id>/move/<str:direction>/",
        views.part_move,
        name="part_move",
    ),
]
