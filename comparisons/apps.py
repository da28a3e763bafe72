from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComparisonsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comparisons"
    verbose_name = _("Comparisons")
