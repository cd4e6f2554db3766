"""Reads of the cases app that depend on who is asking. Every admin view goes through these.

Districts are the unit of permission: a staff member sees the referrals, people and cases
of the districts in their ``StaffProfile``; confidential timeline entries only when on the
case team. New referrals from the form have no district yet: case managers and district
coordinators see them in the inbox to take them in.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cases.models import (
    AuditEntry,
    Case,
    CasesSettings,
    CaseTeamMember,
    Internship,
    Person,
    Referral,
    Role,
    TimelineEntry,
)

COORDINATORS_GROUP = "District coordinators"
ROLE_GROUPS = {
    Role.CASE_MANAGER: "Case managers",
    Role.PSYCHOLOGIST: "Psychologists",
    Role.CAREER_COUNSELLOR: "Career counsellors",
    Role.EDUCATOR: "Educators",
    Role.COMPANY_PROMOTER: "Company promoters",
}


def user_district_ids(user) -> set[int] | None:
    """The districts the user works in; None means every district (superusers)."""
    if user.is_superuser:
        return None
    cached = getattr(user, "_cases_district_ids", None)
    if cached is None:
        profile = getattr(user, "cases_profile", None) if user.is_authenticated else None
        try:
            cached = set(profile.districts.values_list("pk", flat=True)) if profile else set()
        except Exception:  # noqa: BLE001 - no profile row: no district
            cached = set()
        user._cases_district_ids = cached
    return cached


def _in_group(user, name: str) -> bool:
    return user.is_authenticated and user.groups.filter(name=name).exists()


def is_coordinator(user, *, district_id: int) -> bool:
    """Whether the user coordinates this district (superusers count as coordinators)."""
    if user.is_superuser:
        return True
    districts = user_district_ids(user)
    return district_id in districts and _in_group(user, COORDINATORS_GROUP)


def can_use_cases(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm("cases.view_case")


def can_take_in_referrals(user) -> bool:
    """Case managers and coordinators handle referrals that have no district yet."""
    return user.is_superuser or _in_group(user, ROLE_GROUPS[Role.CASE_MANAGER]) or _in_group(user, COORDINATORS_GROUP)


def referral_intake_staff(*, district) -> QuerySet:
    """The active users of ``district`` who take in new referrals (``can_take_in_referrals``).

    They get the notice of a new referral from a municipality of their district. Superusers
    are left out unless the district is theirs: they see everything, and would otherwise
    get every notice of every district.
    """
    from django.contrib.auth import get_user_model

    takers = Q(is_superuser=True) | Q(groups__name__in=[ROLE_GROUPS[Role.CASE_MANAGER], COORDINATORS_GROUP])
    return (
        get_user_model()
        .objects.filter(takers, is_active=True, cases_profile__districts=district)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def _district_filter(user, field: str = "district") -> Q:
    districts = user_district_ids(user)
    return Q() if districts is None else Q(**{f"{field}__in": districts})


def overdue_before() -> timezone.datetime:
    days = CasesSettings.load().acknowledge_within_days
    return timezone.now() - timedelta(days=days)


def referrals_for_user(user) -> QuerySet[Referral]:
    """Referrals the user may see, with ``possible_duplicate`` and ``is_overdue`` annotations."""
    if not can_use_cases(user):
        return Referral.objects.none()
    scope = _district_filter(user)
    if can_take_in_referrals(user):
        scope |= Q(district__isnull=True)
    same_person = Referral.objects.exclude(pk=OuterRef("pk")).filter(
        Q(tax_code__iexact=OuterRef("tax_code"))
        | Q(
            first_name__iexact=OuterRef("first_name"),
            last_name__iexact=OuterRef("last_name"),
            date_of_birth=OuterRef("date_of_birth"),
        )
    )
    return (
        Referral.objects.filter(scope)
        .select_related("district")
        .annotate(possible_duplicate=Exists(same_person))
        .annotate(
            is_overdue=ExpressionWrapper(
                Q(status=Referral.Status.RECEIVED, received_at__lt=overdue_before()), output_field=BooleanField()
            )
        )
    )


def referrals_overdue(user) -> QuerySet[Referral]:
    return referrals_for_user(user).filter(status=Referral.Status.RECEIVED, received_at__lt=overdue_before())


def referral_duplicates(*, referral: Referral) -> QuerySet[Referral]:
    """Other referrals that may be the same person (same tax code, or same name and birth date)."""
    return Referral.objects.exclude(pk=referral.pk).filter(
        Q(tax_code__iexact=referral.tax_code)
        | Q(
            first_name__iexact=referral.first_name,
            last_name__iexact=referral.last_name,
            date_of_birth=referral.date_of_birth,
        )
    )


def person_candidates(*, referral: Referral) -> QuerySet[Person]:
    """People already on record who may be the referred person, for staff to link (never automatic)."""
    return Person.objects.filter(
        Q(tax_code__iexact=referral.tax_code)
        | Q(
            first_name__iexact=referral.first_name,
            last_name__iexact=referral.last_name,
            date_of_birth=referral.date_of_birth,
        )
    )


def cases_for_user(user) -> QuerySet[Case]:
    if not can_use_cases(user):
        return Case.objects.none()
    return Case.objects.filter(_district_filter(user)).select_related("person", "district")


def persons_for_user(user) -> QuerySet[Person]:
    if not can_use_cases(user):
        return Person.objects.none()
    return Person.objects.filter(_district_filter(user))


def _refuse(user, *, object_type: str, object_id: int, reason: str) -> None:
    from cases.services import audit_record

    model = {"case": Case, "referral": Referral, "person": Person}[object_type]
    district_id = model.objects.filter(pk=object_id).values_list("district_id", flat=True).first()
    audit_record(
        user=user,
        action=AuditEntry.Action.DENIED,
        object_type=object_type,
        object_id=object_id,
        district_id=district_id,
        detail=reason,
    )


def case_for_user(user, *, pk: int) -> Case:
    """The case if the user may see it. A refusal is logged; a case of another district is a 404."""
    case = cases_for_user(user).filter(pk=pk).first()
    if case is None:
        _refuse(user, object_type="case", object_id=pk, reason="case.view")
        if not can_use_cases(user):
            raise PermissionDenied
        raise Http404
    return case


def referral_for_user(user, *, pk: int) -> Referral:
    referral = referrals_for_user(user).filter(pk=pk).first()
    if referral is None:
        _refuse(user, object_type="referral", object_id=pk, reason="referral.view")
        if not can_use_cases(user):
            raise PermissionDenied
        raise Http404
    return referral


def is_on_team(user, *, case: Case) -> bool:
    return CaseTeamMember.objects.filter(case=case, user=user).exists()


def timeline_for_user(user, *, case: Case) -> QuerySet[TimelineEntry]:
    """The case's timeline; confidential entries only for the case team."""
    entries = TimelineEntry.objects.filter(case=case).select_related("author")
    if not is_on_team(user, case=case):
        entries = entries.filter(confidential=False)
    return entries


