"""The matching: which open offers and internship hosts suit a person, and which people suit
an offer, with a score whose every point comes with a reason the promoter can read.

Why a transparent score rather than a clever one: the promoter proposes a person to an
employer and must be able to say why; a number without reasons would be ignored. The
score adds up points for the sector against the person's preferred sectors, the distance
between municipalities against the distance the person accepts, the weekly hours and the
parts of the week, and the offer's requirements (driving licence, education) against the
person's profile. Nothing is hidden: a requirement the person does not meet lowers the
score and says so, it does not silently drop the offer.

Speed: the candidates are narrowed in SQL (open offers of the person's district and of the
kinds the person wants, host organisations of the district) and read as plain values in a
handful of queries; the scoring is then plain Python. District permissions: a person is
matched only with offers and hosts of their own district, and a user sees suggestions only
for cases and offers of the districts they work in.

Reads are the ``suggestions_*`` functions; the one write, confirming a match, is
``match_confirm`` (and ``work_profile_save`` for the profile the matching reads).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import AuditEntry, Case
from cases.selectors import user_district_ids
from cases.services import CaseError, audit_record
from jobs.models import Education, JobOffer, Match, Schedule, WorkProfile
from network.models import ROLES_TAXONOMY, SECTORS_TAXONOMY, Organisation, PartnershipStatus, TaxonomyTerm
from network.municipalities import haversine_km, municipality_code_of, municipality_positions

# The role term of organisations that host internships (network migration 0002).
HOSTS_INTERNSHIPS = "tirocini"

# Points of each criterion. A positive weight for what fits, a penalty for what does not.
SECTOR_POINTS = 30
DISTANCE_MAX_POINTS = 30  # at 0 km; 10 points at the edge of the accepted distance
DISTANCE_EDGE_POINTS = 10
DISTANCE_BEYOND_PENALTY = -20
HOURS_POINTS = 20
HOURS_PENALTY = -15
SCHEDULE_POINTS = 10
SCHEDULE_PENALTY = -10
REQUIREMENT_MET_POINTS = 5
REQUIREMENT_UNMET_PENALTY = -25

DEFAULT_LIMIT = 20
SCHEDULE_ORDER = tuple(Schedule.values)  # the order reasons name the parts of the week in


# What each reason says. Texts are rendered only for the suggestions shown (rendering a
# translation thousands of times per request was most of the cost of a suggestion list).
REASON_TEXTS = {
    "hosts": gettext_lazy("Hosts internships"),
    "sector_unknown": gettext_lazy("Sector not stated"),
    "sector_none_preferred": gettext_lazy("The person has stated no preferred sector"),
    "sector_preferred": gettext_lazy("In a preferred sector (%(sector)s)"),
    "sector_other": gettext_lazy("Not a preferred sector (%(sector)s)"),
    "distance_unknown": gettext_lazy("Distance unknown: no geocoded place in the municipality"),
    "distance_within": gettext_lazy("%(km)d km away (within %(max)d)"),
    "distance_beyond": gettext_lazy("%(km)d km away: beyond the %(max)d km the person accepts"),
    "hours_ok": gettext_lazy("Compatible hours (%(hours)d a week)"),
    "hours_off": gettext_lazy("%(hours)d hours a week: the person looks for %(min)d to %(max)d"),
    "schedule_ok": gettext_lazy("Compatible schedule"),
    "schedule_off": gettext_lazy("Needs %(parts)s: the person is not available"),
    "licence_ok": gettext_lazy("Requires a driving licence: the person has one"),
    "licence_off": gettext_lazy("Requires a driving licence: the person does not have one"),
    "education_ok": gettext_lazy("Requires %(level)s: the person has it"),
    "education_off": gettext_lazy("Requires %(level)s: the person does not have it"),
}


@dataclass(frozen=True)
class Reason:
    """One line of the explanation of a score: its points and what they are for.

    ``params`` are the values the text needs; education levels and parts of the week are
    kept as codes and named in the reader's language when the text is rendered.
    """

    points: int
    key: str
    params: tuple = ()

    @property
    def tone(self) -> str:
        return "good" if self.points > 0 else "bad" if self.points < 0 else "neutral"

    @property
    def text(self) -> str:
        values = dict(self.params)
        if "level" in values:
            values["level"] = str(Education(values["level"]).label)
        if "parts" in values:
            values["parts"] = ", ".join(str(Schedule(part).label).lower() for part in values["parts"])
        template = str(REASON_TEXTS[self.key])
        return template % values if values else template

    def as_dict(self) -> dict:
        return {"points": self.points, "key": self.key, "text": self.text}


@dataclass
class Profile:
    """What the matching reads about a person: the work profile, or its defaults when missing."""

    person_id: int
    sectors: frozenset[int]
    wants_job: bool
    wants_internship: bool
    max_distance_km: int
    min_weekly_hours: int
    max_weekly_hours: int
    schedule: frozenset[str]
    has_driving_licence: bool
    education: int
    position: tuple[float, float] | None = None
    is_default: bool = False


@dataclass
class Target:
    """What the matching reads about an offer or a host."""

    sector_id: int | None
    position: tuple[float, float] | None
    weekly_hours: int | None = None
    schedule: frozenset[str] = frozenset()
    requires_driving_licence: bool = False
    min_education: int | None = None


@dataclass
class Suggestion:
    """A scored candidate: an offer or a host (for a case), or a case (for an offer)."""

    score: int
    reasons: list[Reason]
    distance_km: float | None
    offer: dict | None = None
    host: dict | None = None
    case: dict | None = None

    @property
    def reasons_snapshot(self) -> list[dict]:
        return [reason.as_dict() for reason in self.reasons]


@dataclass
class CaseSuggestions:
    """Suggestions for one case: offers and hosts, best first, and what they were based on."""

    profile: Profile
    offers: list[Suggestion] = field(default_factory=list)
    hosts: list[Suggestion] = field(default_factory=list)
    refused: str = ""


# --- scoring -----------------------------------------------------------------------------


def _sector_labels() -> dict[int, str]:
    return {term.pk: str(term) for term in TaxonomyTerm.objects.filter(taxonomy__key=SECTORS_TAXONOMY)}


def _distance_points(distance: float, limit: int) -> int:
    """Linear from 30 points at 0 km to 10 at the accepted distance; a penalty beyond it."""
    if distance <= limit:
        return DISTANCE_EDGE_POINTS + round((DISTANCE_MAX_POINTS - DISTANCE_EDGE_POINTS) * (1 - distance / limit))
    return DISTANCE_BEYOND_PENALTY


def score(
    profile: Profile, target: Target, *, sector_labels: dict[int, str], distance: float | None = None
) -> tuple[int, list[Reason], float | None]:
    """The score of ``target`` for ``profile``, its reasons, and the distance in km (or None).

    ``distance`` may be given when the caller already computed it (hosts: the nearest place).
    """
    reasons: list[Reason] = []
    # Sector.
    if target.sector_id is None:
        reasons.append(Reason(0, "sector_unknown"))
    elif not profile.sectors:
        reasons.append(Reason(0, "sector_none_preferred"))
    elif target.sector_id in profile.sectors:
        label = sector_labels.get(target.sector_id, "")
        reasons.append(Reason(SECTOR_POINTS, "sector_preferred", (("sector", label),)))
    else:
        label = sector_labels.get(target.sector_id, "")
        reasons.append(Reason(0, "sector_other", (("sector", label),)))
    # Distance.
    if profile.position is None or target.position is None:
        distance = None
        reasons.append(Reason(0, "distance_unknown"))
    else:
        if distance is None:
            distance = haversine_km(profile.position, target.position)
        limit = max(profile.max_distance_km, 1)
        params = (("km", round(distance)), ("max", limit))
        key = "distance_within" if distance <= limit else "distance_beyond"
        reasons.append(Reason(_distance_points(distance, limit), key, params))
    # Hours and parts of the week (offers only: a host has no hours until the internship is agreed).
    if target.weekly_hours is not None:
        if profile.min_weekly_hours <= target.weekly_hours <= profile.max_weekly_hours:
            reasons.append(Reason(HOURS_POINTS, "hours_ok", (("hours", target.weekly_hours),)))
        else:
            params = (
                ("hours", target.weekly_hours),
                ("min", profile.min_weekly_hours),
                ("max", profile.max_weekly_hours),
            )
            reasons.append(Reason(HOURS_PENALTY, "hours_off", params))
        if target.schedule and profile.schedule:
            missing = tuple(
                part for part in Schedule.values if part in target.schedule and part not in profile.schedule
            )
            if missing:
                reasons.append(Reason(SCHEDULE_PENALTY, "schedule_off", (("parts", missing),)))
            else:
                reasons.append(Reason(SCHEDULE_POINTS, "schedule_ok"))
    # Requirements.
    if target.requires_driving_licence:
        if profile.has_driving_licence:
            reasons.append(Reason(REQUIREMENT_MET_POINTS, "licence_ok"))
        else:
            reasons.append(Reason(REQUIREMENT_UNMET_PENALTY, "licence_off"))
    if target.min_education:
        params = (("level", target.min_education),)
        if profile.education >= target.min_education:
            reasons.append(Reason(REQUIREMENT_MET_POINTS, "education_ok", params))
        else:
            reasons.append(Reason(REQUIREMENT_UNMET_PENALTY, "education_off", params))
    return sum(reason.points for reason in reasons), reasons, distance


def _rank(suggestions: list[Suggestion], limit: int | None) -> list[Suggestion]:
    suggestions.sort(key=lambda s: (-s.score, s.distance_km if s.distance_km is not None else 1e9))
    return suggestions if limit is None else suggestions[:limit]


# --- profiles and positions --------------------------------------------------------------

_PROFILE_FIELDS = (
    "wants_job",
    "wants_internship",
    "max_distance_km",
    "min_weekly_hours",
    "max_weekly_hours",
    "schedule",
    "has_driving_licence",
    "education",
)


@lru_cache(maxsize=1)
def _profile_defaults() -> dict:
    return {name: WorkProfile._meta.get_field(name).get_default() for name in _PROFILE_FIELDS}


def _default_profile(person_id: int) -> Profile:
    defaults = dict(_profile_defaults())
    return Profile(
        person_id=person_id,
        sectors=frozenset(),
        schedule=frozenset(defaults.pop("schedule") or ()),
        is_default=True,
        **defaults,
    )


def _profiles(person_ids: list[int], *, people=None) -> dict[int, Profile]:
    """The profiles of these people (defaults for those without one), in two queries.

    ``people``, a query of person ids, replaces a long list of ids in the SQL when given.
    """
    scope = people if people is not None else person_ids
    rows = WorkProfile.objects.filter(person_id__in=scope).values("id", "person_id", *_PROFILE_FIELDS)
    sectors: dict[int, set[int]] = {}
    profile_ids = {}
    profiles: dict[int, Profile] = {}
    for row in rows:
        profile_ids[row.pop("id")] = row["person_id"]
        row["schedule"] = frozenset(row["schedule"] or ())
        profiles[row["person_id"]] = Profile(sectors=frozenset(), **row)
    if profile_ids:
        through = WorkProfile.preferred_sectors.through.objects.filter(workprofile__person_id__in=scope)
        for profile_id, term_id in through.values_list("workprofile_id", "taxonomyterm_id"):
            sectors.setdefault(profile_ids[profile_id], set()).add(term_id)
        for person_id, terms in sectors.items():
            profiles[person_id].sectors = frozenset(terms)
    for person_id in person_ids:
        if person_id not in profiles:
            profiles[person_id] = _default_profile(person_id)
    return profiles


def person_municipality_code(*, municipality: str, referral_code: str = "") -> str:
    """The ISTAT code of where the person lives: from the referral when it has it, else the name."""
    return referral_code or municipality_code_of(municipality)


def profile_for_case(case: Case) -> Profile:
    """The profile of the case's person, with the position of their municipality."""
    profile = _profiles([case.person_id])[case.person_id]
    referral_code = case.referral.municipality_code if case.referral_id else ""
    code = person_municipality_code(municipality=case.person.municipality, referral_code=referral_code)
    profile.position = municipality_positions([code]).get(code)
    return profile


