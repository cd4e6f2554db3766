"""Admin registration for the network (registration only; the viewsets live in ``views``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from network import services, views
from network.choosers import organisation_chooser_viewset

register_snippet(views.NetworkViewSetGroup)
hooks.register("register_admin_viewset", lambda: organisation_chooser_viewset)
hooks.register("register_bulk_action", views.ConfirmOrganisationsBulkAction)
hooks.register("register_bulk_action", views.MarkReportsHandledBulkAction)


@hooks.register("construct_homepage_summary_items")
def add_network_summary(request, summary_items):
    summary_items.append(views.NetworkSummaryItem(request))


@hooks.register("register_log_actions")
def register_network_log_actions(actions):
    actions.register_action(services.CONFIRM_ACTION, _("Confirm data"), _("Data confirmed"))
    actions.register_action(services.REPORT_HANDLED_ACTION, _("Mark handled"), _("Report marked handled"))
