"""Admin screens of the network: Wagtail snippet viewsets, their filters, the "Confirm data"
action and the "To be confirmed" listing. Registration lives in ``wagtail_hooks``; the
writes these screens trigger live in ``network.services``.
"""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property, classproperty
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.ui.tables import Column, DateColumn, RelatedObjectsColumn
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import Button
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from network import selectors, services
from network.fields import compact_vat_number
from network.models import (
    ROLES_TAXONOMY,
    SECTORS_TAXONOMY,
    District,
    Location,
    Organisation,
    OrganisationKind,
    OutdatedReport,
    OutdatedReportStatus,
    PartnershipStatus,
    Taxonomy,
    TaxonomyTerm,
)

# --- Organisations -------------------------------------------------------------------------

VAT_SEARCH_MIN_DIGITS = 6  # fewer digits could be part of a name ("Servizi 2000")


def _first_location(organisation: Organisation) -> Location | None:
    # ``locations`` is prefetched by the listing, so this reads the cache, not the database.
    locations = list(organisation.locations.all())
    return locations[0] if locations else None


def _municipality(organisation: Organisation) -> str:
    location = _first_location(organisation)
    return f"{location.municipality} ({location.province})" if location else ""


def _quota(organisation: Organisation) -> int | str:
    # Blank, not 0, when the headcount is unknown: the quota is then unknown too.
    return "" if organisation.employees is None else organisation.l68_quota


def _prospect_badge(organisation: Organisation) -> str:
    """A visible badge on L. 68/99-bound companies without an art. 11 agreement (job leads)."""
    if organisation.l68_quota > 0 and not organisation.has_art11_agreement:
        return format_html('<span class="w-status w-status--primary">{}</span>', gettext("L. 68/99 prospect"))
    return ""


def _names(items) -> str:
    return ", ".join(str(item) for item in items)


def _yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")


YES, NO = "true", "false"


class YesNoFilter(django_filters.ChoiceFilter):
    """A yes/no/all filter whose active-filter chip reads "Sì"/"No" rather than Wagtail's raw "True"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [(YES, _("Yes")), (NO, _("No"))])
        kwargs.setdefault("empty_label", _("All"))
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(*args, **kwargs)


class OrganisationFilterSet(WagtailFilterSet):
    """The listing's filters. Filters on relations go through an id subquery, because Wagtail
    search accepts filters only on the organisation's own indexed fields, and search and
    filters must work together."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all(), method="filter_district"
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        queryset=TaxonomyTerm.objects.filter(taxonomy__key=SECTORS_TAXONOMY),
        field_name="sector",
    )
    role = django_filters.ModelChoiceFilter(
        label=_("Role in the network"),
        queryset=TaxonomyTerm.objects.filter(taxonomy__key=ROLES_TAXONOMY),
        method="filter_role",
    )
    partnership_status = django_filters.ChoiceFilter(label=_("Partnership"), choices=PartnershipStatus.choices)
    l68_bound = YesNoFilter(label=_("Bound by the L. 68/99 quota (15 employees or more)"), method="filter_l68_bound")
    to_be_confirmed = YesNoFilter(
        label=_("Data to be confirmed"),
        method="filter_to_be_confirmed",
        help_text=_("Not confirmed within the age set in the network settings."),
    )
    is_public = YesNoFilter(label=_("In the public directory"), method="filter_is_public")
    # Job development (the jobs app's contact log): who to call next.
    not_contacted = YesNoFilter(
        label=_("Not contacted recently"),
        method="filter_not_contacted",
        help_text=_("No employer contact for longer than the days set in the job development settings."),
    )
    prospect = YesNoFilter(
        label=_("L. 68/99 prospect"),
        method="filter_prospect",
        help_text=_("Bound by the L. 68/99 quota and without an art. 11 agreement."),
    )

    class Meta:
        model = Organisation
        fields = []

    @staticmethod
    def _narrow(queryset, narrowed):
        return queryset.filter(pk__in=narrowed.values("pk"))

    def filter_district(self, queryset, name, value):
        return self._narrow(queryset, Organisation.objects.filter(districts=value))

    def filter_role(self, queryset, name, value):
        return self._narrow(queryset, Organisation.objects.filter(roles=value))

    def filter_l68_bound(self, queryset, name, value):
        bound = Organisation.objects.l68_bound()
        if value == YES:
            return self._narrow(queryset, bound)
        return queryset.exclude(pk__in=bound.values("pk"))

    def filter_to_be_confirmed(self, queryset, name, value):
        stale = Organisation.objects.verification_older_than(selectors.verification_max_age_days())
        if value == YES:
            return self._narrow(queryset, stale)
        return queryset.exclude(pk__in=stale.values("pk"))

    def filter_is_public(self, queryset, name, value):
        return queryset.filter(is_public=value == YES)

    def filter_not_contacted(self, queryset, name, value):
        from jobs.selectors import not_contacted_q

        stale = Organisation.objects.filter(not_contacted_q())
        if value == YES:
            return self._narrow(queryset, stale)
        return queryset.exclude(pk__in=stale.values("pk"))

    def filter_prospect(self, queryset, name, value):
        from jobs.selectors import prospect_q

        prospects = Organisation.objects.filter(prospect_q())
        if value == YES:
            return self._narrow(queryset, prospects)
        return queryset.exclude(pk__in=prospects.values("pk"))