def _offer_code(row: dict) -> str:
    return row["place_of_work_code"] or municipality_code_of(row["place_of_work"])


def _offer_target(row: dict, positions: dict) -> Target:
    return Target(
        sector_id=row["organisation__sector_id"],
        position=positions.get(_offer_code(row)),
        weekly_hours=row["weekly_hours"],
        schedule=frozenset(row["schedule"] or ()),
        requires_driving_licence=row["requires_driving_licence"],
        min_education=row["min_education"],
    )


def _in_districts(user, district_id: int | None) -> bool:
    districts = user_district_ids(user)
    return districts is None or district_id in districts


# --- suggestions for a case --------------------------------------------------------------

_OFFER_VALUES = (
    "id",
    "reference",
    "role",
    "kind",
    "company_name",
    "organisation_id",
    "organisation__name",
    "organisation__sector_id",
    "place_of_work",
    "place_of_work_code",
    "weekly_hours",
    "schedule",
    "requires_driving_licence",
    "min_education",
    "positions",
)


def _kinds(profile: Profile) -> list[str]:
    kinds = []
    if profile.wants_job:
        kinds.append(JobOffer.Kind.JOB)
    if profile.wants_internship:
        kinds.append(JobOffer.Kind.INTERNSHIP)
    return kinds


def host_organisations(*, district_id: int):
    """Organisations of the district that host internships and are not suspended or ended partners."""
    return Organisation.objects.filter(
        districts=district_id, roles__taxonomy__key=ROLES_TAXONOMY, roles__code=HOSTS_INTERNSHIPS
    ).exclude(partnership_status__in=[PartnershipStatus.SUSPENDED, PartnershipStatus.ENDED])


