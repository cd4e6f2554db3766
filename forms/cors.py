"""CORS for the form API: only for the origins staff list in Settings → Forms settings."""

from django.core.cache import cache

CACHE_KEY = "forms:cors-origins"


def allowed_origins() -> set[str]:
    origins = cache.get(CACHE_KEY)
    if origins is None:
        from forms.models import FormsSettings

        origins = sorted({origin for settings in FormsSettings.objects.all() for origin in settings.origins()})
        cache.set(CACHE_KEY, origins, timeout=60)
    return set(origins)


def cors_allowed(sender, request, **kwargs) -> bool:
    """corsheaders' ``check_request_enabled`` signal: allow the API for listed origins."""
    if not request.path.startswith("/api/forms/"):
        return False
    return request.headers.get("Origin", "").rstrip("/") in allowed_origins()


def forget_origins(**kwargs) -> None:
    cache.delete(CACHE_KEY)
