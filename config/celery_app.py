"""The Celery application: configured from Django settings prefixed ``CELERY_``.

Tasks live in each app's ``tasks.py`` and are found by ``autodiscover_tasks``. Run a
worker with ``celery -A config worker`` and the scheduler of periodic tasks with
``celery -A config beat`` (``make run`` starts both). The schedule is ``CELERY_BEAT_SCHEDULE``
in the settings (the daily case-work reminders), read like every other ``CELERY_`` setting.
"""

import os

from celery import Celery

from core.logs import connect_celery_signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("sil")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every log line of a task carries the task's id (core/logs.py); the worker logs through
# Django's LOGGING (CELERY_WORKER_HIJACK_ROOT_LOGGER = False), JSON in production.
connect_celery_signals()