def suggestions_for_case(user, *, case: Case, limit: int | None = DEFAULT_LIMIT) -> CaseSuggestions:
    """Open offers and internship hosts for the case's person, best first, each with its reasons.

    Only for a case in the interventions stage, of a district the user works in; offers and
    hosts of the case's own district only. Offers already confirmed for this case are left out.
    """
    profile = profile_for_case(case)
    result = CaseSuggestions(profile=profile)
    if not _in_districts(user, case.district_id):
        result.refused = _("You do not work in the district of this case.")
        return result
    if case.stage != Case.Stage.INTERVENTIONS:
        result.refused = _(
            "Suggestions are made for cases in the interventions stage; this case is in “%(stage)s”."
        ) % {"stage": case.get_stage_display()}
        return result
    sector_labels = _sector_labels()
    offers = list(
        JobOffer.objects.filter(status=JobOffer.Status.OPEN, district_id=case.district_id, kind__in=_kinds(profile))
        .exclude(matches__case=case)
        .values(*_OFFER_VALUES)
        .order_by()
    )
    # Hosts as plain tuples, one row per place: (id, sector, latitude, longitude, ISTAT code).
    hosts = []
    if profile.wants_internship:
        hosts = list(
            host_organisations(district_id=case.district_id)
            .values_list(
                "id", "sector_id", "locations__latitude", "locations__longitude", "locations__municipality_code"
            )
            .order_by()
        )
    codes = {_offer_code(row) for row in offers}
    codes |= {row[4] for row in hosts if row[2] is None}
    positions = municipality_positions(codes)
    scored = []
    for row in offers:
        points, reasons, distance = score(profile, _offer_target(row, positions), sector_labels=sector_labels)
        scored.append(Suggestion(points, reasons, distance, offer=row))
    result.offers = _rank(scored, limit)
    result.hosts = _rank_hosts(profile, hosts, positions, sector_labels, limit)
    return result


