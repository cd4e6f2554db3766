"""Admin registration for the imports (registration only; the views live in ``views``)."""

from django.contrib.auth.models import Permission
from wagtail import hooks

from imports.views import import_viewset


@hooks.register("register_admin_viewset")
def register_import_viewset():
    return import_viewset


@hooks.register("register_permissions")
def register_import_permission():
    """Lets administrators grant "can import" to other groups from Settings → Groups."""
    return Permission.objects.filter(content_type__app_label="imports", codename="can_import")
