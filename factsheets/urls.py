from django.urls import path

from factsheets import views

app_name = "factsheets"
urlpatterns = [
    path("<int:pk>/", views.factsheet_edit, name="edit"),
    path("<int:pk>/preview/", views.factsheet_preview, name="preview"),
    path("<int:pk>/factsheet.pdf", views.factsheet_pdf, name="pdf"),
    path("country/<str:code>/", views.factsheet_list, name="list"),
    path("country/<str:code>/<slug:key>/<str:language>/start/", views.factsheet_start, name="start"),
]
