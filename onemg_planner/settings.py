"""Settings for the 1+MG Strategy Planner.

Everything that differs between a laptop and production comes from the environment, and the
defaults are the safe ones: DEBUG is off unless asked for, and without DEBUG a SECRET_KEY must be set.
"""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from core.limits import REQUEST_MAX_BYTES
from core.stamp import code_stamp

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_FROM_ENVIRONMENT = bool(SECRET_KEY)
if not SECRET_KEY:
    # Management commands (check, migrate) may run without one; the WSGI/ASGI entry points refuse to
    # serve without a real key (SECRET_KEY_MISSING), so no production process ever uses these.
    SECRET_KEY = "django-insecure-local-development-only" if DEBUG else secrets.token_urlsafe(50)
#: wsgi.py and asgi.py refuse to serve when this is true.
SECRET_KEY_MISSING = not DEBUG and not SECRET_KEY_FROM_ENVIRONMENT


ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "csp",
    # Sign-in, password reset and change, e-mail addresses (allauth), multi-factor authentication (TOTP and
    # recovery codes), single sign-on through an OpenID Connect provider (configured below), lockout (axes).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    # The ground layer; its one model is the page cache's data version (core/pagecache.py).
    "core",
    "accounts",
    "guide",
    "audit",
    "strategies",
    "monitoring",
    "factsheets",
    "reviews",
    "comparisons",
    "exports",
    "demo",
    # The read-only REST API (issue #15): DRF, its OpenAPI description, Swagger UI served from the app.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    # Background work (issue #13): Django's task framework (the django-tasks backport) with its database
    # backend; `jobs` runs the worker and its schedule (manage.py run_worker).
    "django_tasks",
    "django_tasks_db",
    "jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.formatting.FormatLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every request that writes moves the page cache's data version on, and a request reads the version once
    # (core/pagecache.py): before the checks below, which read rules remembered by that version.
    "core.pagecache.WritesChangeDataMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.sessions.SessionTimeoutMiddleware",
    # After the session checks: people whose role requires two-factor authentication set it up first.
    "accounts.mfa.RequireMfaMiddleware",
    "audit.services.AuditMiddleware",
    "onemg_planner.middleware.RequestLimitsMiddleware",
    "onemg_planner.middleware.PrivateResponsesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Turns a sign-in refused because of a lockout into the page that says so (accounts/lockout.py).
    "axes.middleware.AxesMiddleware",
    # Last, so it sees a view's exception first: a lost database answers 503 with the person's text.
    "onemg_planner.errors.DatabaseFailureMiddleware",
]

ROOT_URLCONF = "onemg_planner.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guide.context_processors.branding",
                "accounts.context_processors.navigation",
                "reviews.context_processors.bell",
                "core.limits.template_context",
                # Last: while a page that may be stored renders, its CSRF token is a placeholder.
                "core.pagecache.csrf_placeholder",
            ],
            # |ldate and |ldatetime: dates in the reader's format, in every template.
            "builtins": ["core.formatting"],
        },
    },
]

# Widget templates come from templates/ too (the rich-text widget lives there).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "onemg_planner.wsgi.application"

# SQLite is the embedded default; production sets DATABASE_URL=postgres://...
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must hold several people saving at once. A deferred transaction that reads and
    # then writes cannot wait for the lock (SQLite answers "database is locked" at once to avoid a deadlock),
    # so every transaction takes the write lock up front and waits for it (busy timeout, seconds); WAL lets
    # readers go on while one writer writes, and synchronous=NORMAL is the safe setting for WAL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )

# --- Several app machines (issue #13) ----------------------------------------------------------------------
# Nothing several app servers must share lives in one process: sessions and presence are in the database,
# PDFs too, and the cache comes from CACHE_URL: `db://` (the database table `onemg_cache`, made by `migrate`
# through jobs/apps.py; the default without DEBUG), `redis://host:6379/0` (Django's Redis backend, needs the
# redis package), `locmem://` (this process only: the default with DEBUG, one machine) or `dummy://`.
# CONN_MAX_AGE (above, seconds, default 60) keeps PostgreSQL connections open between requests; behind
# pgbouncer in transaction pooling mode set CONN_MAX_AGE=0 and PGBOUNCER_TRANSACTION_POOLING=1 (README).


