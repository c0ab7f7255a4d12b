"""Klantcultuur settings: one module, driven by environment variables.

Every variable and its default is listed in the README ("Settings"). SQLite is the
embedded default; PostgreSQL through DATABASE_URL runs the same code and test suite.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from klantcultuur.lib.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = envbool("DEBUG", False)

SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment "
            "(or DEBUG=1 for local development only)."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Without SITE_URL, links shown on a page (form links, QR codes) use the address it was served on.
SITE_URL_FROM_REQUEST = not envstr("SITE_URL")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    # Single sign-on (OpenID Connect, SAML 2.0) and MFA; configured per organisation (sso
    # listed first so that its templates dress allauth's pages in the product's layout).
    "klantcultuur.sso",
    "klantcultuur.accounts",
    "klantcultuur.audit",
    "klantcultuur.orgs",
    "klantcultuur.feedback",
    "klantcultuur.huddle",
    "klantcultuur.vision",
    "klantcultuur.programme",
    "klantcultuur.journeys",
    "klantcultuur.hrm",
    "klantcultuur.front",
    "klantcultuur.scan",
    "klantcultuur.notify",
    "klantcultuur.reports",
    # Django's auth and allauth after every app of ours: for a text both translate, ours wins
    # (allauth's Dutch "Voeg toe" would otherwise replace our "Toevoegen" on every page).
    "django.contrib.auth",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "klantcultuur.accounts.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "klantcultuur.lib.htmx.vary_on_htmx",
    "klantcultuur.orgs.middleware.CurrentOrganizationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After login: sends a person whose organisation requires MFA to enrol first.
    "klantcultuur.sso.middleware.mfa_enrolment",
    # AxesMiddleware must stay last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "klantcultuur.urls"
WSGI_APPLICATION = "klantcultuur.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "klantcultuur.orgs.context_processors.organization",
                "klantcultuur.front.navigation.navigation",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'klantcultuur.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers (progress pages) work while an import writes; a busy timeout
    # makes concurrent writers wait instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    # Tests use a file as well (not Django's shared in-memory database): threads then wait for
    # each other's writes as in production, instead of failing with "table is locked".
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (login throttling, progress of background work) ---------------------------
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL")
_default_cache_url = CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else ""
CACHE_URL = envstr("CACHE_URL", _default_cache_url)
CACHES: dict[str, dict[str, Any]]
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL == "locmem://":  # one process only: the test suite
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif not CACHE_URL:
    # Files under VAR_DIR, shared by every worker process on this machine, so that rate limits
    # count all requests (local memory would count per process). Several machines: use Redis.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
else:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// URL, locmem:// (tests) or empty")

# --- Background work -------------------------------------------------------------------
# "celery": tasks go to workers over the broker; "thread": the same task code runs in a
# background thread of the web process (embedded default); "inline": run at once (tests).
TASK_MODE = envstr("TASK_MODE", "celery" if CELERY_BROKER_URL else "thread")
if TASK_MODE not in {"celery", "thread", "inline"}:
    raise ImproperlyConfigured("TASK_MODE must be celery, thread or inline")
# Installations that share one Redis each need a queue of their own.
CELERY_TASK_DEFAULT_QUEUE = envstr("CELERY_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The daily jobs, run by `celery beat` next to a worker; without Celery, cron the management
# commands of the same names. Hours are in TIME_ZONE (CELERY_TIMEZONE, below).
CELERY_BEAT_SCHEDULE = {
    "close_scan_waves": {"task": "scan.close_waves", "schedule": crontab(hour=0, minute=15)},
    "feedback_retention": {"task": "feedback.apply_retention", "schedule": crontab(hour=3, minute=0)},
    "send_scan_reminders": {"task": "scan.send_reminders", "schedule": crontab(hour=9, minute=0)},
    "notify_retry": {"task": "notify.retry_due", "schedule": crontab(minute="*/5")},
    "feedback_overdue": {"task": "feedback.announce_overdue", "schedule": crontab(minute="*/15")},
    "feedback_follow_up": {"task": "feedback.follow_up_all", "schedule": crontab(minute="*/10")},
    "daily_digests": {"task": "front.send_digests", "schedule": crontab(hour=7, minute=30, day_of_week="1-5")},
    "audit_retention": {"task": "audit.apply_retention", "schedule": crontab(hour=3, minute=30)},
    "board_reports": {"task": "reports.send_scheduled", "schedule": crontab(hour=6, minute=0)},
}  # fmt: skip
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Authentication ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# --- Single sign-on and MFA (django-allauth, configured per organisation in sso) ----------
# Only allauth's social login and MFA pages are served (klantcultuur/sso/urls.py); the
# password login stays the accounts app's, and passes through allauth's login stages so
# that MFA is asked when a person has it.
ACCOUNT_ADAPTER = "klantcultuur.sso.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "klantcultuur.sso.adapters.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "accounts-login"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
PASSWORD_LOGIN_POLICY = "klantcultuur.sso.policy.password_login_refusal"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "Klantcultuur"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or envbool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False)

LOGIN_URL = "accounts-login"
LOGIN_REDIRECT_URL = "front-home"
LOGOUT_REDIRECT_URL = "accounts-login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
INVITATION_MAX_AGE = timedelta(days=envint("INVITATION_MAX_AGE_DAYS", 14))
# How long the audit trail keeps events of organisations without their own setting, and
# logins and failed logins (at least 90 days; see klantcultuur/audit/models.py).
AUDIT_RETENTION_DAYS = envint("AUDIT_RETENTION_DAYS", 730)

# Login throttling (django-axes): a user name + address pair is locked after N failures.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "klantcultuur.lib.clientip.client_address"

SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", 8 * 60) * 60
SESSION_SAVE_EVERY_REQUEST = True  # sliding expiry: the age counts from the last request
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security (production defaults; DEBUG relaxes what needs HTTPS) -------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
LANGUAGE_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
# Supervisors and load balancers ask over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ready/$"]
BEHIND_TLS_PROXY = envbool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Proxies in front of the app that append to X-Forwarded-For: the client address (lock-outs,
# rate limits) is read that many hops from the right (klantcultuur.lib.clientip).
PROXY_HOPS = envint("PROXY_HOPS", 1 if BEHIND_TLS_PROXY else 0)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_UPLOAD_MB = envint("MAX_UPLOAD_MB", 200)
# Public feedback forms: answers per touchpoint per client address per ten minutes.
FEEDBACK_FORM_RATE_LIMIT = envint("FEEDBACK_FORM_RATE_LIMIT", 10)
# Responses the demo makes for twelve months (the test suite uses fewer).
FEEDBACK_DEMO_RESPONSES = envint("FEEDBACK_DEMO_RESPONSES", 100_000)

# Content-Security-Policy: our own origin only; no inline scripts or styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- E-mail --------------------------------------------------------------------------
EMAIL_HOST = envstr("EMAIL_HOST")
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Klantcultuur <noreply@klantcultuur.local>")

# --- Language, time, numbers ---------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# Each app keeps its own catalogue in <app>/locale; this one holds klantcultuur/lib's texts.
LOCALE_PATHS = [BASE_DIR / "klantcultuur" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = envstr("TIME_ZONE", "Europe/Amsterdam")
CELERY_TIMEZONE = TIME_ZONE
USE_THOUSAND_SEPARATOR = True

# --- Files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "klantcultuur" / "static"]
MEDIA_ROOT = VAR_DIR / "media"  # uploads are private: never served by URL
# Uploads (feedback import files and their reports, klantcultuur.lib.storage) lie under
# MEDIA_ROOT by default; with S3_BUCKET in an S3-compatible object store (AWS S3, MinIO,
# Ceph, Garage, ...), which web processes and workers on every machine share.
S3_BUCKET = envstr("S3_BUCKET")
_default_storage: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "location": envstr("S3_PREFIX").strip("/"),
            "endpoint_url": envstr("S3_ENDPOINT_URL") or None,
            "region_name": envstr("S3_REGION") or None,
            # Without keys boto3 looks further: AWS_* variables, an instance role.
            "access_key": envstr("S3_ACCESS_KEY_ID") or None,
            "secret_key": envstr("S3_SECRET_ACCESS_KEY") or None,
            # MinIO and most other servers want bucket names in the path, not the host name.
            "addressing_style": envstr(
                "S3_ADDRESSING_STYLE", "path" if envstr("S3_ENDPOINT_URL") else "auto"
            ),
            "default_acl": None,  # the bucket's own policy: private
            "file_overwrite": True,
            # A file read from the store spills to a temporary file above this size, so an
            # import of hundreds of megabytes is never held in memory.
            "max_memory_size": 8 * 1024 * 1024,
        },
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"hide_secrets": {"()": "klantcultuur.lib.logs.HideSecretsInPaths"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "django.request": {"filters": ["hide_secrets"]}},
}