def _rank_hosts(profile: Profile, rows: list[tuple], positions: dict, sector_labels: dict, limit: int | None):
    """Rank hosts at their nearest place; explain and name only the hosts that are shown.

    A host's score has two parts only (sector and distance), so thousands of hosts are
    ranked on the bare numbers and the reasons are written for the first ``limit``.
    """
    nearest: dict[int, tuple[float | None, tuple | None, int | None]] = {}
    origin = profile.position
    for host_id, sector_id, lat, lon, code in rows:
        position = (lat, lon) if lat is not None else positions.get(code)
        distance = haversine_km(origin, position) if origin is not None and position is not None else None
        current = nearest.get(host_id)
        if current is None or (distance is not None and (current[0] is None or distance < current[0])):
            nearest[host_id] = (distance, position, sector_id)
    limit_km = max(profile.max_distance_km, 1)
    sectors = profile.sectors

    def order(item):
        _host_id, (distance, _position, sector_id) = item
        points = SECTOR_POINTS if sector_id is not None and sector_id in sectors else 0
        if distance is not None:
            points += _distance_points(distance, limit_km)
        return (-points, distance if distance is not None else 1e9)

    items = nearest.items()
    chosen = sorted(items, key=order) if limit is None else heapq.nsmallest(limit, items, key=order)
    host_reason = Reason(0, "hosts")
    ranked = []
    for host_id, (nearest_km, position, sector_id) in chosen:
        target = Target(sector_id=sector_id, position=position)
        points, reasons, distance = score(profile, target, sector_labels=sector_labels, distance=nearest_km)
        ranked.append(Suggestion(points, [host_reason, *reasons], distance, host={"id": host_id}))
    names = dict(Organisation.objects.filter(pk__in=[s.host["id"] for s in ranked]).values_list("id", "name"))
    for suggestion in ranked:
        suggestion.host["name"] = names.get(suggestion.host["id"], "")
    return ranked