def cache_from_url(url: str) -> dict:
    scheme, _sep, rest = url.partition("://")
    if scheme == "db":
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": rest.strip("/") or "onemg_cache"}
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest or "onemg"}
    raise ValueError(f"CACHE_URL: unknown scheme {scheme!r} (db://, redis://, locmem:// or dummy://)")


CACHE_URL = os.environ.get("CACHE_URL", "locmem://" if DEBUG else "db://")
# The cache outlives a deploy, and its keys name snapshots and languages only: every key is prefixed with a
# stamp of the code and templates (core/stamp.py), so a release that changes either starts on a fresh cache.
CODE_STAMP = code_stamp(BASE_DIR)
# The pages people open every day are kept whole per person until data changes or the minute turns
# (core/pagecache.py); PAGE_CACHE=0 turns it off. Whether a stored page is still current is decided by the
# data version in the database, which every machine shares, so the pages themselves may stay in each
# process's memory (the default: no query to read one, at most PAGE_CACHE_ENTRIES compressed pages of about
# 10-30 KB each per process) or go to a shared cache (PAGE_CACHE_URL=redis://...).
PAGE_CACHE = env_bool("PAGE_CACHE", default=True)
PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL", "locmem://pages")
CACHES = {
    "default": {**cache_from_url(CACHE_URL), "KEY_PREFIX": CODE_STAMP},
    "pages": {**cache_from_url(PAGE_CACHE_URL), "KEY_PREFIX": CODE_STAMP},
}
if PAGE_CACHE_URL.startswith("locmem://"):
    CACHES["pages"]["OPTIONS"] = {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "1000"))}

if env_bool("PGBOUNCER_TRANSACTION_POOLING"):
    # pgbouncer hands each transaction to any server connection: named server-side cursors (iterator())
    # would outlive theirs.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

# Background work: PDF renders, e-mails, digests and reminders are tasks, run by `manage.py run_worker`
# (one or more per deployment, on any machine that reaches the database). Two queues, so a long render never
# holds the mail: "default" (mail, reminders, the schedule's work) and "pdf" (renders, each killed after
# PDF_RENDER_TIMEOUT seconds). Moving to another backend (RQ, Celery, …) is this setting.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "pdf"],
    }
}
#: Render a snapshot's PDF as soon as it is made, and idle working copies' PDFs, before anyone asks.
PDF_PRERENDER = env_bool("PDF_PRERENDER", True)
#: A working copy nobody changed for this many minutes has its PDF rendered by the worker's schedule.
PDF_PRERENDER_IDLE_MINUTES = int(os.environ.get("PDF_PRERENDER_IDLE_MINUTES", "10"))
#: Days a finished task's result is kept (failed ones twice as long), then the worker's schedule prunes it.
TASK_RESULTS_DAYS = int(os.environ.get("TASK_RESULTS_DAYS", "7"))
#: The hour (local time) after which the worker sends the daily digests and reminders.
DAILY_MAIL_HOUR = int(os.environ.get("DAILY_MAIL_HOUR", "7"))

# Limits on what one request may carry (see core/limits.py and README "Limits"): a form post of up
# to 2.5 MB (a section with every answer at its limit fits), at most 1,000 fields. A larger post gets a page
# that says the limit (onemg_planner.middleware.RequestLimitsMiddleware); the editor keeps the text.
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A sign-in ends after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_ABSOLUTE_TIMEOUT seconds
# after signing in in any case (accounts/sessions.py). Signing out ends the user's sessions everywhere.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(2 * 3600)))
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", str(12 * 3600)))
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "strategies:home"
LOGOUT_REDIRECT_URL = "account_login"

