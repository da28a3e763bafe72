"""Account e-mails (invitations, "you were added", …) as tasks of Django's task framework, queued by
accounts/services.py once the change is committed and sent by `manage.py run_worker`.

A body may carry a sign-in link (an invitation's token, stored only as a hash), so it is sealed (encrypted
and authenticated with a key derived from SECRET_KEY) while it waits in the task table, which admins can
read. A mail server that fails gets the mail again later, a few times; each failure is logged and shows in
the admin's task results."""

from __future__ import annotations

import base64
import hashlib
import logging

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from core.tasks import retry_later

logger = logging.getLogger(__name__)

#: Attempts at one account e-mail before it is given up (the inviter can resend an invitation).
MAX_ATTEMPTS = 5


def _fernet() -> Fernet:
    key = hashlib.sha256(b"onemg-account-mail:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


@task()
def send_account_mail(*, subject: str, sealed_body: str, to: str, attempt: int = 1) -> str:
    try:
        send_mail(subject, unseal(sealed_body), settings.DEFAULT_FROM_EMAIL, [to])
    except Exception:
        logger.exception("Could not send %r to %s (attempt %d of %d)", subject, to, attempt, MAX_ATTEMPTS)
        if attempt < MAX_ATTEMPTS:
            retry_later(send_account_mail, subject=subject, sealed_body=sealed_body, to=to, attempt=attempt)
        raise
    return to
