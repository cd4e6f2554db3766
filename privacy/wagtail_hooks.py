"""Admin registration of data protection screens (each module registers its own hooks)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from privacy import processing_views, subject_views


@hooks.register("register_admin_urls")
def register_processing_urls():
    return [path("privacy/register/", processing_views.ProcessingRegisterView.as_view(), name="privacy_register")]


class ProcessingRegisterMenuItem(MenuItem):
    def is_shown(self, request):
        return processing_views.can_read_register(request.user)


@hooks.register("register_settings_menu_item")
def register_processing_menu_item():
    return ProcessingRegisterMenuItem(
        _("Record of processing"), reverse("privacy_register"), icon_name="list-ul", order=900
    )


@hooks.register("register_admin_urls")
def register_subject_rights_urls():
    return [
        path("privacy/people/<int:pk>/export/", subject_views.PersonExportView.as_view(), name="privacy_person_export"),
        path("privacy/people/<int:pk>/erase/", subject_views.PersonEraseView.as_view(), name="privacy_person_erase"),
    ]
