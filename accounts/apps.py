from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in hardening: required second factor, recovery codes, lockout, session rules."""

    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self) -> None:
        from accounts import signals  # noqa: F401 - connects the deactivation handler
