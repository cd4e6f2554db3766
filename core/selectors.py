"""Read-only questions about the running system."""

import logging

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper

logger = logging.getLogger(__name__)


def database_is_reachable(connection: BaseDatabaseWrapper) -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        logger.warning("Health check: database not reachable")
        return False


def broker_is_reachable(timeout: float = 2.0) -> bool:
    """Whether the broker named by CELERY_BROKER_URL accepts a connection."""
    from config.celery_app import app

    try:
        with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
        return True
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        logger.warning("Health check: broker not reachable")
        return False
