from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Pieces every app shares: health check, e-mail task, the demo-data command."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core.security import patch_wagtail_choosers

        patch_wagtail_choosers()  # their inline script gets the CSP nonce
