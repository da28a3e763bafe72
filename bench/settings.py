"""Settings for the benchmark only (bench/run.sh): production settings with DEBUG off, served over plain HTTP
on 127.0.0.1, plus the ceiling view (bench/urls.py). Never used by the app or the tests."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")

from onemg_planner.settings import *  # noqa: E402,F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
# wrk and curl talk plain HTTP to 127.0.0.1; the test client (query counts) says "testserver".
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# collectstatic writes here (DEBUG off: the pages name the hashed files of the manifest).
STATIC_ROOT = os.path.join(os.environ.get("BENCH_DIR", "/tmp/onemg-bench"), "static")  # noqa: S108 - run.sh's default
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
