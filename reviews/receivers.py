"""Reviews owns notifications; here it listens to what the layers below announce (see strategies/signals.py)."""

from __future__ import annotations

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _

from reviews.services import notify
from strategies.models import SECTIONS_BY_KEY
from strategies.signals import comment_mentioned


@receiver(comment_mentioned, dispatch_uid="reviews.notify_mentioned")
def notify_mentioned(sender, *, comment, mentioned, **kwargs) -> None:
    """The bell for everyone mentioned; e-mail at once, in the daily digest or not at all, as each chose."""
    strategy = comment.strategy
    section = SECTIONS_BY_KEY[comment.section_key]._meta.verbose_name
    subject = _("%(author)s mentioned you in “%(section)s” (%(country)s)") % {
        "author": comment.author,
        "section": section,
        "country": strategy.country,
    }
    notify(
        mentioned,
        strategy=strategy,
        subject=subject[:200],
        body=f"{comment.author}: {comment.body}",
        url=reverse("strategies:section", args=[strategy.pk, comment.section_key]) + f"#comment-{comment.pk}",
    )
