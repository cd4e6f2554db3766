"""Reads of the jobs app that depend on who is asking, and the shared queries on offers and
employer contacts (duplicates, last contact, prospects) that listings and the dashboard use.

Districts are the unit of permission, as in case work (``cases.selectors``): a staff member
handles the offers of the districts in their ``StaffProfile``; superusers all of them.
Offers without a district (place and organisation unknown) are shown to everyone who may
manage offers, flagged, so that somebody takes them in.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Upper
from django.http import Http404
from django.utils import timezone

from jobs.models import EmployerContact, JobOffer, JobsSettings

Status = JobOffer.Status
ACTIVE_STATUSES = (Status.NEW, Status.OPEN)


# --- settings ---------------------------------------------------------------------------


def duplicate_window_days() -> int:
    """How close in time two offers must be received to count as possible duplicates."""
    return JobsSettings.load().duplicate_window_days


def not_contacted_after_days() -> int:
    """How long an organisation may go without a contact before it is listed as to be contacted."""
    return JobsSettings.load().not_contacted_after_days


# --- permissions ------------------------------------------------------------------------


def _district_ids(user) -> set[int] | None:
    from cases.selectors import user_district_ids

    return user_district_ids(user)


def can_view_offers(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm("jobs.view_joboffer"))


def can_manage_offers(user) -> bool:
    """Company promoters and coordinators (``jobs.change_joboffer``) change offers' states."""
    return bool(user.is_authenticated and user.is_active and user.has_perm("jobs.change_joboffer"))


def can_log_contacts(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm("jobs.add_employercontact"))


def user_may_handle_district(user, *, district_id: int | None) -> bool:
    """Whether the user works in the district (superusers work in all)."""
    districts = _district_ids(user)
    return districts is None or district_id in districts


def user_may_handle_offer(user, *, offer: JobOffer) -> bool:
    """Whether the user may change this offer: manager of offers, in the offer's district.

    An offer with no district yet may be handled by any manager of offers, so it is not lost.
    """
    if not can_manage_offers(user):
        return False
    return offer.district_id is None or user_may_handle_district(user, district_id=offer.district_id)


def user_may_contact_organisation(user, *, organisation) -> bool:
    """Whether the user may log contacts with this organisation.

    Promoters work with the employers of their districts; an organisation not yet placed in
    any district is open to every promoter (new companies are scouted before being placed).
    """
    if not can_log_contacts(user):
        return False
    districts = _district_ids(user)
    if districts is None:
        return True
    organisation_districts = set(organisation.districts.values_list("pk", flat=True))
    return not organisation_districts or bool(organisation_districts & districts)


# --- offers -----------------------------------------------------------------------------


def _outer_role_upper() -> Upper:
    return Upper(OuterRef("role"), output_field=CharField())


def _similar_role_q() -> Q:
    """Roles are similar when one contains the other, case-insensitively.

    "Magazziniere" and "magazziniere con patentino" match; distinct jobs of the same
    company ("Cuoco", "Cameriere") do not. It is a flag for staff, never a merge.
    """
    return Q(_role_upper__contains=_outer_role_upper()) | Q(_outer_role_upper__contains=Upper(F("role")))


def _duplicates_of_outer(window_days: int) -> QuerySet[JobOffer]:
    """Other new or open offers like the outer one (for ``Exists`` annotations)."""
    window = timedelta(days=window_days)
    same_company = Q(organisation__isnull=False, organisation_id=OuterRef("organisation_id")) | (
        ~Q(vat_number="") & Q(vat_number=OuterRef("vat_number"))
    )
    return (
        JobOffer.objects.exclude(pk=OuterRef("pk"))
        .filter(status__in=ACTIVE_STATUSES)
        .annotate(_role_upper=Upper("role"), _outer_role_upper=_outer_role_upper())
        .filter(same_company)
        .filter(_similar_role_q())
        .filter(
            received_at__gte=ExpressionWrapper(OuterRef("received_at") - Value(window), output_field=DateTimeField()),
            received_at__lte=ExpressionWrapper(OuterRef("received_at") + Value(window), output_field=DateTimeField()),
        )
    )


def with_duplicate_flag(queryset: QuerySet[JobOffer], *, window_days: int | None = None) -> QuerySet[JobOffer]:
    """Annotate ``possible_duplicate``: a new or open offer with a similar new or open one."""
    days = duplicate_window_days() if window_days is None else window_days
    return queryset.annotate(
        possible_duplicate=ExpressionWrapper(
            Q(status__in=ACTIVE_STATUSES) & Exists(_duplicates_of_outer(days)), output_field=BooleanField()
        )
    )


