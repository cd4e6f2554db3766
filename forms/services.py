"""Writes of the form server: receive a submission durably, then process it once.

``submission_receive`` validates and stores a submission in one transaction, keyed by
its token, and enqueues ``tasks.process_submission`` on commit. ``submission_process``
runs in the worker: it creates the domain record (a referral or a job offer) and sends
the e-mails, once, however many times the task runs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.outbox import email_queue
from forms.core_fields import SUBMITTER_EMAIL_FIELD
from forms.models import FormPage, FormSubmission, SubmissionAttachment
from forms.uploads import file_sha256

logger = logging.getLogger(__name__)

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
IGNORED_FOR_FINGERPRINT = {"csrfmiddlewaretoken", "form_started"}


class SubmissionConflictError(Exception):
    """The token was already used for a different submission."""

    def __init__(self, submission: FormSubmission):
        super().__init__(submission.reference)
        self.submission = submission


@dataclass
class Receipt:
    submission: FormSubmission | None
    created: bool = False
    errors: dict[str, list[str]] = field(default_factory=dict)


def new_reference() -> str:
    return "SIL-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _index in range(8))


def new_token() -> str:
    return secrets.token_urlsafe(24)


def payload_fingerprint(*, data, files) -> str:
    """A hash of what was sent, to tell a retry (same payload) from a reused token (different payload)."""
    if hasattr(data, "lists"):
        items = sorted((key, values) for key, values in data.lists() if key not in IGNORED_FOR_FINGERPRINT)
    else:
        items = sorted((key, value) for key, value in data.items() if key not in IGNORED_FOR_FINGERPRINT)
    uploads = sorted((key, upload.name, upload.size) for key, upload in files.items())
    return hashlib.sha256(json.dumps([items, uploads], default=str).encode()).hexdigest()


def _existing(page: FormPage, token: str) -> FormSubmission | None:
    return FormSubmission.objects.filter(page=page, token=token).first()


def _replay(existing: FormSubmission, fingerprint: str) -> Receipt:
    if existing.payload_hash and existing.payload_hash != fingerprint:
        raise SubmissionConflictError(existing)
    return Receipt(existing, created=False)


def _form_data(form) -> dict:
    data = {}
    for name, value in form.cleaned_data.items():
        data[name] = value.name if isinstance(value, UploadedFile) else value
    return data


def submission_receive(*, page: FormPage, form, token: str, source: str, language: str, fingerprint: str) -> Receipt:
    """Validate and store one submission; the same token again returns the stored one.

    Raises ``SubmissionConflictError`` when the token was used for a different payload.
    """
    existing = _existing(page, token)
    if existing is not None:
        return _replay(existing, fingerprint)
    if not form.is_valid():
        return Receipt(None, errors={name: [str(error) for error in errors] for name, errors in form.errors.items()})
    revision_id = page.live_revision_id or page.latest_revision_id
    snapshot = page.snapshot()
    form_data = _form_data(form)
    uploads = [(name, value) for name, value in form.cleaned_data.items() if isinstance(value, UploadedFile)]
    for _attempt in range(3):
        stored: list[SubmissionAttachment] = []
        try:
            # Durable: the commit happens when this block ends, never later in a caller's
            # transaction, so a rollback is always seen here and the files can be removed.
            with _removing_files_on_rollback(stored), transaction.atomic(durable=True):
                submission = FormSubmission.objects.create(
                    page=page,
                    kind=page.specific_class.kind,
                    form_data=form_data,
                    token=token,
                    payload_hash=fingerprint,
                    reference=new_reference(),
                    status_key=secrets.token_urlsafe(32),
                    source=source,
                    language=language,
                    revision_id=revision_id,
                    snapshot=snapshot,
                )
                for name, upload in uploads:
                    attachment = SubmissionAttachment(
                        submission=submission,
                        field_name=name,
                        original_name=upload.name[:255],
                        content_type=upload.content_type,
                        size=upload.size,
                        sha256=file_sha256(upload),
                    )
                    attachment.file.save(upload.name, upload, save=False)
                    stored.append(attachment)
                    attachment.save()
                transaction.on_commit(partial(_enqueue_processing, submission.pk))
        except IntegrityError:
            existing = _existing(page, token)
            if existing is not None:  # a concurrent request with the same token won the race
                return _replay(existing, fingerprint)
            continue  # the random reference collided: try another
        logger.info("Form submission %s stored (page %s, %s)", submission.reference, page.pk, source)
        return Receipt(submission, created=True)
    raise RuntimeError("Could not allocate a reference code for a submission")


@contextmanager
def _removing_files_on_rollback(stored: list[SubmissionAttachment]):
    """Delete the attachment files written in a transaction that did not commit.

    A file is written to storage before its row; when the transaction rolls back (a
    database error, a reference collision, a failed commit) the rows vanish but the files
    would stay on disk, orphaned, holding personal data nobody can reach or delete.
    """
    try:
        yield
    except BaseException:
        for attachment in stored:
            try:
                attachment.file.storage.delete(attachment.file.name)
            except OSError:
                logger.exception("Could not remove the attachment file of a rolled-back submission")
        raise


def _enqueue_processing(submission_id: int) -> None:
    from forms.tasks import process_submission

    try:
        process_submission.delay(submission_id)
    except Exception:
        # The periodic sweep (forms.tasks.enqueue_pending_submissions, every SWEEP_SECONDS) enqueues it later.
        logger.exception("Could not enqueue the processing of submission %s", submission_id)


def submissions_pending(*, older_than_seconds: int):
    """Stored submissions whose processing has not finished (e.g. the broker was down)."""
    limit = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    return FormSubmission.objects.filter(processed_at__isnull=True, submit_time__lte=limit).order_by("pk")


def status_url(submission: FormSubmission) -> str:
    with translation.override(submission.language):
        path = reverse("forms_status", args=[submission.status_key])
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


def submission_process(*, submission_id: int) -> None:
    """Create the domain record and send the e-mails, exactly once per submission."""
    with transaction.atomic():
        submission = FormSubmission.objects.select_for_update().select_related("page").get(pk=submission_id)
        if submission.processed_at is not None:
            return
        referral = None
        if submission.kind == "referral":
            from cases.services import referral_create_from_submission
            from privacy.redaction import submission_redact

            referral = referral_create_from_submission(submission=submission)
            # The referral now holds the person's answers (the reason encrypted): blank them here.
            submission_redact(submission=submission)
        elif submission.kind == "offer":
            from jobs.services import job_offer_create_from_submission

            job_offer_create_from_submission(submission=submission)
        submission.processed_at = timezone.now()
        submission.save(update_fields=["processed_at"])
        # Stored with the referral, sent after the commit, each once (core.outbox).
        for kind, message in _notification_messages(submission, referral=referral):
            email_queue(key=f"forms.submission:{submission.pk}:{kind}", **message)


def _notification_messages(submission: FormSubmission, *, referral=None) -> list[tuple[str, dict]]:
    """The receipt to the submitter and the notice to staff, as (kind, message): reference and links only."""
    page = submission.page.specific
    messages = []
    submitter = submission.form_data.get(SUBMITTER_EMAIL_FIELD.get(submission.kind, ""), "")
    with translation.override(submission.language):
        if submitter:
            messages.append(
                (
                    "receipt",
                    {
                        "subject": _("We received your submission %(reference)s") % {"reference": submission.reference},
                        "body": _(
                            "Thank you. We received what you sent with the form “%(form)s”.\n\n"
                            "Reference code: %(reference)s\n\n"
                            "You can follow its status at this private address (do not share it):\n%(url)s\n"
                        )
                        % {"form": page.title, "reference": submission.reference, "url": status_url(submission)},
                        "to": [submitter],
                    },
                )
            )
    with translation.override(settings.LANGUAGE_CODE):
        staff, admin_path = _staff_recipients(page, referral)
        if staff:
            messages.append(
                (
                    "staff",
                    {
                        "subject": _("New submission %(reference)s: %(form)s")
                        % {"reference": submission.reference, "form": page.title},
                        "body": _(
                            "A new submission arrived with the form “%(form)s”.\n\n"
                            "Reference code: %(reference)s\n\nOpen it in the admin: %(url)s\n"
                        )
                        % {
                            "form": page.title,
                            "reference": submission.reference,
                            "url": urljoin(settings.WAGTAILADMIN_BASE_URL, admin_path),
                        },
                        "to": staff,
                    },
                )
            )
    return messages


def _staff_recipients(page: FormPage, referral) -> tuple[list[str], str]:
    """Who gets the staff notice of a submission, and the admin page it links to.

    A referral goes to the staff of the district of the person's municipality who take in
    referrals, with a link to the referral; when no district lists the municipality, or
    the district has nobody to take it in, to the page's "to address" as any other form.
    """
    if referral is not None:
        from cases.selectors import referral_intake_staff
        from forms.network_link import district_for_municipality

        district = district_for_municipality(referral.municipality_code)
        if district is not None:
            staff = list(dict.fromkeys(referral_intake_staff(district=district).values_list("email", flat=True)))
            if staff:
                return staff, reverse("cases_referral", args=[referral.pk])
    staff = [address.strip() for address in (page.to_address or "").split(",") if address.strip()]
    return staff, reverse("wagtailforms:list_submissions", args=[page.pk])
