"""Settings shared by every environment.

Everything that differs between machines comes from environment variables read
through ``config.env``; the README has the table. ``dev``, ``test`` and
``production`` import this module and change only what they must.
"""

from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from config.csp import PERMISSIONS_POLICY as CSP_PERMISSIONS_POLICY
from config.csp import content_security_policy
from config.env import env_bool, env_database, env_float, env_int, env_list, env_str, env_url
from core.logs import logging_config
from core.sentry import init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"  # runtime files of the embedded defaults (SQLite, broker queue)
VAR_DIR.mkdir(exist_ok=True)

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "core",
    "content",
    "network",
    "forms",
    "cases",
    "jobs",
    "imports",
    "outcomes",
    "privacy",
    "accounts",  # before wagtail_2fa: its Italian templates and views replace wagtail-2fa's
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "bootstrap_italia_template",
    "leaflet",
    "corsheaders",
    "csp",  # django-csp: its system checks and {% csp_nonce %}-style template tags
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",  # first: every response and log line gets the request id
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",  # CSP (config/csp.py), the admin's under /admin/
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.security.NoStoreMiddleware",  # Cache-Control: no-store wherever personal data may show
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # the form API, for origins listed in the forms settings
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wagtail_2fa.middleware.VerifyUserMiddleware",  # staff: enrol a second factor, then type its code
    "accounts.middleware.SessionIdleMiddleware",  # signed-in sessions expire after inactivity
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into the 429 page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: a SQLite file unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Staff sign-in (accounts/): password, then a TOTP code (wagtail-2fa / django-otp) required
# for every staff account; django-axes locks a username + client address out after too many
# failures. The client address is read like the form server's (FORMS_PROXY_COUNT proxies).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",  # counts failures, then hands over to ModelBackend
    "django.contrib.auth.backends.ModelBackend",
]
WAGTAIL_2FA_REQUIRED = True
OTP_TOTP_ISSUER = "SIL"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "forms.abuse.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
AXES_ENABLE_ACCESS_FAILURE_LOG = False  # failures are counted in AccessAttempt; no second copy
# Sessions: a new key at sign-in and after the second factor; they die after
# STAFF_SESSION_IDLE_MINUTES without a request (renewed at most once a minute, see
# accounts/middleware.py) and when the account is deactivated (accounts/signals.py).
SESSION_COOKIE_AGE = env_int("STAFF_SESSION_IDLE_MINUTES", 30) * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Italian first, English second, for the UI and the content.
LANGUAGE_CODE = "it"
LANGUAGES = [("it", "Italiano"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "site" / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

# Static files: the site's own and Bootstrap Italia's, all served from this server.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Form attachments: outside MEDIA_ROOT, no URL; served only by a permission-checked admin view.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")), "base_url": None},
    },
}
DJANGO_BOOTSTRAP_ITALIA_USE_CDN = False

# The directory's map: Leaflet is served from here (django-leaflet's static files); only the
# tiles come from a tile server. Empty MAP_TILE_URL: markers on a blank map, no outside request.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)

# Security headers in every environment (production adds HSTS and the HTTPS redirect).
# CSP and Permissions-Policy: config/csp.py says what each source is for; the admin's few
# differences are applied under /admin/ by core/security.py. Referrer-Policy
# strict-origin-when-cross-origin: other sites (the tile server, the organisations' own
# sites) get the origin only, never a path or query (case ids, searches, status keys); the
# tile server needs that origin (OpenStreetMap refuses tile requests without a Referer).
CONTENT_SECURITY_POLICY = content_security_policy(tile_url=MAP_TILE_URL)
PERMISSIONS_POLICY = CSP_PERMISSIONS_POLICY
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # older browsers' frame-ancestors; Wagtail's preview views opt in to SAMEORIGIN

# Wagtail
WAGTAIL_SITE_NAME = "SIL"
# No request from the admin to other sites: no Gravatar (staff e-mail hashes, and a CSP
# img-src exception) and no check of Wagtail's release feed.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "xlsx", "ods", "csv", "txt"]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# Celery: a filesystem queue under var/ by default (no server needed), Redis in production.
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", "filesystem://", schemes=("filesystem", "redis", "rediss", "memory"))
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem://")
    else {}
)
for _folder in ("queue", "processed", "control", "results"):
    if CELERY_BROKER_URL.startswith("filesystem://"):
        (VAR_DIR / "celery" / _folder).mkdir(parents=True, exist_ok=True)
