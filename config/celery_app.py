"""The Celery application: configured from Django settings prefixed ``CELERY_``.

Tasks live in each app's ``tasks.py`` and are found by ``autodiscover_tasks``. Run a
worker with ``celery -A config worker`` (``make run`` starts one).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("sil")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
