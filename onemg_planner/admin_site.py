"""The Django admin as superusers see it: branded, with the app's internal tables left out or read-only.

Hidden: tables the app keeps for itself (who has a section open, cached PDFs, notifications,
calendar-feed secrets, section assignments made in the editor, sign-in rules set on the team pages, the
identity provider's tokens and app, configured from the environment). Read-only: records the app only ever
adds to (history, snapshots, reviews and their events, linked identities, background tasks' results);
changing them by hand would falsify what happened. Each app's own admin module stays as it is; this is
applied once the admin is loaded.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin

HIDDEN = (
    "strategies.Presence",
    "strategies.SectionAssignment",
    "exports.RenderedPdf",
    "reviews.Notification",
    "socialaccount.SocialApp",
    "socialaccount.SocialToken",
)

READ_ONLY = (
    "strategies.Revision",
    "reviews.Snapshot",
    "reviews.Review",
    "reviews.SectionReview",
    "reviews.Event",
    "socialaccount.SocialAccount",
    # Background tasks and their outcome (PDF renders, mails, the schedule's runs): failures are read here,
    # with their traceback; the worker alone writes them.
    "django_tasks_database.DBTaskResult",
)


class ReadOnlyMixin:
    """Viewable by superusers, never added or changed by hand (deleting stays for linked identities only)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.model._meta.label == "socialaccount.SocialAccount" and super().has_delete_permission(request, obj)


def curate(site: admin.AdminSite = admin.site) -> None:
    for label in HIDDEN:
        model = apps.get_model(label)
        if site.is_registered(model):
            site.unregister(model)
    for label in READ_ONLY:
        model = apps.get_model(label)
        if not site.is_registered(model):
            continue
        current = type(site._registry[model])
        if issubclass(current, ReadOnlyMixin):
            continue
        site.unregister(model)
        site.register(model, type(f"ReadOnly{current.__name__}", (ReadOnlyMixin, current), {}))