class OrganisationIndexView(snippet_views.IndexView):
    """The organisations listing: fetches relations once per page, exports without contact persons."""

    confirm_url_name = None

    def get_base_queryset(self):
        from jobs.selectors import with_last_contact

        return (
            with_last_contact(super().get_base_queryset())
            .select_related("sector")
            .prefetch_related(
                "districts",
                Prefetch("roles", queryset=TaxonomyTerm.objects.order_by("sort_order")),
                Prefetch("locations", queryset=Location.objects.order_by("sort_order", "pk")),
            )
        )

    # Columns of the spreadsheet that are not plain model fields.
    export_values = {
        "kind": lambda o: o.get_kind_display(),
        "sector": lambda o: str(o.sector) if o.sector else "",
        "size_band": lambda o: o.get_size_band_display(),
        "l68_bound": lambda o: _yes_no(o.l68_bound),
        "l68_quota": _quota,
        "has_art11_agreement": lambda o: _yes_no(o.has_art11_agreement),
        "districts": lambda o: _names(o.districts.all()),
        "roles": lambda o: _names(term.label for term in o.roles.all()),
        "partnership_status": lambda o: o.get_partnership_status_display(),
        "municipality": _municipality,
        "is_public": lambda o: _yes_no(o.is_public),
    }

    def search_queryset(self, queryset):
        """A search that looks like a VAT number or a company tax code ("IT 0074 3110 157",
        "00743110157", or six digits or more of it) matches those; anything else goes to
        the name search. The search index holds names and descriptions only."""
        digits = compact_vat_number(self.search_query or "")
        if digits.isdigit() and len(digits) >= VAT_SEARCH_MIN_DIGITS:
            return queryset.filter(Q(vat_number__contains=digits) | Q(tax_code__contains=digits))
        if self.is_searching and any("last_contact_on" in str(term) for term in queryset.query.order_by):
            # The search index cannot sort by the annotated last contact: rank by relevance instead.
            queryset = queryset.order_by()
        return super().search_queryset(queryset)

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            getter = self.export_values.get(field)
            row[field] = getter(item) if getter else getattr(item, field)
        return row

    def get_list_more_buttons(self, instance):
        from jobs.views import organisation_contact_buttons

        buttons = super().get_list_more_buttons(instance)
        buttons.extend(
            ListingMenuItem(button.label, url=button.url, icon_name=button.icon_name, priority=button.priority)
            for button in organisation_contact_buttons(instance, self.request.user)
        )
        if self.confirm_url_name and self.user_has_permission("change"):
            buttons.append(
                ListingMenuItem(
                    _("Confirm data"),
                    url=reverse(self.confirm_url_name, args=[instance.pk]),
                    icon_name="check",
                    priority=15,
                )
            )
        return buttons


class OrganisationsToConfirmView(OrganisationIndexView):
    """Organisations whose data were never confirmed or are older than the configured age.

    A listing of its own rather than a filter, so it can be reached from the menu and the
    dashboard and keep the oldest first whatever the other filters say.
    """

    page_title = _("To be confirmed")

    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=selectors.organisations_to_confirm().values("pk"))

    def order_queryset(self, queryset):
        if self.request.GET.get("ordering"):
            return super().order_queryset(queryset)
        return queryset.order_by(*selectors.organisations_to_confirm().query.order_by)

    def get_page_subtitle(self):
        return ngettext(
            "Not confirmed in the last %(days)s day",
            "Not confirmed in the last %(days)s days",
            selectors.verification_max_age_days(),
        ) % {"days": selectors.verification_max_age_days()}

    @cached_property
    def header_buttons(self):
        return []


