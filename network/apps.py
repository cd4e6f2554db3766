from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The network: organisations, their locations, services and contacts; the public directory and the HSDS API."""

    name = "network"
    verbose_name = _("Network")
