"""Settings for the test suite: the production settings with fast hashing and in-memory mail."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")

from onemg_planner.settings import *  # noqa: E402,F403
from onemg_planner.settings import CODE_STAMP, DATABASES, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# The test client and the browser tests' live server speak plain HTTP; tests/test_deploy.py checks the
# production values.
SECURE_SSL_REDIRECT = False
# Serve static files straight from static/ and the apps, as in development (no collectstatic in tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not Django's in-memory default: the concurrency tests race threads on their own connections,
    # which must share one database under the same settings (WAL, immediate transactions) as `make run`.
    # The process id keeps parallel runs apart; pytest-xdist appends _gw0, _gw1, … per worker.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"onemg-test-{os.getpid()}.sqlite3"),
    }

# One process per test run: a cache in memory (tests/conftest.py empties it per test) unless CACHE_URL asks
# for another (scripts/two_servers.sh); a database cache would add a query to every budgeted page.
if "CACHE_URL" not in os.environ:
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": CODE_STAMP}  # noqa: F405
# Tasks wait in the database queue as in production; tests run them with tests/tasks.py's run_tasks() (the
# on-commit capture fixture in tests/conftest.py runs the mail they queue). Snapshots' PDFs are pre-rendered
# only where a test asks for it (settings.PDF_PRERENDER = True): a render takes a second.
PDF_PRERENDER = False
