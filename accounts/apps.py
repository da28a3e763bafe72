from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Countries and people")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out
        from django.db.models.signals import pre_save

        from accounts import sessions
        from accounts.models import User

        user_logged_in.connect(sessions.on_signed_in, dispatch_uid="accounts.session_started")
        user_logged_out.connect(sessions.on_signed_out, dispatch_uid="accounts.sessions_ended")
        pre_save.connect(sessions.on_user_saved, sender=User, dispatch_uid="accounts.deactivation_ends_sessions")
