"""How long a sign-in lasts, and ending a user's sessions everywhere.

- Idle timeout: a session unused for SESSION_IDLE_TIMEOUT seconds ends (any request counts as use).
- Absolute timeout: a session ends SESSION_ABSOLUTE_TIMEOUT seconds after sign-in, used or not.
- Signing out, changing or resetting the password, and being deactivated end the user's sessions on
  every other device too: each user has a session epoch mixed into the hash Django keeps in the session
  (User.get_session_auth_hash), and bumping it invalidates every session signed in before.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import F
from django.utils.translation import gettext as _

STARTED = "_signed_in_at"
SEEN = "_last_seen_at"
#: A session is written at most this often just to record activity (each write is a database write).
SEEN_RESOLUTION = 60


def end_all_sessions(user) -> None:
    """Every session of `user` signed in so far stops working at its next request."""
    if user is not None and user.pk:
        get_user_model().objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)


def on_signed_in(sender, request, user, **kwargs) -> None:
    now = int(time.time())
    request.session[STARTED] = now
    request.session[SEEN] = now


def on_signed_out(sender, request, user, **kwargs) -> None:
    end_all_sessions(user)


def on_user_saved(sender, instance, raw=False, **kwargs) -> None:
    """Deactivating an account ends its sessions (whichever path saved it: admin, import, a service)."""
    if raw or not instance.pk or instance.is_active:
        return
    if sender.objects.filter(pk=instance.pk, is_active=True).exists():
        # In the row now (a save limited to other fields keeps it) and in the instance being saved.
        instance.session_epoch = (instance.session_epoch or 0) + 1
        sender.objects.filter(pk=instance.pk).update(session_epoch=instance.session_epoch)


class SessionTimeoutMiddleware:
    """Ends sessions idle for too long or signed in for too long; records activity (at most once a minute)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.get(STARTED)
            seen = session.get(SEEN)
            if started is None:  # signed in before these limits existed: count from now
                session[STARTED] = session[SEEN] = started = seen = now
            if now - started > settings.SESSION_ABSOLUTE_TIMEOUT or now - seen > settings.SESSION_IDLE_TIMEOUT:
                # Not logout(): that would also end the user's sessions on their other devices.
                session.flush()
                request.user = AnonymousUser()
                messages.info(request, _("You were signed out after a while without activity. Please sign in again."))
            elif now - seen >= SEEN_RESOLUTION:
                session[SEEN] = now  # saving the session also moves its expiry (SESSION_COOKIE_AGE) on
        return self.get_response(request)