CELERY_RESULT_BACKEND = env_str(
    "CELERY_RESULT_BACKEND",
    CELERY_BROKER_URL
    if CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
    else f"file://{VAR_DIR / 'celery' / 'results'}",
)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True  # a task interrupted by a crash is run again, not lost
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker logs through LOGGING (JSON, task ids), not its own format
# Periodic tasks, run by `celery -A config beat` (`make run` starts it next to the worker).
# The reminders of case work (cases/tasks.py) go out every morning; sending twice the same
# day, or after a missed day, sends each reminder once (they are recorded).
REMINDERS_HOUR = env_int("REMINDERS_HOUR", 7)
if not 0 <= REMINDERS_HOUR <= 23:
    raise ImproperlyConfigured(f"Environment variable REMINDERS_HOUR={REMINDERS_HOUR} is not an hour from 0 to 23.")
# Every SWEEP_SECONDS, the work a lost task left undone (broker down or restarted, worker
# killed) is enqueued again: submissions not processed and e-mails not sent after SWEEP_SECONDS.
SIL_SWEEP_SECONDS = env_int("SWEEP_SECONDS", 300)
CELERY_BEAT_SCHEDULE = {
    "cases-reminders": {"task": "cases.tasks.send_due_reminders", "schedule": crontab(hour=REMINDERS_HOUR, minute=0)},
    "forms-pending-submissions": {"task": "forms.tasks.enqueue_pending_submissions", "schedule": SIL_SWEEP_SECONDS},
    "core-pending-emails": {"task": "core.tasks.send_pending_emails", "schedule": SIL_SWEEP_SECONDS},
}
CELERY_BEAT_SCHEDULE_FILENAME = env_str("CELERY_BEAT_SCHEDULE_FILENAME", str(VAR_DIR / "celerybeat-schedule"))

# Retention (privacy/retention.py): what the nightly job deletes or anonymises, and when. The
# record of processing (privacy/processing.py) reads the same settings, so the two never disagree.
RETENTION_HOUR = env_int("RETENTION_HOUR", 2)
if not 0 <= RETENTION_HOUR <= 23:
    raise ImproperlyConfigured(f"Environment variable RETENTION_HOUR={RETENTION_HOUR} is not an hour from 0 to 23.")
RETENTION_CLOSED_CASE_YEARS = env_int("RETENTION_CLOSED_CASE_YEARS", 10)  # ordinary limitation period, art. 2946 c.c.
RETENTION_REJECTED_REFERRAL_MONTHS = env_int("RETENTION_REJECTED_REFERRAL_MONTHS", 12)
RETENTION_FORM_SUBMISSION_DAYS = env_int("RETENTION_FORM_SUBMISSION_DAYS", 90)
RETENTION_AUDIT_YEARS = env_int("RETENTION_AUDIT_YEARS", 2)  # access logs: 24 months, as the Garante advises
RETENTION_LOGIN_LOG_DAYS = env_int("RETENTION_LOGIN_LOG_DAYS", 180)
RETENTION_REMINDER_DAYS = env_int("RETENTION_REMINDER_DAYS", 365)
RETENTION_SENT_EMAIL_DAYS = env_int("RETENTION_SENT_EMAIL_DAYS", 90)
RETENTION_TASK_RESULT_HOURS = env_int("RETENTION_TASK_RESULT_HOURS", 24)
RETENTION_ORPHAN_FILE_HOURS = 24  # a private file no row points to is deleted after this (uploads in flight)
RETENTION_BATCH_SIZE = env_int("RETENTION_BATCH_SIZE", 500)
if min(RETENTION_CLOSED_CASE_YEARS, RETENTION_REJECTED_REFERRAL_MONTHS, RETENTION_FORM_SUBMISSION_DAYS) < 1:
    raise ImproperlyConfigured("The RETENTION_* periods must be at least 1.")
CELERY_RESULT_EXPIRES = RETENTION_TASK_RESULT_HOURS * 3600  # Redis results expire on their own
CELERY_BEAT_SCHEDULE["privacy-retention"] = {
    "task": "privacy.tasks.apply_retention",
    "schedule": crontab(hour=RETENTION_HOUR, minute=0),
}

# E-mail: printed to the console unless EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SIL <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Only dev and test settings allow `seed_demo`; it must never touch a production database.
SEED_DEMO_ALLOWED = False
# Staff login that `seed_demo` creates; set only in dev (and test) settings.
DEMO_STAFF_LOGIN: dict[str, str] | None = None

# Logs: one JSON object per line (LOG_FORMAT=json, the production default) or readable text,
# each with the request id or Celery task id and never personal data (see core/logs.py).
LOG_FORMAT = env_str("LOG_FORMAT", "text").lower()
LOGGING = logging_config(log_format=LOG_FORMAT, level=env_str("LOG_LEVEL", "INFO"))

