"""The organisation chooser: a searchable modal that replaces the drop-down of every network
organisation in staff forms (an internship's host, an employer).

A <select> lists the whole network in every form that offers it: with tens of thousands of
organisations the case page grew to hundreds of kilobytes and took seconds to render. The
chooser loads nothing until the user opens it, then pages through a search by name or VAT
number.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from network.fields import compact_vat_number
from network.models import Location, Organisation, PartnershipStatus

# A suspended or ended partnership takes no new interns or hires through the service.
NOT_CHOOSABLE = (PartnershipStatus.SUSPENDED, PartnershipStatus.ENDED)


def choosable_organisations() -> QuerySet[Organisation]:
    """The organisations a case worker may pick as host or employer: the network minus ended
    and suspended partnerships. The form fields validate against the same set, so a forged
    choice is refused like an outdated one."""
    return Organisation.objects.exclude(partnership_status__in=NOT_CHOOSABLE)


class OrganisationSearchForm(BaseFilterForm):
    """Search by (alternate) name, or by VAT number however it is typed ("IT 012...")."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Name or VAT number")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            condition = Q(name__icontains=query) | Q(alternate_name__icontains=query)
            digits = compact_vat_number(query)
            if digits.isdigit():
                condition |= Q(vat_number__startswith=digits)
            objects = objects.filter(condition)
            self.is_searching = True
            self.search_query = query
        return objects


# Who may search the network in the modal: case workers (host, employer) and network staff.
CHOOSER_PERMISSIONS = ("cases.view_case", "network.view_organisation", "network.change_organisation")


class ChooserAccessMixin:
    """Any admin user could otherwise page through the network, VAT numbers included."""

    def dispatch(self, request, *args, **kwargs):
        if not any(request.user.has_perm(permission) for permission in CHOOSER_PERMISSIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OrganisationChooseMixin(ChooserAccessMixin):
    filter_form_class = OrganisationSearchForm
    ordering = ("name", "pk")

    def get_object_list(self):
        first_municipality = Location.objects.filter(organisation=OuterRef("pk")).order_by("sort_order", "pk")
        return choosable_organisations().annotate(municipality=Subquery(first_municipality.values("municipality")[:1]))

    @property
    def columns(self):
        title = self.title_column
        title.label = capfirst(_("name"))
        return [
            title,
            Column("municipality", label=capfirst(_("municipality"))),
            Column("vat_number", label=_("VAT number")),
        ]


class OrganisationChooseView(OrganisationChooseMixin, ChooseView):
    pass


class OrganisationChooseResultsView(OrganisationChooseMixin, ChooseResultsView):
    pass


class OrganisationChosenView(ChooserAccessMixin, ChosenView):
    def get_object(self, pk):
        return choosable_organisations().get(pk=pk)


class OrganisationChooserViewSet(ChooserViewSet):
    model = Organisation
    icon = "group"
    choose_one_text = _("Choose an organisation")
    choose_another_text = _("Choose another organisation")
    per_page = 20
    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
    chosen_view_class = OrganisationChosenView
    # Only the forms that ask for it use this widget; the snippet editor keeps its own chooser.
    register_widget = False


organisation_chooser_viewset = OrganisationChooserViewSet(
    "organisation_chooser", url_prefix="network/choose-organisation"
)
OrganisationChooserWidget = organisation_chooser_viewset.widget_class


def organisation_field(label) -> forms.ModelChoiceField:
    """A required organisation field with the chooser widget, for the case forms."""
    # No edit link: case workers need not have the right to edit the network.
    return forms.ModelChoiceField(
        choosable_organisations(), label=label, widget=OrganisationChooserWidget(show_edit_link=False)
    )
