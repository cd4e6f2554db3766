"""Writes of the jobs app: offers (from the form or typed in by staff), their state changes,
and the company promoter's contacts with employers.

The life of an offer is new → open → filled or closed (closed needs a reason). Each state
change is a function here: it checks that the change is legal and that the user may handle
the offer (the district of the offer, see ``jobs.selectors``) *before* writing, inside one
transaction on a locked row, and raises ``OfferError`` (a ``ValidationError`` with an
Italian message through gettext) otherwise, so a refused change leaves the offer as it was.

Other apps (the matching) change offers only through these functions:

- ``offer_open(*, offer, by)``: new → open, the offer is published to the team;
- ``offer_fill(*, offer, by)``: open → filled, every position taken (sets ``filled_at``);
- ``offer_record_placement(*, offer, by)``: one more position taken on an open offer
  (a confirmed match); the offer becomes filled when the last position is taken;
- ``offer_close(*, offer, by, reason)``: new or open → closed, reason required;
- ``offer_reopen(*, offer, by)``: closed or filled → open, e.g. the company withdrew a
  hire or asked again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.log_actions import log

from jobs.models import EmployerContact, JobOffer

Status = JobOffer.Status
# The offer's history (Wagtail's log, shown by the admin) records each state change.
STATUS_ACTION = "jobs.offer_status"

# The legal moves: from each state, the states it may go to.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.OPEN, Status.CLOSED}),
    Status.OPEN: frozenset({Status.FILLED, Status.CLOSED}),
    Status.FILLED: frozenset({Status.OPEN}),
    Status.CLOSED: frozenset({Status.OPEN}),
}

_PLACE_WITH_PROVINCE = re.compile(r"^\s*(?P<name>.+?)\s*\((?P<province>[A-Za-z]{2})\)\s*$")


class OfferError(ValidationError):
    """An illegal change of an offer or a contact, with a message that says why."""


# --- offers: creation -----------------------------------------------------------------


def _organisation_for_vat(vat_number: str):
    """Find the organisation of the network by VAT number (None when unknown or malformed)."""
    from network.selectors import organisation_for_vat

    return organisation_for_vat(vat_number=vat_number)


def place_of_work_code(place_of_work: str) -> str:
    """The ISTAT code of a place written as "Dalmine (BG)" or "Dalmine"; "" when unknown.

    The offer form stores the municipality as "Name (PR)"; staff may type a bare name.
    """
    from network.municipalities import find_municipality

    match = _PLACE_WITH_PROVINCE.match(place_of_work or "")
    name, province = (match["name"], match["province"]) if match else ((place_of_work or "").strip(), "")
    if not name:
        return ""
    found = find_municipality(name, province)
    return found.code if found else ""


def _district_of_municipality(code: str):
    """The district whose municipalities include this ISTAT code (``District.municipality_codes``)."""
    from network.selectors import district_for_municipality

    return district_for_municipality(municipality_code=code) if code else None


def offer_district_for(*, place_code: str, organisation):
    """The district that handles an offer: the one of the place of work, else the organisation's.

    An organisation in several districts gives no single answer from itself: its first
    district (by name) is used, since staff of that district can hand the offer on.
    """
    district = _district_of_municipality(place_code)
    if district is None and organisation is not None:
        district = organisation.districts.order_by("name", "pk").first()
    return district


def job_offer_create_from_submission(*, submission) -> JobOffer:
    """The offer of this submission, created the first time only, linked or flagged for staff."""
    existing = JobOffer.objects.filter(submission=submission).first()
    if existing is not None:
        return existing
    data = submission.form_data
    organisation = _organisation_for_vat(data["vat_number"])
    code = place_of_work_code(data["place_of_work"])
    offer, _created = JobOffer.objects.get_or_create(
        submission=submission,
        defaults={
            "reference": submission.reference,
            "organisation": organisation,
            "needs_review": organisation is None,
            "kind": data["offer_kind"],
            "company_name": data["company_name"],
            "vat_number": data["vat_number"],
            "contact_name": data["contact_name"],
            "contact_email": data["contact_email"],
            "contact_phone": data.get("contact_phone", ""),
            "role": data["role"],
            "place_of_work": data["place_of_work"],
            "place_of_work_code": code,
            "district": offer_district_for(place_code=code, organisation=organisation),
            "weekly_hours": int(data["weekly_hours"]),
            "contract_type": data["contract_type"],
            "requirements": data.get("requirements", ""),
            "counts_towards_quota": bool(data.get("counts_towards_quota")),
            "received_at": submission.submit_time,
        },
    )
    return offer


def _next_manual_reference() -> str:
    """References of offers typed in by staff: "OFF-" and a number, distinct from the form's."""
    last = (
        JobOffer.objects.filter(reference__startswith="OFF-").order_by("-reference").values_list("reference", flat=True)
    )
    number = 0
    for reference in last[:1]:
        try:
            number = int(reference.removeprefix("OFF-"))
        except ValueError:
            number = JobOffer.objects.filter(reference__startswith="OFF-").count()
    return f"OFF-{number + 1:06d}"