# --- suggestions for an offer ------------------------------------------------------------


def suggestions_for_offer(user, *, offer: JobOffer, limit: int | None = DEFAULT_LIMIT) -> tuple[list[Suggestion], str]:
    """Cases in the interventions stage of the offer's district whose person wants this kind of
    work, best first, with reasons; and the reason when none can be suggested."""
    if offer.district_id is None:
        return [], _("The offer has no district yet: set it to see suggestions.")
    if not _in_districts(user, offer.district_id):
        return [], _("You do not work in the district of this offer.")
    if offer.status != JobOffer.Status.OPEN:
        return [], _("Suggestions are made for open offers; this offer is “%(status)s”.") % {
            "status": offer.get_status_display()
        }
    wants = "wants_job" if offer.kind == JobOffer.Kind.JOB else "wants_internship"
    candidates = (
        Case.objects.filter(stage=Case.Stage.INTERVENTIONS, district_id=offer.district_id)
        .filter(Q(person__work_profile__isnull=True) | Q(**{f"person__work_profile__{wants}": True}))
        .exclude(matches__offer=offer)
        .order_by()
    )
    cases = list(
        candidates.values(
            "id", "person_id", "person__first_name", "person__last_name", "person__municipality"
        ).annotate(referral_code=Coalesce("referral__municipality_code", Value("")))
    )
    profiles = _profiles([row["person_id"] for row in cases], people=candidates.values("person_id"))
    codes = {
        row["id"]: person_municipality_code(
            municipality=row["person__municipality"], referral_code=row["referral_code"]
        )
        for row in cases
    }
    offer_row = {name: getattr(offer, name) for name in ("place_of_work", "place_of_work_code", "weekly_hours")}
    offer_row.update(
        organisation__sector_id=offer.organisation.sector_id if offer.organisation_id else None,
        schedule=offer.schedule,
        requires_driving_licence=offer.requires_driving_licence,
        min_education=offer.min_education,
    )
    positions = municipality_positions({*codes.values(), _offer_code(offer_row)})
    target = _offer_target(offer_row, positions)
    sector_labels = _sector_labels()
    scored = []
    for row in cases:
        profile = profiles[row["person_id"]]
        profile.position = positions.get(codes[row["id"]])
        points, reasons, distance = score(profile, target, sector_labels=sector_labels)
        row["reference"] = f"C-{row['id']:06d}"
        row["default_profile"] = profile.is_default
        scored.append(Suggestion(points, reasons, distance, case=row))
    return _rank(scored, limit), ""


