from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    """The outcome dashboard: what the service achieved, by district, period and legal category."""

    name = "outcomes"
    verbose_name = _("Outcomes")