@transaction.atomic
def job_offer_create(*, by, offer: JobOffer) -> JobOffer:
    """Save an offer typed in by staff (from the admin form): reference, place code, district.

    ``offer`` is an unsaved instance filled by the form. The district is set from the place
    of work unless staff chose one; a staff member may only file offers in their districts.
    """
    from jobs.selectors import user_may_handle_district

    if offer.pk is not None:
        raise OfferError(_("This offer is already saved."), code="saved")
    if not offer.vat_number and offer.organisation is not None:
        offer.vat_number = offer.organisation.vat_number
    if offer.organisation is None and offer.vat_number:
        offer.organisation = _organisation_for_vat(offer.vat_number)
    offer.needs_review = offer.organisation is None
    if not offer.company_name and offer.organisation is not None:
        offer.company_name = offer.organisation.name
    offer.place_of_work_code = offer.place_of_work_code or place_of_work_code(offer.place_of_work)
    if offer.district_id is None:
        offer.district = offer_district_for(place_code=offer.place_of_work_code, organisation=offer.organisation)
    if offer.district_id is not None and not user_may_handle_district(by, district_id=offer.district_id):
        raise OfferError(
            _("You can only enter offers for your own districts: choose one of them as the district."),
            code="district",
        )
    offer.status = Status.NEW
    offer.created_by = by if getattr(by, "is_authenticated", False) else None
    offer.received_at = offer.received_at or timezone.now()
    offer.reference = _next_manual_reference()
    offer.save()
    log(instance=offer, action="wagtail.create", user=by)
    return offer


@transaction.atomic
def job_offer_update(*, by, offer: JobOffer) -> JobOffer:
    """Save staff corrections to an offer (from the admin form), keeping derived fields right.

    The state is not edited here (see the state functions below). The ISTAT code follows the
    place of work, ``needs_review`` the link to an organisation; a staff member may not move
    the offer to a district they do not work in.
    """
    from jobs.selectors import user_may_handle_district, user_may_handle_offer

    saved = JobOffer.objects.select_for_update().get(pk=offer.pk)
    if not user_may_handle_offer(by, offer=saved):
        raise OfferError(
            _("This offer belongs to a district you do not work in: ask its staff to change it."), code="district"
        )
    if offer.district_id != saved.district_id and not user_may_handle_district(by, district_id=offer.district_id):
        raise OfferError(_("You can only move an offer to one of your own districts."), code="district")
    if offer.place_of_work != saved.place_of_work or not offer.place_of_work_code:
        offer.place_of_work_code = place_of_work_code(offer.place_of_work)
    if offer.organisation is None and offer.vat_number:
        offer.organisation = _organisation_for_vat(offer.vat_number)
    offer.needs_review = offer.organisation is None
    if offer.district_id is None:
        offer.district = offer_district_for(place_code=offer.place_of_work_code, organisation=offer.organisation)
    # State fields are the workflow's: never taken from the form.
    for name in ("status", "status_reason", "status_changed_at", "filled_at", "positions_filled", "reference"):
        setattr(offer, name, getattr(saved, name))
    offer.save()
    log(instance=offer, action="wagtail.edit", user=by)
    return offer


# --- offers: state changes ------------------------------------------------------------


