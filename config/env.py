"""Read configuration from environment variables, failing loudly on bad values.

Every variable the project reads goes through these helpers, so a missing or
malformed value stops start-up with a message that names the variable and says
what a valid value looks like. The README lists every variable.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_UNSET = object()


def _raw(name: str, default: object) -> str | None:
    value = os.environ.get(name)
    if value is None:
        if default is _UNSET:
            raise ImproperlyConfigured(
                f"Environment variable {name} is required but not set. See the README's table of environment variables."
            )
        return None
    return value.strip()


def env_str(name: str, default: object = _UNSET) -> str:
    value = _raw(name, default)
    return default if value is None else value  # type: ignore[return-value]


def env_bool(name: str, default: object = _UNSET) -> bool:
    value = _raw(name, default)
    if value is None:
        return default  # type: ignore[return-value]
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"Environment variable {name}={value!r} is not a boolean: use true or false.")


def env_int(name: str, default: object = _UNSET) -> int:
    value = _raw(name, default)
    if value is None:
        return default  # type: ignore[return-value]
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"Environment variable {name}={value!r} is not a whole number.") from None


def env_float(name: str, default: object = _UNSET) -> float:
    value = _raw(name, default)
    if value is None:
        return default  # type: ignore[return-value]
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"Environment variable {name}={value!r} is not a number (e.g. 0.1).") from None


def env_list(name: str, default: object = _UNSET) -> list[str]:
    """A comma-separated list, e.g. ``ALLOWED_HOSTS=sil.example.org,www.sil.example.org``."""
    value = _raw(name, default)
    if value is None:
        return list(default)  # type: ignore[call-overload]
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(name: str, default: str) -> dict:
    """A database URL such as ``postgres://user:password@host:5432/name`` or ``sqlite:///path``."""
    value = env_str(name, default)
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"Environment variable {name} is not a valid database URL ({error}). "
            "Use postgres://USER:PASSWORD@HOST:PORT/NAME or sqlite:///PATH."
        ) from None
    if not config.get("ENGINE") or not config.get("NAME"):
        raise ImproperlyConfigured(
            f"Environment variable {name} has no database name. Use postgres://USER:PASSWORD@HOST:PORT/NAME or sqlite:///PATH."
        )
    return config


def env_url(name: str, default: object = _UNSET, *, schemes: tuple[str, ...]) -> str:
    """A URL whose scheme must be one of ``schemes`` (e.g. the Celery broker)."""
    value = env_str(name, default)
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme not in schemes:
        raise ImproperlyConfigured(
            f"Environment variable {name} is not a supported URL (scheme {scheme!r}): it must start with "
            + " or ".join(f"{s}://" for s in schemes)
            + "."
        )
    return value
