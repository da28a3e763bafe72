from django.urls import path, re_path

from exports import exchange_views, views

app_name = "exports"
urlpatterns = [
    path("strategies/<int:pk>/strategy.pdf", views.strategy_pdf, name="strategy_pdf"),
    path("jobs/<str:pk>/", views.job_status, name="job"),
    path("all-countries.zip", views.all_countries_zip, name="zip"),
    path("factsheets/<int:pk>/factsheet.pdf", views.factsheet_pdf, name="factsheet_pdf"),
    path("compare/<slug:key>.pdf", views.comparison_pdf, name="comparison_pdf"),
    # Word/ODT and JSON (issue #15): exports/exchange_views.py.
    re_path(
        r"^strategies/(?P<pk>\d+)/strategy\.(?P<fmt>docx|odt)$", exchange_views.strategy_word, name="strategy_word"
    ),
    re_path(r"^snapshots/(?P<pk>\d+)/strategy\.(?P<fmt>docx|odt)$", exchange_views.snapshot_word, name="snapshot_word"),
    re_path(
        r"^factsheets/(?P<pk>\d+)/factsheet\.(?P<fmt>docx|odt)$", exchange_views.factsheet_word, name="factsheet_word"
    ),
    path("strategies/<int:pk>/strategy.json", exchange_views.strategy_json, name="strategy_json"),
    path("snapshots/<int:pk>/strategy.json", exchange_views.snapshot_json, name="snapshot_json"),
    path("strategies/<int:pk>/import/", exchange_views.strategy_import, name="strategy_import"),
]
