"""Writes of the jobs app: a job offer from an offer-form submission."""

from __future__ import annotations

from jobs.models import JobOffer


def _organisation_for_vat(vat_number: str):
    """The jobs app's only use of the network: find the organisation by VAT number."""
    from network.selectors import organisation_for_vat

    return organisation_for_vat(vat_number=vat_number)


def job_offer_create_from_submission(*, submission) -> JobOffer:
    """The offer of this submission, created the first time only, linked or flagged for staff."""
    existing = JobOffer.objects.filter(submission=submission).first()
    if existing is not None:
        return existing
    data = submission.form_data
    organisation = _organisation_for_vat(data["vat_number"])
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
            "weekly_hours": int(data["weekly_hours"]),
            "contract_type": data["contract_type"],
            "requirements": data.get("requirements", ""),
            "counts_towards_quota": bool(data.get("counts_towards_quota")),
            "received_at": submission.submit_time,
        },
    )
    return offer
