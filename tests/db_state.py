"""A fingerprint of what the app stores, to prove that a refused request changed nothing."""

from __future__ import annotations

import hashlib

from django.apps import apps as registry

#: Apps whose tables hold people's work and the reference data.
APPS = ("accounts", "guide", "strategies", "monitoring", "factsheets", "reviews", "comparisons", "exports")
#: Written on purpose by requests that are not edits: who has a section open, rendered PDFs (their render
#: tasks are in the task backend's app, not fingerprinted).
SKIP = {"strategies.presence", "exports.renderedpdf"}
#: Columns that signing in changes (the matrix signs each role in once, before its requests).
SKIP_COLUMNS = {"accounts.user": {"last_login"}}


def fingerprint(apps: tuple[str, ...] = APPS) -> str:
    digest = hashlib.sha256()
    for app in apps:
        for model in registry.get_app_config(app).get_models():
            label = model._meta.label_lower
            if label in SKIP:
                continue
            digest.update(label.encode())
            skipped = SKIP_COLUMNS.get(label, set())
            columns = [f.attname for f in model._meta.concrete_fields if f.attname not in skipped]
            for row in model.objects.order_by("pk").values_list(*columns):
                digest.update(repr(row).encode())
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                digest.update(repr(list(through.objects.order_by("pk").values_list())).encode())
    return digest.hexdigest()