# --- writes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InternshipTerms:
    """What the promoter agrees with the host for an internship."""

    company_tutor: str
    sil_tutor: object
    starts_on: date
    ends_on: date
    weekly_hours: int
    monthly_allowance: Decimal
    insurance: str
    agreement_reference: str = ""


@dataclass(frozen=True)
class EmploymentTerms:
    """What the employer and the person agreed for a hiring."""

    contract_type: str
    starts_on: date
    weekly_hours: int
    counts_towards_quota: bool = False


def _refuse(message: str, code: str) -> CaseError:
    return CaseError(message, code=code)


@transaction.atomic
def match_confirm(
    *,
    case: Case,
    by,
    expected_version: int,
    terms: InternshipTerms | EmploymentTerms,
    offer: JobOffer | None = None,
    host: Organisation | None = None,
) -> Match:
    """Confirm a suggestion: create the internship or the hiring on the case, take one position
    of the offer (filled when it was the last one) and record the match with its score.

    Refused, with nothing changed, when the case is outside the interventions stage, the user
    does not work in its district, the offer or host belongs to another district, the offer
    is not open, or the case changed meanwhile (``expected_version``).
    """
    from cases.services import employment_create, internship_create
    from jobs.selectors import user_may_handle_offer
    from jobs.services import offer_record_placement

    if (offer is None) == (host is None):
        raise _refuse(_("Choose either an offer or a host organisation."), "target")
    if not _in_districts(by, case.district_id):
        raise _refuse(_("You do not work in the district of this case: the match is refused."), "district")
    if case.stage != Case.Stage.INTERVENTIONS:
        raise _refuse(
            _("A match can be confirmed only in the interventions stage; this case is in “%(stage)s”.")
            % {"stage": case.get_stage_display()},
            "stage",
        )
    if offer is not None:
        offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
        if offer.district_id != case.district_id:
            raise _refuse(_("This offer is for another district: propose people of its own district."), "district")
        if offer.status != JobOffer.Status.OPEN:
            raise _refuse(
                _("This offer is “%(status)s”: only an open offer takes people.")
                % {"status": offer.get_status_display()},
                "offer",
            )
        if offer.organisation_id is None:
            raise _refuse(_("Link the offer to its organisation of the network first."), "organisation")
        if not user_may_handle_offer(by, offer=offer):
            raise _refuse(
                _("Only the company promoters and coordinators of the district confirm people for an offer."),
                "permission",
            )
        host = offer.organisation
        kind = offer.kind
    else:
        if not host_organisations(district_id=case.district_id).filter(pk=host.pk).exists():
            raise _refuse(_("This organisation does not host internships in the district of the case."), "host")
        kind = JobOffer.Kind.INTERNSHIP
    expected_terms = InternshipTerms if kind == JobOffer.Kind.INTERNSHIP else EmploymentTerms
    if not isinstance(terms, expected_terms):
        raise _refuse(_("Give the terms of an internship for an internship, of a hiring for a job."), "terms")

    points, reasons = score_pair(case, offer=offer, host=host)
    internship = employment = None
    if isinstance(terms, InternshipTerms):
        internship, _warnings = internship_create(
            case=case,
            by=by,
            expected_version=expected_version,
            host=host,
            company_tutor=terms.company_tutor,
            sil_tutor=terms.sil_tutor,
            starts_on=terms.starts_on,
            ends_on=terms.ends_on,
            weekly_hours=terms.weekly_hours,
            monthly_allowance=terms.monthly_allowance,
            insurance=terms.insurance,
            agreement_reference=terms.agreement_reference,
        )
    else:
        employment = employment_create(
            case=case,
            by=by,
            expected_version=expected_version,
            employer=host,
            contract_type=terms.contract_type,
            starts_on=terms.starts_on,
            weekly_hours=terms.weekly_hours,
            counts_towards_quota=terms.counts_towards_quota,
        )
    if offer is not None:
        offer_record_placement(offer=offer, by=by)
    match = Match.objects.create(
        case=case,
        offer=offer,
        host=host,
        kind=kind,
        score=points,
        reasons=[reason.as_dict() for reason in reasons],
        internship=internship,
        employment=employment,
        confirmed_by=by,
    )
    audit_record(
        user=by,
        action=AuditEntry.Action.CHANGE,
        object_type="case",
        object_id=case.pk,
        object_reference=str(case),
        district_id=case.district_id,
        detail="case.match.confirm",
    )
    return match


