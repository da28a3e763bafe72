from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Countries and people")

    def ready(self):
        from allauth.account.signals import password_reset
        from django.contrib.auth.signals import user_logged_in, user_logged_out
        from django.db.models.signals import post_save, pre_save

        from accounts import sessions, signals
        from accounts.models import User

        user_logged_in.connect(sessions.on_signed_in, dispatch_uid="accounts.session_started")
        user_logged_out.connect(sessions.on_signed_out, dispatch_uid="accounts.sessions_ended")
        pre_save.connect(sessions.on_user_saved, sender=User, dispatch_uid="accounts.deactivation_ends_sessions")
        post_save.connect(keep_email_address, sender=User, dispatch_uid="accounts.email_address")
        password_reset.connect(lift_lockout, dispatch_uid="accounts.reset_lifts_lockout")
        signals.connect()  # role changes and (de)activations, to the audit trail


def keep_email_address(sender, instance, created=False, raw=False, **kwargs):
    """Whatever path changed a user's e-mail (the admin, an import, the demo), it is one of their addresses on
    the e-mail page too (allauth keeps its own table of them), primary when they have none. Not on creation:
    allauth's sign-up through the identity provider and accepting an invitation set up the addresses then."""
    update_fields = kwargs.get("update_fields")
    if raw or created or not instance.email or (update_fields is not None and "email" not in update_fields):
        return  # a sign-in saves last_login only: the address did not change
    from allauth.account.models import EmailAddress
    from django.db import IntegrityError, transaction

    addresses = EmailAddress.objects.filter(user=instance)
    if addresses.filter(email__iexact=instance.email).exists():
        return
    if EmailAddress.objects.filter(email__iexact=instance.email, verified=True).exclude(user=instance).exists():
        return  # someone else's verified address: not this account's to claim
    try:
        with transaction.atomic():  # two saves at once may both add it: the second finds it there
            EmailAddress.objects.create(
                user=instance,
                email=instance.email.lower(),
                primary=not addresses.filter(primary=True).exists(),
                verified=False,
            )
    except IntegrityError:
        pass


def lift_lockout(sender, request, user, **kwargs):
    """Whoever set a new password through the reset e-mail proved they hold the account: a lockout from wrong
    passwords no longer protects anything, so it ends."""
    from axes.models import AccessAttempt

    from audit.models import AuditEvent
    from audit.services import record

    count, _deleted = AccessAttempt.objects.filter(username__iexact=user.get_username()).delete()
    if count:
        record(
            AuditEvent.Action.UNLOCKED,
            summary=f"Lockout of {user.get_username()} lifted by a password reset",
            user=user,
            target=f"user:{user.pk}",
            details={"user": user.get_username(), "attempts": count},
            request=request,
        )