# --- Sign-in (django-allauth) -------------------------------------------------------------------------------
# Lockout first: it refuses a locked-out sign-in before any password is checked (accounts/lockout.py).
AUTHENTICATION_BACKENDS = [
    "accounts.lockout.LockoutBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# People sign in with their username (the demo's lead-de) or their e-mail address. Nobody signs up: accounts
# come from invitations (accounts/adapters.py closes the sign-up page).
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.forms.LoginForm"}
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
# Always the same session length (the idle timeout above): no "remember me" box.
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[1+MG Strategy Planner] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Failed sign-ins are counted and locked out by django-axes (below), not by allauth's cache-based limit (per
# process with the default cache, so it would not hold across several workers).
ACCOUNT_RATE_LIMITS = {"login_failed": None}

# Multi-factor authentication: an authenticator app (TOTP) with recovery codes. Whether reviewers and admins
# must use it is set by an admin in the app (Team > Security) or forced here (MFA_REQUIRED_FOR).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "1+MG Strategy Planner")
# Accounts here are made by admins and invitations, not by strangers signing up, so an address not yet
# confirmed does not stop anyone from protecting their account.
MFA_ALLOW_UNVERIFIED_EMAIL = True
#: "reviewers", "admins" or both (comma-separated): these roles must use two-factor authentication whatever
#: the in-app setting says.
MFA_REQUIRED_FOR = env_list("MFA_REQUIRED_FOR")

# Single sign-on through one OpenID Connect provider (e.g. the life-science community's identity service or
# an institution's), off unless OIDC_CLIENT_ID is set. OIDC_SERVER_URL is the issuer: its
# /.well-known/openid-configuration is read for the endpoints. Nobody gets an account just by signing in
# there: a new identity needs an invitation, or an existing account with the same verified e-mail address.
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_PROVIDER_ID = os.environ.get("OIDC_PROVIDER_ID", "sso")
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": (
            [
                {
                    "provider_id": OIDC_PROVIDER_ID,
                    "name": os.environ.get("OIDC_PROVIDER_NAME", "Single sign-on"),
                    "client_id": OIDC_CLIENT_ID,
                    "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                    "settings": {
                        "server_url": os.environ.get("OIDC_SERVER_URL", ""),
                        "scope": env_list("OIDC_SCOPES", "openid,email,profile"),
                        "oauth_pkce_enabled": env_bool("OIDC_PKCE", True),
                    },
                }
            ]
            if OIDC_CLIENT_ID
            else []
        ),
    }
}
SOCIALACCOUNT_AUTO_SIGNUP = True
# An identity whose provider vouches for its e-mail address signs in to the account with that address.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = env_bool("OIDC_MATCH_BY_EMAIL", True)
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = SOCIALACCOUNT_EMAIL_AUTHENTICATION
SOCIALACCOUNT_STORE_TOKENS = False

# --- Lockout of repeated failed sign-ins (django-axes) ---------------------------------------------------
# AXES_FAILURE_LIMIT wrong passwords for one account from one address lock that account from that address for
# AXES_COOLOFF_MINUTES (a correct password is refused meanwhile); an admin can lift it earlier (Team pages).
# Counted per account *and* address, so nobody can lock a colleague out from elsewhere.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # the audit trail records sign-ins
AXES_ENABLE_ADMIN = False  # locks are shown and lifted on the team pages, with an audit record
AXES_USERNAME_CALLABLE = "accounts.lockout.username_of"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.address_of"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "1+MG Strategy Planner <noreply@localhost>")
# A mail server that hangs must not hold a request (or a workflow step) for long; failed mails are retried.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")  # for links in e-mails
#: Days an invitation link stays valid (a resend starts again from the day it is sent).
INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", "14"))

# Production is HTTPS only (`manage.py check --deploy` passes with no warning; tests/test_deploy.py holds it):
# plain HTTP is redirected, browsers are told to come back over HTTPS only (HSTS, a year, subdomains
# included, preload allowed), cookies travel over HTTPS only. Behind a TLS-terminating proxy, set
# BEHIND_TLS_PROXY=1 so the proxy's X-Forwarded-Proto tells Django the request was secure (the proxy must
# set that header itself and drop any a client sends). Each can be turned off through the environment.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY")
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: every script and style is served by us (vendored in static/), no inline
# script anywhere; inline style attributes are allowed for the editor (Trix) and progress bars.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# A PDF is laid out in a child process killed after this many seconds (exports/pdf.py), so no document
# can hold the worker; a full strategy takes a few seconds.
PDF_RENDER_TIMEOUT = float(os.environ.get("PDF_RENDER_TIMEOUT", "90"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every rendering step at INFO; its warnings are what matters.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # it narrates every sign-in; the audit trail records them
    },
}


# --- Read-only REST API (api/): personal access tokens, the permission policy, paginated, rate-limited ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalTokenAuthentication",
        # Signed-in people can try the API in the browser (Swagger UI); read-only, so no CSRF question.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": os.environ.get("API_RATE", "120/minute")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "1+MG Strategy Planner API",
    "DESCRIPTION": (
        "Read-only. Authenticate with a personal access token (Authorization: Bearer onemg_…) made on the "
        "API tokens page; a token sees exactly what its owner sees in the app. See docs/api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
}