class OrganisationEditView(snippet_views.EditView):
    """The edit view, with a "Confirm data" entry in the header's "more" menu."""

    confirm_url_name = None

    @cached_property
    def header_more_buttons(self):
        from jobs.views import organisation_contact_buttons

        buttons = list(super().header_more_buttons)
        buttons.extend(organisation_contact_buttons(self.object, self.request.user))
        if self.confirm_url_name and self.user_has_permission_for_instance("change", self.object):
            buttons.append(
                Button(
                    _("Confirm data"),
                    url=reverse(self.confirm_url_name, args=[self.object.pk]),
                    icon_name="check",
                    priority=5,
                )
            )
        return buttons


class OrganisationConfirmView(PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    """Ask, then record, that a staff member checked this organisation's data today.

    GET shows the question (so the header button can be a plain link); POST writes the
    date, the user and a history entry through ``services.organisation_confirm``.
    """

    template_name = "network/admin/confirm_organisation.html"
    permission_policy = None
    edit_url_name = None
    index_url_name = None
    header_icon = "check"

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance("change", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Confirm data")

    def get_page_subtitle(self):
        return str(self.object)

    def get_success_url(self) -> str:
        return reverse(self.edit_url_name, args=[self.object.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": capfirst(Organisation._meta.verbose_name_plural)},
            {"url": self.get_success_url(), "label": str(self.object)},
            {"url": "", "label": gettext("Confirm data")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organisation=self.object,
            cancel_url=self.get_success_url(),
            max_age_days=selectors.verification_max_age_days(),
        )
        return context

    def post(self, request, *args, **kwargs):
        services.organisation_confirm(organisation=self.object, user=request.user)
        messages.success(request, gettext("Data of “%(name)s” confirmed today.") % {"name": self.object.name})
        return redirect(self.get_success_url())


class OrganisationViewSet(SnippetViewSet):
    """Organisations of the network with their locations, services and contact persons."""

    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_name = "organisations"
    index_view_class = OrganisationIndexView
    edit_view_class = OrganisationEditView
    filterset_class = OrganisationFilterSet
    list_per_page = 50
    ordering = ["name"]
    list_display = [
        "name",
        "kind",
        Column("municipality", label=_("Municipality"), accessor=_municipality),
        RelatedObjectsColumn("districts", label=_("Districts")),
        "partnership_status",
        Column("l68_quota", label=_("L. 68/99 quota"), accessor=_quota),
        DateColumn("verified_at", label=_("Confirmed on"), sort_key="verified_at"),
        # Annotated by the listing's queryset (one subquery, see ``jobs.selectors``).
        DateColumn("last_contact_on", label=_("Last contact"), sort_key="last_contact_on"),
        Column("prospect", label=_("L. 68/99 prospect"), accessor=_prospect_badge),
    ]
    # The spreadsheet: facts about the organisation, never its contact persons (personal
    # data that must not leave the system in a file anyone can forward).
    list_export = [
        "name",
        "alternate_name",
        "kind",
        "vat_number",
        "tax_code",
        "rea_number",
        "ateco_code",
        "sector",
        "employees",
        "size_band",
        "l68_bound",
        "l68_quota",
        "has_art11_agreement",
        "art11_agreement_date",
        "districts",
        "roles",
        "partnership_status",
        "partner_since",
        "municipality",
        "website",
        "is_public",
        "verified_at",
        "last_contact_on",
    ]
    export_headings = {
        "l68_bound": _("Bound by L. 68/99"),
        "l68_quota": _("L. 68/99 quota"),
        "districts": _("Districts"),
        "roles": _("Roles in the network"),
        "municipality": _("Municipality"),
        "last_contact_on": _("Last contact"),
    }
    export_filename = "organisations"

    confirm_view_class = OrganisationConfirmView
    to_confirm_view_class = OrganisationsToConfirmView

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(confirm_url_name=self.get_url_name("confirm"), **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(confirm_url_name=self.get_url_name("confirm"), **kwargs)

    @property
    def confirm_view(self):
        return self.construct_view(
            self.confirm_view_class,
            model=self.model,
            permission_policy=self.permission_policy,
            edit_url_name=self.get_url_name("edit"),
            index_url_name=self.get_url_name("list"),
        )

    def _to_confirm_kwargs(self):
        return self.get_index_view_kwargs(
            index_url_name=self.get_url_name("to_confirm"),
            index_results_url_name=self.get_url_name("to_confirm_results"),
        )

    @property
    def to_confirm_view(self):
        return self.construct_view(self.to_confirm_view_class, **self._to_confirm_kwargs())

    @property
    def to_confirm_results_view(self):
        return self.construct_view(self.to_confirm_view_class, **self._to_confirm_kwargs(), results_only=True)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("confirm/<int:pk>/", self.confirm_view, name="confirm"),
            path("to-confirm/", self.to_confirm_view, name="to_confirm"),
            path("to-confirm/results/", self.to_confirm_results_view, name="to_confirm_results"),
        ]

    def get_to_confirm_menu_item(self, order: int) -> MenuItem:
        viewset = self

        class ToConfirmMenuItem(MenuItem):
            def is_shown(self, request):
                return viewset.permission_policy.user_has_any_permission(request.user, ["change", "view"])

        return ToConfirmMenuItem(
            label=_("To be confirmed"),
            url=reverse(self.get_url_name("to_confirm")),
            name="organisations-to-confirm",
            icon_name="warning",
            order=order,
        )


class ConfirmOrganisationsBulkAction(SnippetBulkAction):
    """Confirm the data of the selected organisations in one go, from the listing."""

    display_name = _("Confirm data")
    action_type = "confirm_data"
    aria_label = _("Confirm the data of the selected organisations")
    template_name = "network/admin/confirm_organisations_bulk.html"
    action_priority = 20

    models = classproperty(lambda cls: [Organisation])

    def check_perm(self, obj):
        return self.request.user.has_perm("network.change_organisation")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return services.organisations_confirm(organisations=objects, user=user), 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Data of %(count)d organisation confirmed.",
            "Data of %(count)d organisations confirmed.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


# --- Outdated-information reports, taxonomies, districts ------------------------------------


class OutdatedReportIndexView(snippet_views.IndexView):
    """Reports arrive from the public directory; staff do not create them here."""

    def get_add_url(self):
        return None


class OutdatedReportViewSet(SnippetViewSet):
    """What visitors said is wrong in the directory, newest first, to check and mark handled."""

    model = OutdatedReport
    icon = "warning"
    menu_label = _("Outdated-information reports")
    menu_name = "outdated-reports"
    index_view_class = OutdatedReportIndexView
    list_display = ["organisation", DateColumn("created_at", label=_("Received"), sort_key="created_at"), "status"]
    list_filter = ["status"]
    ordering = ["-created_at"]
    copy_view_enabled = False


class MarkReportsHandledBulkAction(SnippetBulkAction):
    """Close several reports at once once the data have been checked."""

    display_name = _("Mark handled")
    action_type = "mark_handled"
    aria_label = _("Mark the selected reports as handled")
    template_name = "network/admin/mark_reports_handled_bulk.html"
    action_priority = 20

    models = classproperty(lambda cls: [OutdatedReport])

    def check_perm(self, obj):
        return self.request.user.has_perm("network.change_outdatedreport")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for report in objects:
            services.outdated_report_mark_handled(report=report, user=user)
        return len(objects), 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d report marked handled.", "%(count)d reports marked handled.", num_parent_objects) % {
            "count": num_parent_objects
        }


class TaxonomyViewSet(SnippetViewSet):
    """Lists staff maintain (roles in the network, ATECO sections ...), each with its terms inline."""

    model = Taxonomy
    icon = "tag"
    menu_label = _("Taxonomies")
    menu_name = "taxonomies"
    list_display = ["name", "key", "version"]
    copy_view_enabled = False


class DistrictViewSet(SnippetViewSet):
    """The *ambiti territoriali* organisations work in and cases belong to."""

    model = District
    icon = "site"
    menu_label = _("Districts")
    menu_name = "districts"
    list_display = ["name", "name_en", "lead_municipality"]
    copy_view_enabled = False


class NetworkViewSetGroup(SnippetViewSetGroup):
    """The "Network" menu: organisations, the to-be-confirmed list, reports and the lists."""

    menu_label = _("Network")
    menu_name = "network"
    menu_icon = "group"
    menu_order = 200
    items = (OrganisationViewSet, OutdatedReportViewSet, TaxonomyViewSet, DistrictViewSet)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        organisations = self.registerables[0]
        items.insert(1, organisations.get_to_confirm_menu_item(order=items[0].order))
        return items


# --- Dashboard --------------------------------------------------------------------------------


class NetworkSummaryItem(SummaryItem):
    """On the admin home: how many organisations await confirmation and how many reports are new."""

    order = 300
    template_name = "network/admin/summary_item.html"

    def get_context_data(self, parent_context):
        return {
            "to_confirm": selectors.organisations_to_confirm().count(),
            "to_confirm_url": reverse("wagtailsnippets_network_organisation:to_confirm"),
            "new_reports": selectors.outdated_reports_new().count(),
            "reports_url": reverse("wagtailsnippets_network_outdatedreport:list")
            + f"?status={OutdatedReportStatus.NEW}",
        }

    def is_shown(self):
        return self.request.user.has_perm("network.change_organisation") or self.request.user.has_perm(
            "network.view_organisation"
        )