def score_pair(case: Case, *, offer: JobOffer | None, host: Organisation | None) -> tuple[int, list[Reason]]:
    """The score of one offer or host for the case, as the suggestions computed it."""
    profile = profile_for_case(case)
    sector_labels = _sector_labels()
    if offer is not None:
        row = {
            "place_of_work": offer.place_of_work,
            "place_of_work_code": offer.place_of_work_code,
            "weekly_hours": offer.weekly_hours,
            "schedule": offer.schedule,
            "requires_driving_licence": offer.requires_driving_licence,
            "min_education": offer.min_education,
            "organisation__sector_id": host.sector_id if host is not None else None,
        }
        target = _offer_target(row, municipality_positions([_offer_code(row)]))
        points, reasons, _distance = score(profile, target, sector_labels=sector_labels)
        return points, reasons
    places = list(host.locations.values_list("latitude", "longitude", "municipality_code"))
    positions = municipality_positions({code for lat, _lon, code in places if lat is None})
    best: tuple[int, list[Reason], float | None] | None = None
    for lat, lon, code in places or [(None, None, "")]:
        position = (lat, lon) if lat is not None else positions.get(code)
        current = score(profile, Target(sector_id=host.sector_id, position=position), sector_labels=sector_labels)
        if best is None or (current[2] is not None and (best[2] is None or current[2] < best[2])):
            best = current
    return best[0], [Reason(0, "hosts"), *best[1]]


@transaction.atomic
def work_profile_save(*, person, by, sectors, **fields) -> WorkProfile:
    """Create or update the person's work profile (what the matching reads), audited on the person."""
    if fields.get("min_weekly_hours", 0) > fields.get("max_weekly_hours", 40):
        raise CaseError(_("The minimum hours cannot be more than the maximum hours."), code="hours")
    unknown = set(fields) - set(_PROFILE_FIELDS) - {"skills"}
    if unknown:
        raise ValueError(f"Not work-profile fields: {sorted(unknown)}")
    profile, _created = WorkProfile.objects.update_or_create(person=person, defaults=fields)
    profile.preferred_sectors.set(sectors)
    audit_record(
        user=by,
        action=AuditEntry.Action.CHANGE,
        object_type="person",
        object_id=person.pk,
        object_reference=str(person),
        district_id=person.district_id,
        detail="person.work_profile",
    )
    return profile