def timeline_entry_for_user(user, *, case: Case, pk: int) -> TimelineEntry:
    entry = TimelineEntry.objects.filter(case=case, pk=pk).first()
    if entry is None:
        raise Http404
    if entry.confidential and not is_on_team(user, case=case):
        _refuse(user, object_type="case", object_id=case.pk, reason="timeline.confidential")
        raise PermissionDenied
    return entry


def audit_for_user(user) -> QuerySet[AuditEntry]:
    """Coordinators read the audit log of their districts; superusers all of it."""
    if user.is_superuser:
        return AuditEntry.objects.select_related("user", "district")
    if not _in_group(user, COORDINATORS_GROUP):
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(district__in=user_district_ids(user)).select_related("user", "district")


def my_cases(user) -> QuerySet[Case]:
    return cases_for_user(user).filter(members__user=user).exclude(stage=Case.Stage.CLOSED)


# --- what is due: reviews and internship ends (admin home, case list filters, reminders) -----


def due_within_days() -> int:
    """How far ahead "due soon" looks, as staff set it in the case settings."""
    return CasesSettings.load().due_within_days


def reviews_overdue(user, *, today: date | None = None) -> QuerySet[Case]:
    """Open cases of the user's districts whose review date has passed."""
    today = today or timezone.localdate()
    return cases_for_user(user).exclude(stage=Case.Stage.CLOSED).filter(next_review_on__lt=today)


def reviews_due(user, *, within_days: int | None = None, today: date | None = None) -> QuerySet[Case]:
    """Open cases whose review falls within ``within_days`` from today, overdue ones included."""
    today = today or timezone.localdate()
    days = due_within_days() if within_days is None else within_days
    return (
        cases_for_user(user)
        .exclude(stage=Case.Stage.CLOSED)
        .filter(next_review_on__lte=today + timedelta(days=days))
        .order_by("next_review_on", "pk")
    )


def internships_ending(user, *, within_days: int | None = None, today: date | None = None) -> QuerySet[Internship]:
    """Internships of the user's open cases that end between today and ``within_days`` from today."""
    today = today or timezone.localdate()
    days = due_within_days() if within_days is None else within_days
    return (
        Internship.objects.filter(
            case__in=cases_for_user(user).exclude(stage=Case.Stage.CLOSED),
            ends_on__gte=today,
            ends_on__lte=today + timedelta(days=days),
        )
        .select_related("case")
        .order_by("ends_on", "pk")
    )


def cases_with_internship_ending(user, *, within_days: int | None = None, today: date | None = None) -> QuerySet[Case]:
    """The cases of ``internships_ending``, for the case list filter."""
    ending = internships_ending(user, within_days=within_days, today=today)
    return cases_for_user(user).filter(pk__in=ending.values("case_id"))


def referral_public_history(*, referral: Referral) -> list[tuple]:
    """The steps of a referral as the referring worker sees them: date and label, nothing personal."""
    from cases.services import STEP_LABELS

    return [(event.at, STEP_LABELS.get(event.step, event.step)) for event in referral.events.all()]
