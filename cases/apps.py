from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """The people we serve and their paths, from referral to final report."""

    name = "cases"
    verbose_name = _("Cases")
