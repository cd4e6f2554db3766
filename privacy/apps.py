from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data protection: the record of processing, retention, and the data subject's rights."""

    name = "privacy"
    verbose_name = _("Data protection")
