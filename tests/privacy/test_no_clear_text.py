"""Encrypted fields (the reason for referral, the health notes) and the person's identity stay out of
the stored form submission, its listing and CSV export, e-mails, logs, the outcomes export and the audit log.
"""

import io
import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cases.models import AuditEntry, Referral
from forms.models import FormSubmission, ReferralFormPage
from privacy.redaction import REDACTED_KEY, referral_submissions_redact
from tests.factories.auth import login_staff
from tests.privacy.conftest import (
    FIRST_NAME,
    LAST_NAME,
    REASON,
    SECRET_VALUES,
    TAX_CODE,
    submit_referral,
)

pytestmark = pytest.mark.django_db

IDENTITY = (FIRST_NAME, LAST_NAME, TAX_CODE, REASON)


def absent(text: str, values=IDENTITY) -> list[str]:
    """The values found in ``text`` (an empty list is the pass)."""
    lowered = text.lower()
    return [value for value in values if value.lower() in lowered]


def test_after_intake_the_submission_holds_no_identity_nor_reason(
    seeded_site, client, subject_eager_tasks, subject_storage, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.DEBUG):
        referral = submit_referral(client, django_capture_on_commit_callbacks, "clear-1")
    # The referral holds them, the reason encrypted at rest.
    assert referral.reason == REASON
    assert referral.last_name == LAST_NAME
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM cases_referral WHERE id = %s", [referral.pk])
        stored = cursor.fetchone()[0]
    assert REASON not in stored
    # The submission does not.
    submission = FormSubmission.objects.get(pk=referral.submission_id)
    assert absent(str(submission.form_data)) == []
    assert submission.form_data["reason"] == ""
    assert "reason" in submission.form_data[REDACTED_KEY]
    assert submission.form_data["referrer_email"] == "giulia.bianchi@example.org"  # the worker's own data stays
    with connection.cursor() as cursor:
        cursor.execute("SELECT form_data::text FROM forms_formsubmission WHERE id = %s", [submission.pk])
        assert absent(cursor.fetchone()[0]) == []
    # Nor the e-mails, nor the logs, nor the audit log.
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert absent(message.subject + message.body + " ".join(message.to)) == []
    assert absent("\n".join(record.getMessage() for record in caplog.records)) == []
    assert absent(" ".join(AuditEntry.objects.values_list("detail", flat=True))) == []


def test_the_submissions_listing_and_its_csv_export_show_no_identity_nor_reason(
    seeded_site, client, subject_eager_tasks, subject_storage, django_capture_on_commit_callbacks, django_user_model
):
    submit_referral(client, django_capture_on_commit_callbacks, "clear-2")
    page = ReferralFormPage.objects.get(locale__language_code="it")
    admin = django_user_model.objects.create_superuser("privacy-admin", "admin@example.org", "pw-test-2026")
    login_staff(client, admin)
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    listing = client.get(url)
    assert listing.status_code == 200
    assert "giulia.bianchi@example.org" in listing.content.decode()  # the listing does show the submission
    assert absent(listing.content.decode()) == []
    export = client.get(url + "?export=csv")
    assert export.status_code == 200
    csv_text = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "giulia.bianchi@example.org" in csv_text
    assert absent(csv_text) == []


def test_submissions_stored_before_the_rule_are_redacted_by_the_command(
    seeded_site, client, subject_eager_tasks, subject_storage, django_capture_on_commit_callbacks
):
    referral = submit_referral(client, django_capture_on_commit_callbacks, "clear-3")
    submission = FormSubmission.objects.get(pk=referral.submission_id)
    old = {**submission.form_data, "reason": REASON, "person_last_name": LAST_NAME}
    old.pop(REDACTED_KEY)
    FormSubmission.objects.filter(pk=submission.pk).update(form_data=old)
    unprocessed = FormSubmission.objects.create(
        page=submission.page,
        kind="referral",
        form_data={"reason": REASON},
        token="t",
        reference="SIL-UNPROC01",
        status_key="unprocessed-key",
    )
    call_command("privacy_redact_submissions", stdout=io.StringIO())
    submission.refresh_from_db()
    assert absent(str(submission.form_data)) == []
    assert submission.form_data[REDACTED_KEY]
    # Not yet made into a referral: the only copy, kept until it is processed.
    unprocessed.refresh_from_db()
    assert unprocessed.form_data["reason"] == REASON
    assert referral_submissions_redact() == 0  # idempotent


def test_case_work_emails_logs_audit_and_outcomes_export_hold_no_encrypted_value(
    subject_history, client, caplog, django_capture_on_commit_callbacks
):
    from cases.reminders import reminders_send
    from cases.reports import report_mark_delivered

    case = subject_history["case"]
    for user in (subject_history["manager"], subject_history["coordinator"]):
        user.email = f"{user.username}@sil.example.org"
        user.save(update_fields=["email"])
    mail.outbox.clear()
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        report_mark_delivered(report=case.reports.get(), by=subject_history["manager"], recipient="referrer")
        Referral.objects.filter(pk=subject_history["referral"].pk).update(referrer_email="giulia.bianchi@example.org")
        # Reminders of what is due: the internship ends soon, the case review is due.
        case.internships.update(ends_on=timezone.localdate() + timedelta(days=3))
        reminders_send(today=timezone.localdate())
    assert any(message.to == ["privacy-manager@sil.example.org"] for message in mail.outbox), "a reminder was sent"
    assert any(message.to == ["giulia.bianchi@example.org"] for message in mail.outbox), "the referrer was told"
    for message in mail.outbox:
        assert absent(message.subject + message.body, SECRET_VALUES) == []
    assert absent("\n".join(record.getMessage() for record in caplog.records), SECRET_VALUES) == []
    details = " ".join(AuditEntry.objects.values_list("detail", flat=True))
    references = " ".join(AuditEntry.objects.values_list("object_reference", flat=True))
    assert absent(details + references, SECRET_VALUES) == []
    assert AuditEntry.objects.filter(object_type="person", detail="person.update").exists()
    # The outcomes export: figures only.
    login_staff(client, subject_history["coordinator"])
    response = client.get(reverse("outcomes_dashboard") + "?download=csv")
    assert response.status_code == 200
    text = response.content.decode()
    assert "," in text
    assert absent(text, SECRET_VALUES) == []
