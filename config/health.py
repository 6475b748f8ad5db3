"""/healthz: is this instance able to serve? Load balancers and uptime checks poll it."""

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def check_database() -> str | None:
    """None when the default database answers a query, else the reason it does not."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return f"{type(error).__name__}: {error}".strip()
    return None


def check_broker() -> str | None:
    """None when the configured broker accepts a connection (or none is configured)."""
    if not settings.CELERY_BROKER_URL:
        return None
    from config.celery import app

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=settings.CELERY_BROKER_CONNECTION_TIMEOUT)
    except Exception as error:  # kombu raises transport-specific errors; any of them means "down"
        return f"{type(error).__name__}: {error}".strip()
    return None


@never_cache
@require_GET
def healthz(request):
    """200 with each dependency's state when all answer, 503 when one does not."""
    problems = {"database": check_database(), "broker": check_broker()}
    checks = {name: ("ok" if problem is None else "error") for name, problem in problems.items()}
    if not settings.CELERY_BROKER_URL:
        checks["broker"] = "not configured"
    healthy = all(problem is None for problem in problems.values())
    body = {"status": "ok" if healthy else "error", "checks": checks}
    errors = {name: problem for name, problem in problems.items() if problem}
    if errors and settings.DEBUG:
        # Connection errors can carry host names; only a development instance shows them.
        body["errors"] = errors
    return JsonResponse(body, status=200 if healthy else 503)