# Adjectives for the messages below; a context of their own, since "open" or "new" mean
# other things elsewhere in the catalogue (and take another gender in Italian).
STATUS_WORDS = {
    Status.NEW: lambda: pgettext("offer status", "new"),
    Status.OPEN: lambda: pgettext("offer status", "open"),
    Status.FILLED: lambda: pgettext("offer status", "filled"),
    Status.CLOSED: lambda: pgettext("offer status", "closed"),
}


def _refuse_transition(offer: JobOffer, target: str) -> OfferError:
    """The message for a move that the workflow does not allow, saying what is possible."""
    messages = {
        (Status.NEW, Status.FILLED): _("A new offer must be opened before it can be filled."),
        (Status.FILLED, Status.CLOSED): _("A filled offer cannot be closed: it is already finished."),
        (Status.CLOSED, Status.FILLED): _("A closed offer cannot be filled: reopen it first."),
    }
    message = messages.get((offer.status, target))
    if message is None:
        if offer.status == target:
            message = _("The offer is already %(status)s.") % {"status": STATUS_WORDS[target]()}
        else:
            message = _("An offer that is %(current)s cannot become %(target)s.") % {
                "current": STATUS_WORDS[offer.status](),
                "target": STATUS_WORDS[target](),
            }
    return OfferError(message, code="transition")


def _locked(offer: JobOffer, *, by) -> JobOffer:
    """The current row, locked, after checking the user may handle the offer's district."""
    from jobs.selectors import user_may_handle_offer

    current = JobOffer.objects.select_for_update().get(pk=offer.pk)
    if not user_may_handle_offer(by, offer=current):
        raise OfferError(
            _("This offer belongs to a district you do not work in: ask its staff to change it."),
            code="district",
        )
    return current


def _move(offer: JobOffer, *, by, target: str, sources: tuple[str, ...] | None = None, **fields) -> JobOffer:
    """Move the offer to ``target`` if the workflow allows it from its current state (and,
    when given, the current state is one of ``sources``: opening and reopening differ)."""
    current = _locked(offer, by=by)
    if target not in TRANSITIONS[current.status]:
        raise _refuse_transition(current, target)
    if sources is not None and current.status not in sources:
        if current.status == Status.NEW:
            raise OfferError(_("The offer is new: open it rather than reopen it."), code="transition")
        raise OfferError(
            _("The offer is %(status)s: reopen it instead.") % {"status": STATUS_WORDS[current.status]()},
            code="transition",
        )
    current.status = target
    current.status_changed_at = timezone.now()
    for name, value in fields.items():
        setattr(current, name, value)
    current.save()
    log(instance=current, action=STATUS_ACTION, user=by, data={"status": target})
    offer.refresh_from_db()
    return offer


@transaction.atomic
def offer_open(*, offer: JobOffer, by) -> JobOffer:
    """new → open: staff checked the offer; the team can now propose people for it."""
    if offer.needs_review and offer.organisation_id is None:
        current = JobOffer.objects.get(pk=offer.pk)
        if current.organisation_id is None:
            raise OfferError(
                _("Link the offer to its organisation of the network before opening it."), code="organisation"
            )
    return _move(offer, by=by, target=Status.OPEN, sources=(Status.NEW,))


@transaction.atomic
def offer_fill(*, offer: JobOffer, by) -> JobOffer:
    """open → filled: every position is taken. Sets ``filled_at`` (the dashboard counts it)."""
    now = timezone.now()
    current_positions = JobOffer.objects.filter(pk=offer.pk).values_list("positions", flat=True).first()
    return _move(offer, by=by, target=Status.FILLED, filled_at=now, positions_filled=current_positions or 1)


@transaction.atomic
def offer_record_placement(*, offer: JobOffer, by) -> JobOffer:
    """One position of an open offer taken (a confirmed match); filled when none is left.

    The matching calls this when the promoter confirms a person for the offer, so that an
    offer for several people stays open until the last one is placed.
    """
    current = _locked(offer, by=by)
    if current.status != Status.OPEN:
        if current.status == Status.NEW:
            raise OfferError(_("Open the offer before proposing people for it."), code="transition")
        raise OfferError(
            _("A %(status)s offer takes no more people: reopen it first.") % {"status": STATUS_WORDS[current.status]()},
            code="transition",
        )
    taken = current.positions_filled + 1
    if taken >= current.positions:
        return _move(offer, by=by, target=Status.FILLED, filled_at=timezone.now(), positions_filled=current.positions)
    JobOffer.objects.filter(pk=current.pk).update(positions_filled=taken)
    offer.positions_filled = taken
    return offer


