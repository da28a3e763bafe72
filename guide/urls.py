from django.urls import path

from guide import views

app_name = "guide"
urlpatterns = [
    path("", views.guide_index, name="index"),
    path("glossary/", views.glossary, name="glossary"),
    path("resources/", views.resources, name="resources"),
]
