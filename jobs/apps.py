from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Job development: job and internship offers from companies."""

    name = "jobs"
    verbose_name = _("Jobs")