@transaction.atomic
def offer_close(*, offer: JobOffer, by, reason: str) -> JobOffer:
    """new or open → closed, with the reason (e.g. the company withdrew it, no suitable person)."""
    reason = (reason or "").strip()
    if not reason:
        raise OfferError(_("Say why the offer is closed: the reason is required."), code="reason")
    return _move(offer, by=by, target=Status.CLOSED, status_reason=reason)


@transaction.atomic
def offer_reopen(*, offer: JobOffer, by) -> JobOffer:
    """closed or filled → open: the company asks again or a hire fell through.

    The reason and ``filled_at`` of the earlier outcome are cleared; the dashboard reads the
    current state only.
    """
    return _move(
        offer,
        by=by,
        target=Status.OPEN,
        sources=(Status.CLOSED, Status.FILLED),
        status_reason="",
        filled_at=None,
        positions_filled=0,
    )


def offer_transition(*, offer: JobOffer, by, target: str, reason: str = "") -> JobOffer:
    """Dispatch to the function of ``target`` (used by the admin's state buttons)."""
    if target == Status.OPEN and offer.status in (Status.CLOSED, Status.FILLED):
        return offer_reopen(offer=offer, by=by)
    functions = {
        Status.OPEN: lambda: offer_open(offer=offer, by=by),
        Status.FILLED: lambda: offer_fill(offer=offer, by=by),
        Status.CLOSED: lambda: offer_close(offer=offer, by=by, reason=reason),
    }
    if target not in functions:
        raise OfferError(_("Choose a valid new status for the offer."), code="transition")
    return functions[target]()


# --- employer contacts ----------------------------------------------------------------


@dataclass(frozen=True)
class ContactInput:
    """What a promoter records about one contact with an employer."""

    kind: str
    outcome: str
    occurred_on: date
    notes: str = ""
    next_step: str = ""
    next_step_on: date | None = None
    offer: JobOffer | None = None


@transaction.atomic
def employer_contact_log(*, organisation, by, data: ContactInput) -> EmployerContact:
    """Record a contact of the promoter ``by`` with ``organisation`` (the job-development log).

    Refused when the organisation is outside the promoter's districts, the date is in the
    future, the next step is dated before the contact, or the offer belongs to another
    organisation.
    """
    from jobs.selectors import user_may_contact_organisation

    if not user_may_contact_organisation(by, organisation=organisation):
        raise OfferError(
            _("This organisation is not in your districts: ask the promoter of its district."), code="district"
        )
    errors: dict[str, list[str]] = {}
    if data.kind not in EmployerContact.Kind.values:
        errors["kind"] = [_("Choose how the contact took place.")]
    if data.outcome not in EmployerContact.Outcome.values:
        errors["outcome"] = [_("Choose the outcome of the contact.")]
    if data.occurred_on is None:
        errors["occurred_on"] = [_("Give the date of the contact.")]
    elif data.occurred_on > timezone.localdate():
        errors["occurred_on"] = [_("A contact is logged once it happened: its date cannot be in the future.")]
    if data.next_step_on and data.occurred_on and data.next_step_on < data.occurred_on:
        errors["next_step_on"] = [_("The next step cannot come before the contact.")]
    if data.next_step_on and not data.next_step.strip():
        errors["next_step"] = [_("Say what the next step is, or clear its date.")]
    if data.offer is not None and data.offer.organisation_id != organisation.pk:
        errors["offer"] = [_("This offer belongs to another organisation.")]
    if errors:
        raise OfferError(errors)
    return EmployerContact.objects.create(
        organisation=organisation,
        promoter=by,
        kind=data.kind,
        outcome=data.outcome,
        occurred_on=data.occurred_on,
        notes=data.notes.strip(),
        next_step=data.next_step.strip(),
        next_step_on=data.next_step_on,
        offer=data.offer,
    )
