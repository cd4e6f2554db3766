"""Settings for a developer's machine (`make run`): debug on, demo login, embedded services."""

from .base import *  # noqa: F403
from .base import env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
SEED_DEMO_ALLOWED = True
DEMO_STAFF_LOGIN = {"username": "staff", "password": "sil-demo-2026"}

# Serve static files straight from the apps and site/static, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
