"""Admin registration of the outcome dashboard: its URL and the "Outcomes" menu item."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cases.selectors import can_use_cases
from outcomes import views


@hooks.register("register_admin_urls")
def register_outcomes_urls():
    return [path("outcomes/", views.OutcomeDashboardView.as_view(), name="outcomes_dashboard")]


class OutcomesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_cases(request.user)


@hooks.register("register_admin_menu_item")
def register_outcomes_menu():
    return OutcomesMenuItem(_("Outcomes"), reverse("outcomes_dashboard"), icon_name="table", order=260)
