"""A fingerprint of what the app stores, to prove that a refused request changed nothing."""

from __future__ import annotations

import hashlib

from django.apps import apps

#: Apps whose tables hold people's work and the reference data.
APPS = ("accounts", "guide", "strategies", "factsheets", "reviews", "comparisons", "exports")
#: Written on purpose by requests that are not edits: who has a section open, queued PDF renders.
SKIP = {"strategies.presence", "exports.pdfjob", "exports.renderedpdf"}


def fingerprint() -> str:
    digest = hashlib.sha256()
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            label = model._meta.label_lower
            if label in SKIP:
                continue
            digest.update(label.encode())
            for row in model.objects.order_by("pk").values_list():
                digest.update(repr(row).encode())
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                digest.update(repr(list(through.objects.order_by("pk").values_list())).encode())
    return digest.hexdigest()
