from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = _("Reviews and notifications")

    def ready(self) -> None:
        from reviews import receivers  # noqa: F401 - connects the signal receivers
