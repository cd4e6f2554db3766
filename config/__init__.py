"""The Django project package (settings, URLs, WSGI, Celery).

It is called ``config`` and not ``site`` because a package named ``site`` cannot
be imported: Python loads the standard library's ``site`` module before any code runs.
"""

from .celery_app import app as celery_app

__all__ = ("celery_app",)
