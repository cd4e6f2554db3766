"""The right to erasure: one person removed or anonymised everywhere, nobody else touched."""

import logging

import pytest
from django.urls import reverse

from cases.models import AuditEntry, Case, Employment, Person, Referral, TimelineEntry
from forms.models import FormSubmission, SubmissionAttachment
from jobs.models import Match, WorkProfile
from privacy.erasure import person_erase, person_is_erased
from tests.factories.auth import login_staff
from tests.factories.cases import english_admin, staff_user
from tests.factories.network import DistrictFactory
from tests.privacy.conftest import FIRST_NAME, LAST_NAME, SECRET_VALUES, TAX_CODE, files_in, rows_holding

pytestmark = pytest.mark.django_db


def test_the_full_history_holds_the_values_before_erasure(subject_history, subject_storage):
    """The scan would find the person: it can fail."""
    found = rows_holding()
    tables = {line.split(".")[0] + "." + line.split(".")[1].split(" ")[0] for line in found}
    assert any(name.startswith("cases.Person") for name in tables)
    assert any(name.startswith("cases.TimelineEntry") for name in tables)
    assert any(name.startswith("jobs.WorkProfile") for name in tables)
    assert any(name.startswith("cases.Referral") for name in tables)
    assert len(files_in(subject_storage)) == 2  # the form attachment and the timeline document


def test_erasure_leaves_no_value_in_any_table_and_no_file(
    subject_history, subject_storage, django_capture_on_commit_callbacks, caplog
):
    others_before = sorted(
        Person.objects.exclude(pk=subject_history["person"].pk).values_list("pk", "first_name", "last_name", "tax_code")
    )
    referrals_before = Referral.objects.exclude(person=subject_history["person"]).count()
    # An old audit line written before the rule "references only": it must be scrubbed.
    AuditEntry.objects.create(
        user=subject_history["manager"],
        action="view",
        object_type="person",
        object_id=subject_history["person"].pk,
        detail=f"search {LAST_NAME}",
    )
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        counts = person_erase(person=subject_history["person"], by=subject_history["coordinator"], reason="request")
    assert rows_holding() == []
    assert files_in(subject_storage) == []
    assert counts["people"] == 1
    assert counts["referrals"] == 1
    assert counts["form_submissions"] == 1
    assert counts["attachments"] == 1
    assert counts["documents"] == 1
    assert counts["work_profiles"] == 1
    assert counts["audit_entries_scrubbed"] >= 1
    # The statistical shell stays: the dashboard's counts do not change.
    person = Person.objects.get(pk=subject_history["person"].pk)
    assert person_is_erased(person)
    assert person.district_id == subject_history["district"].pk
    assert Case.objects.filter(person=person).count() == 1
    assert Employment.objects.filter(case__person=person).count() == 1
    assert TimelineEntry.objects.filter(case__person=person).count() == 1
    assert Match.objects.filter(case__person=person).count() == 1
    assert not WorkProfile.objects.filter(person=person).exists()
    assert not FormSubmission.objects.filter(reference=subject_history["referral"].reference).exists()
    assert not SubmissionAttachment.objects.exists()
    referral = Referral.objects.get(pk=subject_history["referral"].pk)
    assert referral.reason == ""
    assert referral.status == Referral.Status.ACCEPTED
    # Nobody else was touched.
    assert (
        sorted(Person.objects.exclude(pk=person.pk).values_list("pk", "first_name", "last_name", "tax_code"))
        == others_before
    )
    assert Referral.objects.exclude(person=person).count() == referrals_before
    # Logged, with counts and the reference, never a value.
    entry = AuditEntry.objects.filter(object_type="person", object_id=person.pk).first()
    assert entry.detail == "person.erase:request"
    assert entry.object_reference == person.reference
    assert entry.user == subject_history["coordinator"]
    messages = "\n".join(record.getMessage() for record in caplog.records)
    assert f"Person {person.reference} erased" in messages
    for value in (FIRST_NAME, LAST_NAME, TAX_CODE):
        assert value not in messages
    assert all(value not in messages for value in SECRET_VALUES)


# --- the admin screens ------------------------------------------------------------------------


def erase_url(person) -> str:
    return reverse("privacy_person_erase", args=[person.pk])


def test_coordinator_sees_the_buttons_and_a_case_manager_does_not(client, subject_history):
    case_url = reverse("cases_case", args=[subject_history["case"].pk])
    login_staff(client, subject_history["coordinator"])
    page = client.get(case_url).content.decode()
    assert erase_url(subject_history["person"]) in page
    assert reverse("privacy_person_export", args=[subject_history["person"].pk]) in page
    referral_page = client.get(reverse("cases_referral", args=[subject_history["referral"].pk])).content.decode()
    assert erase_url(subject_history["person"]) in referral_page
    client.logout()
    login_staff(client, subject_history["manager"])
    page = client.get(case_url).content.decode()
    assert subject_history["person"].reference in page  # the page did render
    assert erase_url(subject_history["person"]) not in page


