from django.urls import path

from monitoring import panel_views, report_views, views

app_name = "monitoring"
urlpatterns = [
    path("strategies/<int:pk>/", views.overview, name="overview"),
    path("strategies/<int:pk>/checks/", views.checks_fragment, name="checks"),
    path("strategies/<int:pk>/kpis/<int:kpi_id>/", views.kpi_detail, name="kpi"),
    path("strategies/<int:pk>/readings/<int:reading_id>/delete/", views.reading_delete, name="reading_delete"),
    path("strategies/<int:pk>/tasks/<int:task_id>/status/", views.task_status, name="task_status"),
    path("strategies/<int:pk>/risks/", views.risks, name="risks"),
    path("strategies/<int:pk>/stories/", views.stories, name="stories"),
    path("strategies/<int:pk>/stories/<int:story_id>/", views.story_edit, name="story"),
    path("strategies/<int:pk>/reports/new/", report_views.report_new, name="report_new"),
    path("strategies/<int:pk>/lessons/", report_views.lessons, name="lessons"),
    path("strategies/<int:pk>/lessons/<int:lesson_id>/link/", report_views.lesson_link, name="lesson_link"),
    path("strategies/<int:pk>/panel/", views.panel_links, name="panel"),
    path("strategies/<int:pk>/panel/<int:link_id>/close/", views.panel_close, name="panel_close"),
    path("reports/<int:pk>/", report_views.report_detail, name="report"),
    path("reports/<int:pk>/delete/", report_views.report_delete, name="report_delete"),
    path("shared/", views.shared, name="shared"),
    path("compare/readings/", views.compare_readings, name="compare_readings"),
    path("panel/<str:token>/", panel_views.panel_review, name="panel_review"),
]
