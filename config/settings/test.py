"""Settings for `make test`: the real DATABASE_URL and CELERY_BROKER_URL when given, fast hashing."""

from config.csp import content_security_policy

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SEED_DEMO_ALLOWED = True
DEMO_STAFF_LOGIN = {"username": "staff", "password": "sil-test-2026"}
WAGTAILADMIN_BASE_URL = "http://testserver"
MAP_TILE_URL = ""  # tests make no request outside the site: the map shows markers only
CONTENT_SECURITY_POLICY = content_security_policy(tile_url=MAP_TILE_URL)  # img-src without a tile server

# Serve static files straight from the apps and site/static, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