def test_the_erase_screen_says_what_goes_and_asks_for_reason_and_confirmation(client, subject_history):
    person = subject_history["person"]
    login_staff(client, english_admin(subject_history["coordinator"]))
    response = client.get(erase_url(person))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert 'name="reason"' in page
    assert 'name="confirm"' in page
    assert 'name="reference"' in page
    assert "1 referral: the person&#x27;s details" in page or "1 referral: the person's details" in page
    assert "1 case: evaluation notes" in page
    assert "1 documents of the timeline and 1 attachments of the referral form" in page
    # Without confirmation, with a wrong reference: nothing erased, the errors are explained.
    response = client.post(erase_url(person), {"reason": "request", "reference": "P-999999"})
    assert response.status_code == 200
    assert not person_is_erased(Person.objects.get(pk=person.pk))
    form = response.context["form"]
    assert "reference" in form.errors
    assert "confirm" in form.errors
    response = client.post(erase_url(person), {"reference": person.reference, "confirm": "on"})
    assert "reason" in response.context["form"].errors
    assert not person_is_erased(Person.objects.get(pk=person.pk))


def test_coordinator_erases_and_lands_on_the_case_list(
    client, subject_history, subject_storage, django_capture_on_commit_callbacks
):
    person = subject_history["person"]
    login_staff(client, subject_history["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            erase_url(person),
            {"reason": "request", "reference": person.reference.lower(), "confirm": "on"},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == reverse("cases_list")
    assert person_is_erased(Person.objects.get(pk=person.pk))
    assert files_in(subject_storage) == []
    text = response.content.decode()
    assert person.reference in text
    assert rows_holding() == []
    assert AuditEntry.objects.filter(
        object_type="person", object_id=person.pk, detail="person.erase:request", user=subject_history["coordinator"]
    ).exists()
    # A second visit: already erased, back to the list.
    again = client.get(erase_url(person))
    assert again.status_code == 302


def test_a_case_manager_of_the_district_is_refused_and_logged(client, subject_history):
    person = subject_history["person"]
    login_staff(client, subject_history["manager"])
    response = client.post(erase_url(person), {"reason": "request", "reference": person.reference, "confirm": "on"})
    # Wagtail turns PermissionDenied into a redirect to the admin home, with its message.
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    export = client.get(reverse("privacy_person_export", args=[person.pk]))
    assert (export.status_code, export.url) == (302, reverse("wagtailadmin_home"))
    assert not person_is_erased(Person.objects.get(pk=person.pk))
    assert AuditEntry.objects.filter(
        action="denied",
        object_type="person",
        object_id=person.pk,
        detail="person.erase",
        user=subject_history["manager"],
    ).exists()


def test_a_coordinator_of_another_district_gets_404_and_is_logged(client, subject_history):
    person = subject_history["person"]
    other = DistrictFactory(name="Ambito di prova (privacy)", slug="prova-privacy")
    stranger = staff_user("privacy-stranger", other, coordinator=True)
    login_staff(client, stranger)
    for url in (erase_url(person), reverse("privacy_person_export", args=[person.pk])):
        assert client.get(url).status_code == 404
    response = client.post(erase_url(person), {"reason": "request", "reference": person.reference, "confirm": "on"})
    assert response.status_code == 404
    assert not person_is_erased(Person.objects.get(pk=person.pk))
    assert AuditEntry.objects.filter(action="denied", object_id=person.pk, user=stranger).count() == 3


def person_manager(history):
    return history["manager"]


# Every table that points at a person's records, and how ``person_erase`` handles it. A new
# relation fails this test until the erasure (and this list) says what happens to it.
HANDLED_RELATIONS = {
    ("cases.Person", "cases.Referral", "person"),
    ("cases.Person", "cases.Case", "person"),
    ("cases.Person", "jobs.WorkProfile", "person"),
    ("cases.Referral", "cases.ReferralEvent", "referral"),
    ("cases.Referral", "cases.Case", "referral"),
    ("cases.Case", "cases.CaseTeamMember", "case"),
    ("cases.Case", "cases.Evaluation", "case"),
    ("cases.Case", "cases.IndividualProject", "case"),
    ("cases.Case", "cases.Internship", "case"),
    ("cases.Case", "cases.Employment", "case"),
    ("cases.Case", "cases.TimelineEntry", "case"),
    ("cases.Case", "cases.CaseReport", "case"),
    ("cases.Case", "jobs.Match", "case"),
    ("cases.IndividualProject", "cases.PlanItem", "project"),
    ("cases.Internship", "jobs.Match", "internship"),
    ("cases.Employment", "jobs.Match", "employment"),
    ("forms.FormSubmission", "forms.SubmissionAttachment", "submission"),
    ("forms.FormSubmission", "cases.Referral", "submission"),
    ("forms.FormSubmission", "jobs.JobOffer", "submission"),
}


def test_erasure_knows_every_table_that_points_at_a_persons_records():
    from cases import models as cases_models
    from forms.models import FormSubmission

    roots = [
        cases_models.Person,
        cases_models.Referral,
        cases_models.Case,
        cases_models.Evaluation,
        cases_models.IndividualProject,
        cases_models.Internship,
        cases_models.Employment,
        cases_models.TimelineEntry,
        cases_models.CaseReport,
        FormSubmission,
    ]
    found = {
        (model._meta.label, relation.related_model._meta.label, relation.field.name)
        for model in roots
        for relation in model._meta.related_objects
    }
    assert found == HANDLED_RELATIONS
