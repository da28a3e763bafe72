from django.urls import path

from strategies import views

app_name = "strategies"
urlpatterns = [
    path("", views.home, name="home"),
    path("strategies/<int:pk>/", views.strategy_detail, name="detail"),
]