# Error reports (core/sentry.py): off unless SENTRY_DSN is set; personal data stripped.
SENTRY_DSN = env_str("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production")
SENTRY_TRACES_SAMPLE_RATE = env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0)
if not 0.0 <= SENTRY_TRACES_SAMPLE_RATE <= 1.0:
    raise ImproperlyConfigured("Environment variable SENTRY_TRACES_SAMPLE_RATE must be between 0 and 1.")
init_sentry(dsn=SENTRY_DSN, environment=SENTRY_ENVIRONMENT, traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE)

# Backups (`make backup`, core/backups.py): where the timestamped folders go.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))

# Cache: per-process memory unless CACHE_URL points at Redis (production: the form rate limit
# must be shared by every worker). While Redis is unreachable it acts as an empty cache
# (core/cache.py): pages and forms still answer.
_CACHE_URL = env_url("CACHE_URL", "locmem://", schemes=("locmem", "redis", "rediss"))
CACHES = {
    "default": (
        {"BACKEND": "core.cache.FailSoftRedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL.startswith(("redis://", "rediss://"))
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# With Redis, sessions are read from the cache and written through to the database.
if _CACHE_URL.startswith(("redis://", "rediss://")):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Form server (forms/): abuse limits and uploads. CORS is allowed per request for the
# origins staff list in Settings → Forms settings (see forms/cors.py).
SIL_FORMS_RATE_LIMIT = env_int("FORMS_RATE_LIMIT", 20)  # submissions per address per window; 0 = no limit
SIL_FORMS_RATE_WINDOW = env_int("FORMS_RATE_WINDOW", 600)  # seconds
SIL_FORMS_PROXY_COUNT = env_int("FORMS_PROXY_COUNT", 0)  # proxies that append to X-Forwarded-For
SIL_FORMS_MIN_FILL_SECONDS = env_int("FORMS_MIN_FILL_SECONDS", 3)
SIL_FORMS_STAMP_MAX_AGE = 24 * 3600
SIL_FORMS_MAX_UPLOAD_BYTES = env_int("FORMS_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = SIL_FORMS_MAX_UPLOAD_BYTES * 2  # a JSON submission carries files in base64
MAX_UPLOAD_SIZE = SIL_FORMS_MAX_UPLOAD_BYTES  # django-form-builder's own size check
CORS_URLS_REGEX = r"^/api/forms/.*$"
CORS_ALLOW_HEADERS = ["accept", "accept-language", "content-type", "idempotency-key"]
CORS_ALLOW_METHODS = ["GET", "POST", "OPTIONS"]

# Referrer sign-in (cases/referrer_access.py): how long an e-mailed sign-in link works, how long
# the session it opens lasts, and how many links one e-mail address / one client address may
# ask for per window.
SIL_REFERRER_LINK_MINUTES = env_int("REFERRER_LINK_MINUTES", 20)
SIL_REFERRER_SESSION_HOURS = env_int("REFERRER_SESSION_HOURS", 8)
SIL_REFERRER_LINKS_PER_EMAIL = env_int("REFERRER_LINKS_PER_EMAIL", 3)
SIL_REFERRER_LINKS_PER_ADDRESS = env_int("REFERRER_LINKS_PER_ADDRESS", 20)
SIL_REFERRER_RATE_WINDOW = env_int("REFERRER_RATE_WINDOW", 900)  # seconds
SIL_REFERRER_IDLE_MINUTES = env_int("REFERRER_IDLE_MINUTES", 30)  # the session ends after this long unused
SIL_REFERRER_BAD_LINKS_PER_ADDRESS = env_int("REFERRER_BAD_LINKS_PER_ADDRESS", 10)  # per window, then 429

# Imports of partner lists (imports/): upload limit, how long uploaded files are kept,
# and the zip-bomb limits for XLSX/ODS (unpacked bytes, entries in the archive).
SIL_IMPORTS_MAX_UPLOAD_BYTES = env_int("IMPORTS_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
SIL_IMPORTS_RETENTION_DAYS = env_int("IMPORTS_RETENTION_DAYS", 30)
SIL_IMPORTS_MAX_UNPACKED_BYTES = env_int("IMPORTS_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)
SIL_IMPORTS_MAX_ZIP_ENTRIES = 1000
SIL_IMPORTS_STALLED_AFTER_SECONDS = 120  # an import without progress for this long has lost its worker

# Keys of the encrypted fields of cases (cases/fields.py): comma-separated Fernet keys, the
# first encrypts, all decrypt (rotation). The default is a public dev/test key; production
# settings require their own.
DEV_FIELD_ENCRYPTION_KEY = "wN__sAaoWZZqgdY3QiUsIUnT5mzUzpMEi01WtorR1K4="
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", [DEV_FIELD_ENCRYPTION_KEY])
