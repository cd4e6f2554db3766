"""Site-wide views that belong to no single domain."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.selectors import broker_is_reachable, database_is_reachable


@never_cache
@require_GET
def healthz(request):
    """Tell a load balancer or monitor whether the database and the broker answer.

    Returns 200 when both do and 503 otherwise, with one boolean per service so the
    operator sees which one is down. It never includes connection strings or errors.
    """
    checks = {"database": database_is_reachable(connection), "broker": broker_is_reachable()}
    healthy = all(checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)
