"""Settings of the app under ``load_faults.py``: the test settings, with e-mails written to files.

The benchmark counts the e-mails the Celery worker sent, across worker restarts, so they
go to Django's file-based backend in ``LOAD_MAIL_DIR`` instead of the test settings'
in-memory outbox. Not a benchmark: run as a script (``make benchmark`` runs every file
here) it does nothing.
"""

import os

if __name__ != "__main__":
    from config.settings.test import *  # noqa: F403

    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["LOAD_MAIL_DIR"]
