"""Admin screens of job development: the offers (listing with filters and duplicate flags,
the offer page with its state buttons, entry by hand) and the employer contact log.

Every screen reads through ``jobs.selectors`` (district scoping: an offer of another
district is a 404) and writes through ``jobs.services``; a refused change comes back as
an ``OfferError`` and is shown as an admin error message, with nothing changed.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic import models as generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, HeaderButton

from jobs import selectors, services
from jobs.forms import EmployerContactForm, JobOfferForm, TransitionForm
from jobs.models import JobOffer, Schedule
from network.models import SECTORS_TAXONOMY, District, Organisation, TaxonomyTerm

Status = JobOffer.Status
YES, NO = "true", "false"

TRANSITION_LABELS = {
    Status.OPEN: gettext_lazy("Open the offer"),
    Status.FILLED: gettext_lazy("Mark the offer filled"),
    Status.CLOSED: gettext_lazy("Close the offer"),
}
REOPEN_LABEL = gettext_lazy("Reopen the offer")


def transition_label(offer: JobOffer, target: str) -> str:
    if target == Status.OPEN and offer.status in (Status.CLOSED, Status.FILLED):
        return REOPEN_LABEL
    return TRANSITION_LABELS[target]


class YesNoFilter(django_filters.ChoiceFilter):
    """A yes/no/all filter whose active-filter chip reads "Sì"/"No"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [(YES, _("Yes")), (NO, _("No"))])
        kwargs.setdefault("empty_label", _("All"))
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(*args, **kwargs)


AGE_CHOICES = [
    ("7", _("Received in the last 7 days")),
    ("30", _("Received in the last 30 days")),
    ("90", _("Received in the last 90 days")),
    ("-30", _("Received more than 30 days ago")),
    ("-90", _("Received more than 90 days ago")),
]


class JobOfferFilterSet(WagtailFilterSet):
    """The offers listing's filters: where, which sector, quota, state, kind, age, duplicates."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=JobOffer.Kind.choices)
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all(), field_name="district"
    )
    no_district = YesNoFilter(label=_("Without a district"), method="filter_no_district")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        queryset=TaxonomyTerm.objects.filter(taxonomy__key=SECTORS_TAXONOMY),
        field_name="organisation__sector",
        help_text=_("The ATECO section of the organisation."),
    )
    counts_towards_quota = YesNoFilter(
        label=_("Counts towards the L. 68/99 quota"), method="filter_counts_towards_quota"
    )
    l68_bound = YesNoFilter(label=_("Company bound by the L. 68/99 quota"), method="filter_l68_bound")
    age = django_filters.ChoiceFilter(label=_("Age"), choices=AGE_CHOICES, method="filter_age")
    possible_duplicate = YesNoFilter(label=_("Possible duplicate"), method="filter_possible_duplicate")
    needs_review = YesNoFilter(label=_("Needs review"), method="filter_needs_review")

    class Meta:
        model = JobOffer
        fields = []

    def filter_no_district(self, queryset, name, value):
        return queryset.filter(district__isnull=value == YES)

    def filter_counts_towards_quota(self, queryset, name, value):
        return queryset.filter(counts_towards_quota=value == YES)

    def filter_l68_bound(self, queryset, name, value):
        bound = Organisation.objects.l68_bound().values("pk")
        if value == YES:
            return queryset.filter(organisation__in=bound)
        return queryset.exclude(organisation__in=bound)

    def filter_age(self, queryset, name, value):
        days = int(value)
        if days > 0:
            return selectors.offers_filter_age(queryset, within_days=days)
        return selectors.offers_filter_age(queryset, older_than_days=-days)

    def filter_possible_duplicate(self, queryset, name, value):
        return queryset.filter(possible_duplicate=value == YES)

    def filter_needs_review(self, queryset, name, value):
        return queryset.filter(needs_review=value == YES)


def _status_badge(offer: JobOffer) -> str:
    return format_html('<span class="w-status w-status--primary">{}</span>', offer.get_status_display())


def _flags(offer: JobOffer) -> str:
    flags = []
    if getattr(offer, "possible_duplicate", False):
        flags.append(gettext("Possible duplicate"))
    if offer.district_id is None:
        flags.append(gettext("No district"))
    if offer.needs_review:
        flags.append(gettext("Needs review"))
    return format_html_join(" ", '<span class="w-status w-status--label">{}</span>', ((flag,) for flag in flags))


class ScopedOfferMixin:
    """Look the offer up through the selector: another district's offer is a 404."""

    def get_object(self, queryset=None):
        pk = self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"), getattr(self, "pk", None))
        return selectors.offer_for_user(self.request.user, pk=int(pk))


