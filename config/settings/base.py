"""Settings shared by every environment.

Everything that differs between machines comes from environment variables read
through ``config.env``; the README has the table. ``dev``, ``test`` and
``production`` import this module and change only what they must.
"""

from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_database, env_int, env_list, env_str, env_url

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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # the form API, for origins listed in the forms settings
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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

# Wagtail
WAGTAIL_SITE_NAME = "SIL"
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
# Periodic tasks, run by `celery -A config beat` (`make run` starts it next to the worker).
# The reminders of case work (cases/tasks.py) go out every morning; sending twice the same
# day, or after a missed day, sends each reminder once (they are recorded).
REMINDERS_HOUR = env_int("REMINDERS_HOUR", 7)
if not 0 <= REMINDERS_HOUR <= 23:
    raise ImproperlyConfigured(f"Environment variable REMINDERS_HOUR={REMINDERS_HOUR} is not an hour from 0 to 23.")
CELERY_BEAT_SCHEDULE = {
    "cases-reminders": {"task": "cases.tasks.send_due_reminders", "schedule": crontab(hour=REMINDERS_HOUR, minute=0)},
}
CELERY_BEAT_SCHEDULE_FILENAME = env_str("CELERY_BEAT_SCHEDULE_FILENAME", str(VAR_DIR / "celerybeat-schedule"))

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Wagtail logs every page action and background search-index update at INFO.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # django-form-builder logs an ERROR at import for an optional import path it then finds.
        "django_form_builder": {"level": "CRITICAL"},
    },
}

# Cache: per-process memory unless CACHE_URL points at Redis (production: the form rate limit
# must be shared by every worker).
_CACHE_URL = env_url("CACHE_URL", "locmem://", schemes=("locmem", "redis", "rediss"))
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL.startswith(("redis://", "rediss://"))
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

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
