from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(sender, *, using: str = "default", verbosity: int = 1, **kwargs) -> None:
    """CACHE_URL=db:// keeps the cache in a database table: `migrate` makes it (idempotent), so deploying
    is `migrate` as before, whatever CACHE_URL says."""
    from django.conf import settings
    from django.core.management import call_command

    if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))


class JobsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jobs"
    verbose_name = _("Background work")

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="jobs.create_cache_table")