class JobOfferIndexView(generic.IndexView):
    """Offers of the user's districts (and those without one), newest first, with flags."""

    def get_base_queryset(self):
        return selectors.offers_for_user(self.request.user)

    def _get_title_column(self, *args, **kwargs):
        # The reference opens the offer page, where the state buttons are; "Edit" stays in the row menu.
        column = super()._get_title_column(*args, **kwargs)
        column._get_url_func = self.get_inspect_url
        return column


class JobOfferCreateView(generic.CreateView):
    """An offer typed in by staff: the service gives the reference, place code and district."""

    def save_instance(self):
        return services.job_offer_create(by=self.request.user, offer=self.form.instance)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.OfferError as error:
            _attach_error(form, error)
            return self.form_invalid(form)

    def get_success_url(self):
        return reverse(f"{self.viewset_name}:inspect", args=[self.object.pk])

    @property
    def viewset_name(self):
        return self.index_url_name.split(":")[0]


class JobOfferEditView(ScopedOfferMixin, generic.EditView):
    """Corrections to an offer; the state changes through the buttons of the offer page."""

    def dispatch(self, request, *args, **kwargs):
        if not selectors.user_may_handle_offer(request.user, offer=self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        return services.job_offer_update(by=self.request.user, offer=self.form.instance)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.OfferError as error:
            _attach_error(form, error)
            return self.form_invalid(form)


class JobOfferDeleteView(ScopedOfferMixin, generic.DeleteView):
    pass


class ScopedBaseObjectMixin:
    """For Wagtail's object views built on ``BaseObjectMixin`` (history, usage): same scoping."""

    def get_base_object_queryset(self):
        return selectors.offers_for_user(self.request.user)


class JobOfferHistoryView(ScopedBaseObjectMixin, history.HistoryView):
    pass


class JobOfferUsageView(ScopedBaseObjectMixin, usage.UsageView):
    pass


def _attach_error(form, error: services.OfferError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error("district" if error.code == "district" and "district" in form.fields else None, error)


class JobOfferInspectView(ScopedOfferMixin, generic.InspectView):
    """The offer page: its facts, its state with the buttons for the allowed moves, the
    possible duplicates and the contacts that led to it."""

    template_name = "jobs/admin/offer_inspect.html"
    transition_url_name = None

    def get_object(self, queryset=None):
        return selectors.offer_for_user(self.request.user, pk=int(self.pk))

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if field_name == "schedule":
            labels = dict(Schedule.choices)
            return ", ".join(str(labels.get(part, part)) for part in self.object.schedule) or "—"
        return "—" if value is None or value == "" else value

    @cached_property
    def header_buttons(self):
        buttons = []
        if selectors.user_may_handle_offer(self.request.user, offer=self.object):
            for target in selectors.allowed_targets(offer=self.object):
                buttons.append(
                    HeaderButton(
                        transition_label(self.object, target),
                        url=reverse(self.transition_url_name, args=[self.object.pk, target]),
                        icon_name={"open": "view", "filled": "check", "closed": "cross"}[target],
                    )
                )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offer = self.object
        context.update(
            offer=offer,
            duplicates=selectors.offers_for_user(self.request.user).filter(
                pk__in=selectors.offer_duplicates(offer=offer).values("pk")
            ),
            contacts=offer.contacts.select_related("promoter").order_by("-occurred_on", "-pk")[:20],
            may_handle=selectors.user_may_handle_offer(self.request.user, offer=offer),
            transitions=[
                (target, transition_label(offer, target), reverse(self.transition_url_name, args=[offer.pk, target]))
                for target in selectors.allowed_targets(offer=offer)
            ],
        )
        return context


class JobOfferTransitionView(WagtailAdminTemplateMixin, TemplateView):
    """Ask, then make, one state change of an offer (closing asks for the reason).

    GET shows the question so the buttons can be plain links; POST calls the service.
    """

    template_name = "jobs/admin/offer_transition.html"
    header_icon = "clipboard-list"
    inspect_url_name = None
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        self.offer = selectors.offer_for_user(request.user, pk=kwargs["pk"])
        self.target = kwargs["target"]
        if self.target not in Status.values or self.target == Status.NEW:
            raise PermissionDenied
        if not selectors.user_may_handle_offer(request.user, offer=self.offer):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return transition_label(self.offer, self.target)

    def get_page_subtitle(self):
        return str(self.offer)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": gettext("Job offers")},
            {"url": self.success_url, "label": str(self.offer)},
            {"url": "", "label": self.get_page_title()},
        ]

    @property
    def success_url(self) -> str:
        return reverse(self.inspect_url_name, args=[self.offer.pk])

    def _form(self, data=None):
        return TransitionForm(data, reason_required=self.target == Status.CLOSED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self._form())
        context.update(
            offer=self.offer,
            target=self.target,
            asks_reason=self.target == Status.CLOSED,
            legal=self.target in selectors.allowed_targets(offer=self.offer),
            cancel_url=self.success_url,
            label=self.get_page_title(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Say why the offer is closed: the reason is required."))
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.offer_transition(
                offer=self.offer, by=request.user, target=self.target, reason=form.cleaned_data["reason"]
            )
        except services.OfferError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.success_url)
        messages.success(
            request,
            gettext("Offer %(reference)s is now %(status)s.")
            % {"reference": self.offer.reference, "status": self.offer.get_status_display().lower()},
        )
        return redirect(self.success_url)


OFFER_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel("organisation"),
            FieldRowPanel([FieldPanel("company_name"), FieldPanel("vat_number")]),
        ],
        heading=_("Company"),
    ),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")]),
        ],
        heading=_("Contact at the company"),
    ),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("kind"), FieldPanel("role")]),
            # A plain select: the form limits the choice to the user's own districts.
            FieldRowPanel([FieldPanel("place_of_work"), FieldPanel("district", widget=forms.Select)]),
            FieldRowPanel([FieldPanel("weekly_hours"), FieldPanel("positions"), FieldPanel("contract_type")]),
            FieldPanel("schedule"),
            FieldRowPanel([FieldPanel("requires_driving_licence"), FieldPanel("min_education")]),
            FieldPanel("requirements"),
            FieldPanel("counts_towards_quota"),
            FieldPanel("received_at"),
        ],
        heading=_("The offer"),
    ),
]


