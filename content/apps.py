from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    """The public site: page types, site settings, menus, search."""

    name = "content"
    verbose_name = _("Public site")
