"""Writes of the cases app. Here only: a referral from a referral-form submission."""

from __future__ import annotations

from datetime import date

from cases.models import Referral


def referral_create_from_submission(*, submission) -> Referral:
    """The referral of this submission, created with status "received" the first time only."""
    from forms.core_fields import MUNICIPALITY_WITH_PROVINCE
    from forms.network_link import municipality_lookup

    data = submission.form_data
    municipality = data["person_municipality"]
    match = MUNICIPALITY_WITH_PROVINCE.match(municipality)
    found = municipality_lookup(match["name"], match["province"]) if match else municipality_lookup(municipality)
    referral, _created = Referral.objects.get_or_create(
        submission=submission,
        defaults={
            "reference": submission.reference,
            "first_name": data["person_first_name"],
            "last_name": data["person_last_name"],
            "date_of_birth": date.fromisoformat(data["person_date_of_birth"]),
            "tax_code": data["person_tax_code"],
            "municipality": municipality,
            "municipality_code": found.code if found else "",
            "category": data["category"],
            "referring_service": data["referring_service"],
            "referrer_name": data["referrer_name"],
            "referrer_email": data["referrer_email"],
            "referrer_phone": data.get("referrer_phone", ""),
            "reason": data["reason"],
            "received_at": submission.submit_time,
        },
    )
    return referral
