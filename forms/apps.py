from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsConfig(AppConfig):
    """The form server: referral, offer and contact forms, on the site and headless, with durable intake."""

    name = "forms"
    verbose_name = _("Forms")
