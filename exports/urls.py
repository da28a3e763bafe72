from django.urls import path

from exports import views

app_name = "exports"
urlpatterns = [
    path("strategies/<int:pk>/strategy.pdf", views.strategy_pdf, name="strategy_pdf"),
    path("jobs/<int:pk>/", views.job_status, name="job"),
    path("all-countries.zip", views.all_countries_zip, name="zip"),
    path("factsheets/<int:pk>/factsheet.pdf", views.factsheet_pdf, name="factsheet_pdf"),
    path("compare/<slug:key>.pdf", views.comparison_pdf, name="comparison_pdf"),
]
