"""The record of processing in the Wagtail admin: "Registro dei trattamenti", for coordinators.

District coordinators and superusers read the register (``privacy.processing.REGISTER``)
as a table; everyone else gets 403 and no menu item. The text is rendered from the code
and the settings, so the screen always shows the periods the nightly job applies.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from privacy.processing import register_entries


def can_read_register(user) -> bool:
    """Coordinators (``cases.selectors.COORDINATORS_GROUP``) and superusers."""
    from cases.selectors import COORDINATORS_GROUP

    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=COORDINATORS_GROUP).exists()


class ProcessingRegisterView(WagtailAdminTemplateMixin, TemplateView):
    """The register as a table: one row per processing activity."""

    template_name = "privacy/processing_register.html"
    page_title = gettext_lazy("Record of processing")
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        if not can_read_register(request.user):
            from cases.models import AuditEntry
            from cases.services import audit_record

            audit_record(
                user=request.user,
                action=AuditEntry.Action.DENIED,
                object_type="screen",
                object_id=None,
                detail="privacy_register",
            )
            # A plain 403, not Wagtail's redirect to the dashboard: the screen is not for this user.
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": None, "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = register_entries()
        return context