def offer_duplicates(*, offer: JobOffer, window_days: int | None = None) -> QuerySet[JobOffer]:
    """The other new or open offers that may be the same as ``offer`` (same company, similar
    role, received within the window), oldest first. Empty when ``offer`` is itself finished."""
    if offer.status not in ACTIVE_STATUSES:
        return JobOffer.objects.none()
    days = duplicate_window_days() if window_days is None else window_days
    window = timedelta(days=days)
    same_company = Q(vat_number=offer.vat_number) if offer.vat_number else Q(pk__in=[])
    if offer.organisation_id is not None:
        same_company |= Q(organisation_id=offer.organisation_id)
    role = offer.role.strip().upper()
    return (
        JobOffer.objects.exclude(pk=offer.pk)
        .filter(status__in=ACTIVE_STATUSES)
        .filter(same_company)
        .filter(received_at__gte=offer.received_at - window, received_at__lte=offer.received_at + window)
        .annotate(_role_upper=Upper("role"), _given=Value(role))
        .filter(Q(_role_upper__contains=role) | Q(_given__contains=F("_role_upper")))
        .order_by("received_at", "pk")
    )


def offers_for_user(user) -> QuerySet[JobOffer]:
    """Offers the user may see, annotated with ``possible_duplicate``.

    Readers of offers see those of their districts; managers of offers also see offers
    with no district, so that they can take them in.
    """
    if not can_view_offers(user):
        return JobOffer.objects.none()
    districts = _district_ids(user)
    queryset = JobOffer.objects.all()
    if districts is not None:
        scope = Q(district__in=districts)
        if can_manage_offers(user):
            scope |= Q(district__isnull=True)
        queryset = queryset.filter(scope)
    return with_duplicate_flag(queryset.select_related("district", "organisation", "organisation__sector"))


def offer_for_user(user, *, pk: int) -> JobOffer:
    """The offer if the user may see it; 404 otherwise (it does not say the offer exists)."""
    offer = offers_for_user(user).filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


def offers_filter_age(
    queryset: QuerySet[JobOffer], *, within_days: int | None = None, older_than_days: int | None = None
):
    """Offers received in the last ``within_days`` days and/or more than ``older_than_days`` ago."""
    now = timezone.now()
    if within_days is not None:
        queryset = queryset.filter(received_at__gte=now - timedelta(days=within_days))
    if older_than_days is not None:
        queryset = queryset.filter(received_at__lt=now - timedelta(days=older_than_days))
    return queryset


def allowed_targets(*, offer: JobOffer) -> list[str]:
    """The states the offer may move to now, in the order the buttons are shown."""
    from jobs.services import TRANSITIONS

    order = [Status.OPEN, Status.FILLED, Status.CLOSED]
    return [status for status in order if status in TRANSITIONS[offer.status]]


# --- employer contacts ------------------------------------------------------------------


def last_contact_subquery() -> Subquery:
    """The date of the latest contact with the outer organisation (None when never contacted).

    One correlated subquery on the (organisation, -occurred_on) index: the listing keeps a
    constant number of queries whatever the page size.
    """
    latest = EmployerContact.objects.filter(organisation=OuterRef("pk")).order_by("-occurred_on")
    return Subquery(latest.values("occurred_on")[:1], output_field=DateField())


def with_last_contact(queryset):
    """Annotate organisations with ``last_contact_on``."""
    return queryset.annotate(last_contact_on=last_contact_subquery())


def not_contacted_q(*, days: int | None = None, today: date | None = None) -> Q:
    """Organisations (outer) with no contact in the last ``days`` days, never contacted included."""
    days = not_contacted_after_days() if days is None else days
    today = today or timezone.localdate()
    recent = EmployerContact.objects.filter(organisation=OuterRef("pk"), occurred_on__gte=today - timedelta(days=days))
    return ~Q(Exists(recent))


def organisations_not_contacted(queryset=None, *, days: int | None = None, today: date | None = None):
    """Organisations nobody contacted for more than ``days`` days (the setting by default)."""
    from network.models import Organisation

    queryset = Organisation.objects.all() if queryset is None else queryset
    return queryset.filter(not_contacted_q(days=days, today=today))


def prospect_q() -> Q:
    """Companies bound by L. 68/99 (a quota above zero) without an art. 11 agreement.

    They must hire disabled workers and have not yet planned how: the promoter's best leads.
    """
    from network.models import L68_MIN_EMPLOYEES

    return Q(employees__gte=L68_MIN_EMPLOYEES, has_art11_agreement=False)


def organisations_prospects(queryset=None):
    from network.models import Organisation

    queryset = Organisation.objects.all() if queryset is None else queryset
    return queryset.filter(prospect_q())


def is_prospect(organisation) -> bool:
    return organisation.l68_quota > 0 and not organisation.has_art11_agreement


def contacts_of_organisation(*, organisation) -> QuerySet[EmployerContact]:
    """The contact log of one organisation, newest first, with promoters and offers."""
    return EmployerContact.objects.filter(organisation=organisation).select_related("promoter", "offer")


def contacts_for_user(user) -> QuerySet[EmployerContact]:
    """Contacts the user may read: those with organisations of their districts or of none."""
    if not (user.is_authenticated and user.has_perm("jobs.view_employercontact")):
        return EmployerContact.objects.none()
    districts = _district_ids(user)
    queryset = EmployerContact.objects.select_related("organisation", "promoter", "offer")
    if districts is None:
        return queryset
    from network.models import Organisation

    links = Organisation.districts.through.objects.filter(organisation_id=OuterRef("organisation_id"))
    return queryset.filter(Q(organisation__districts__in=districts) | ~Q(Exists(links))).distinct()
