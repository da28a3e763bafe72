from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_save
        from django_tasks.signals import task_finished, task_started

        from core import pagecache

        # Every saved row, whichever app and path saved it, moves the page cache's data version on.
        post_save.connect(pagecache.on_row_saved, dispatch_uid="page_cache_row_saved")
        m2m_changed.connect(pagecache.on_row_saved, dispatch_uid="page_cache_m2m_changed")
        task_started.connect(pagecache.on_task_event, dispatch_uid="page_cache_task_started")
        task_finished.connect(pagecache.on_task_event, dispatch_uid="page_cache_task_finished")
