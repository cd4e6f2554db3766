"""Keep the referral form's answers about the person out of the stored submission once the referral holds them.

A referral form submission (``forms.FormSubmission.form_data``) is the form as sent, in
clear JSON: Wagtail's submissions listing and its CSV/XLSX export show it to anyone who may
edit the form page (editors, not only case staff), and the reason for referral, stored
encrypted on the referral, would sit beside it in clear. So as soon as the referral is
created from the submission (``forms.services.submission_process``, in the same
transaction), the answers about the person (name, birth date, tax code, municipality), the
legal category and the reason are blanked in the submission; the referral is their only
copy, with the reason encrypted and district-scoped access. What the referring worker wrote
about themselves, the consent and the questions editors added stay, as does the list of
the blanked fields (``REDACTED_KEY``), so a reader of the listing knows why they are empty.

``referral_submissions_redact`` does the same for submissions stored before this rule
(``manage.py privacy_redact_submissions``).
"""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)

REDACTED_KEY = "_redacted"


def referral_redacted_fields() -> tuple[str, ...]:
    """The referral form's core fields copied to the referral that describe the person."""
    from forms.core_fields import CORE_FIELDS

    person = [core.name for core in CORE_FIELDS["referral"] if core.group == "person"]
    return (*person, "category", "reason")


def submission_redact(*, submission) -> bool:
    """Blank the person's answers in ``submission.form_data`` (in memory and in the database).

    Only for a referral submission whose referral exists; True if something was blanked.
    """
    if submission.kind != "referral":
        return False
    data = dict(submission.form_data or {})
    blanked = [name for name in referral_redacted_fields() if data.get(name) not in (None, "")]
    if not blanked:
        return False
    for name in blanked:
        data[name] = ""
    data[REDACTED_KEY] = sorted({*data.get(REDACTED_KEY, []), *blanked})
    type(submission).objects.filter(pk=submission.pk).update(form_data=data)
    submission.form_data = data
    return True


def referral_submissions_redact(*, batch_size: int = 500) -> int:
    """Redact every processed referral submission that still holds the person's answers; how many."""
    from forms.models import FormSubmission

    done = 0
    processed = FormSubmission.objects.filter(kind="referral", referral__isnull=False)
    ids = list(processed.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            for submission in FormSubmission.objects.select_for_update().filter(pk__in=ids[start : start + batch_size]):
                done += submission_redact(submission=submission)
    logger.info("Referral submissions redacted: %d", done)
    return done