class JobOfferViewSet(ModelViewSet):
    """Offers from the offer form or typed in by staff, scoped to the user's districts.

    The listing flags possible duplicates, offers with no district and offers whose
    company is not in the network; the offer page carries the state buttons.
    """

    model = JobOffer
    icon = "clipboard-list"
    menu_label = _("Job offers")
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = JobOfferIndexView
    add_view_class = JobOfferCreateView
    edit_view_class = JobOfferEditView
    delete_view_class = JobOfferDeleteView
    history_view_class = JobOfferHistoryView
    usage_view_class = JobOfferUsageView
    inspect_view_class = JobOfferInspectView
    transition_view_class = JobOfferTransitionView
    filterset_class = JobOfferFilterSet
    edit_handler = ObjectList(OFFER_PANELS, base_form_class=JobOfferForm)
    list_per_page = 50
    list_display = [
        "reference",
        "company_name",
        "role",
        "kind",
        Column("status", label=_("Status"), accessor=_status_badge, sort_key="status"),
        Column("district", label=_("District"), accessor=lambda o: o.district or ""),
        DateColumn("received_at", label=_("Received"), sort_key="received_at"),
        Column("flags", label=_("Flags"), accessor=_flags),
    ]
    search_fields = ["reference", "company_name", "role", "vat_number"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference",
        "status",
        "status_reason",
        "status_changed_at",
        "filled_at",
        "kind",
        "organisation",
        "company_name",
        "vat_number",
        "contact_name",
        "contact_email",
        "contact_phone",
        "role",
        "place_of_work",
        "place_of_work_code",
        "district",
        "weekly_hours",
        "schedule",
        "positions",
        "positions_filled",
        "requires_driving_licence",
        "min_education",
        "contract_type",
        "requirements",
        "counts_towards_quota",
        "received_at",
        "created_by",
        "submission",
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(transition_url_name=self.get_url_name("transition"), **kwargs)

    @property
    def transition_view(self):
        return self.construct_view(
            self.transition_view_class,
            inspect_url_name=self.get_url_name("inspect"),
            index_url_name=self.get_url_name("index"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/status/<str:target>/", self.transition_view, name="transition"),
        ]


job_offer_viewset = JobOfferViewSet("job_offers")


# --- employer contacts ------------------------------------------------------------------


class OrganisationScreen(WagtailAdminTemplateMixin, TemplateView):
    """A job-development screen about one network organisation, under Organisations > its name."""

    header_icon = "mail"
    organisation: Organisation

    def get_page_subtitle(self):
        return self.organisation.name

    def organisation_crumb_url(self) -> str:
        return reverse("wagtailsnippets_network_organisation:edit", args=[self.organisation.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_network_organisation:list"), "label": gettext("Organisations")},
            {"url": self.organisation_crumb_url(), "label": self.organisation.name},
            {"url": "", "label": self.get_page_title()},
        ]


class OrganisationContactsView(OrganisationScreen):
    """The contact log of one organisation, with the form to record a new contact.

    Reached from the organisation's page and listing in the network admin ("Contacts").
    The date of the last contact and whether the company is a L. 68/99 prospect are
    shown on top, because that is what the promoter decides the next call on.
    """

    template_name = "jobs/admin/organisation_contacts.html"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.has_perm("jobs.view_employercontact") or request.user.is_superuser):
            raise PermissionDenied
        self.organisation = get_object_or_404(Organisation, pk=kwargs["pk"])
        self.may_log = selectors.user_may_contact_organisation(request.user, organisation=self.organisation)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Contacts")

    @cached_property
    def header_buttons(self):
        if not self.may_log:
            return []
        return [
            HeaderButton(
                gettext("Log a contact"),
                url=reverse("jobs_contact_add", args=[self.organisation.pk]),
                icon_name="plus",
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contacts = list(selectors.contacts_of_organisation(organisation=self.organisation)[:200])
        days = selectors.not_contacted_after_days()
        last = contacts[0].occurred_on if contacts else None
        context.update(
            organisation=self.organisation,
            contacts=contacts,
            last_contact_on=last,
            overdue=last is None or (timezone.localdate() - last).days > days,
            not_contacted_after_days=days,
            is_prospect=selectors.is_prospect(self.organisation),
            may_log=self.may_log,
            offers=self.organisation.job_offers.order_by("-received_at")[:20],
        )
        return context


class EmployerContactCreateView(OrganisationScreen):
    """Record one contact with the organisation ("Log a contact")."""

    template_name = "jobs/admin/contact_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(Organisation, pk=kwargs["pk"])
        if not selectors.user_may_contact_organisation(request.user, organisation=self.organisation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Log a contact")

    def organisation_crumb_url(self) -> str:
        return self.contacts_url

    @property
    def contacts_url(self) -> str:
        return reverse("jobs_contacts", args=[self.organisation.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", EmployerContactForm(organisation=self.organisation))
        context.update(organisation=self.organisation, cancel_url=self.contacts_url)
        return context

    def post(self, request, *args, **kwargs):
        form = EmployerContactForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            data = services.ContactInput(
                kind=form.cleaned_data["kind"],
                outcome=form.cleaned_data["outcome"],
                occurred_on=form.cleaned_data["occurred_on"],
                notes=form.cleaned_data["notes"],
                next_step=form.cleaned_data["next_step"],
                next_step_on=form.cleaned_data["next_step_on"],
                offer=form.cleaned_data["offer"],
            )
            try:
                services.employer_contact_log(organisation=self.organisation, by=request.user, data=data)
            except services.OfferError as error:
                _attach_error(form, error)
            else:
                messages.success(request, gettext("Contact with “%(name)s” logged.") % {"name": self.organisation.name})
                return redirect(self.contacts_url)
        messages.error(request, gettext("The contact could not be logged: correct the errors below."))
        return self.render_to_response(self.get_context_data(form=form))


def organisation_contact_buttons(organisation, user) -> list[Button]:
    """The "Contacts" and "Log a contact" entries the network admin shows on an organisation."""
    buttons = []
    if user.is_superuser or user.has_perm("jobs.view_employercontact"):
        buttons.append(
            Button(
                gettext("Contacts"), url=reverse("jobs_contacts", args=[organisation.pk]), icon_name="mail", priority=6
            )
        )
    if selectors.can_log_contacts(user):
        buttons.append(
            Button(
                gettext("Log a contact"),
                url=reverse("jobs_contact_add", args=[organisation.pk]),
                icon_name="plus",
                priority=7,
            )
        )
    return buttons
