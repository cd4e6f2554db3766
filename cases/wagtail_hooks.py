"""Admin registration of case work: URLs, the "Case work" menu, snippets and the home panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cases import panels as home_panels
from cases import report_views, selectors, views
from cases.models import InterventionType, StaffProfile


@hooks.register("register_admin_urls")
def register_cases_urls():
    return [
        path("cases/referrals/", views.ReferralInboxView.as_view(), name="cases_referrals"),
        path("cases/referrals/new/", views.ReferralCreateView.as_view(), name="cases_referral_create"),
        path("cases/referrals/<int:pk>/", views.ReferralDetailView.as_view(), name="cases_referral"),
        path("cases/", views.CaseListView.as_view(), name="cases_list"),
        path("cases/<int:pk>/", views.CaseDetailView.as_view(), name="cases_case"),
        path(
            "cases/<int:case_pk>/reports/<int:pk>/pdf/", report_views.ReportPdfView.as_view(), name="cases_report_pdf"
        ),
        path(
            "cases/<int:case_pk>/documents/<int:pk>/",
            report_views.DocumentDownloadView.as_view(),
            name="cases_document",
        ),
        path("cases/audit/", views.AuditLogView.as_view(), name="cases_audit"),
    ]


class CasesMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.can_use_cases(request.user)


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.has_perm("cases.view_auditentry")


class CasesSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return selectors.can_use_cases(request.user)


@hooks.register("register_admin_menu_item")
def register_cases_menu():
    menu = Menu(
        items=[
            CasesMenuItem(_("Referrals"), reverse("cases_referrals"), icon_name="mail", order=100),
            CasesMenuItem(_("Cases"), reverse("cases_list"), icon_name="folder-open-inverse", order=200),
            AuditMenuItem(_("Audit log"), reverse("cases_audit"), icon_name="history", order=300),
        ]
    )
    return CasesSubmenu(_("Case work"), menu, icon_name="folder-open-inverse", order=250)


class InterventionTypeViewSet(SnippetViewSet):
    model = InterventionType
    icon = "list-ul"
    list_display = ["name", "name_en", "active"]
    add_to_admin_menu = False


class StaffProfileViewSet(SnippetViewSet):
    model = StaffProfile
    icon = "group"
    list_display = ["user"]
    add_to_admin_menu = False


register_snippet(InterventionTypeViewSet)
register_snippet(StaffProfileViewSet)


@hooks.register("construct_homepage_panels")
def add_cases_panels(request, panels):
    if selectors.can_use_cases(request.user):
        panels.extend(panel(request) for panel in home_panels.PANELS)
