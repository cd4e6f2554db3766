"""The form pages on the site: rendering, accessibility hooks, errors, abuse checks, receipt."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forms.abuse import started_stamp
from forms.models import FormSubmission, ReferralFormPage
from tests.factories.auth import login_staff
from tests.forms.conftest import VALID_REFERRAL

pytestmark = pytest.mark.django_db

URL = "/per-i-servizi-invianti/segnalazione/"


def form_post(**overrides):
    data = {**VALID_REFERRAL, "consent": "on", "submission_token": "tok-1", "form_started": started_stamp()}
    data["person_date_of_birth"] = "10/12/1985"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_form_page_rules():
    from content.models import ContentPage, HomePage, SectionIndexPage

    for parent in (HomePage, SectionIndexPage, ContentPage):
        assert ReferralFormPage in parent.allowed_subpage_models()
    assert ReferralFormPage.allowed_subpage_models() == []


def test_the_form_renders_with_labels_fieldsets_and_autocomplete(client, referral_page):
    html = client.get(URL).content.decode()
    assert '<label for="id_person_tax_code"' in html
    assert '<legend class="h4 mb-3">' in html
    assert 'autocomplete="email"' in html
    assert 'name="submission_token"' in html
    assert 'name="website"' in html  # the honeypot
    assert "Privacy" in html or "privacy" in html
    assert 'accept=".pdf,application/pdf"' in html
    assert 'name="altri_servizi_che_seguono_la_persona-TOTAL_FORMS"' in html
    assert 'id="id_person_date_of_birth_help"' in html
    assert 'aria-describedby="id_person_date_of_birth_help"' in html


def test_errors_show_a_summary_linking_to_the_fields_and_store_nothing(client, referral_page):
    response = client.post(URL, form_post(person_tax_code="XYZ", person_last_name=None))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert 'href="#id_person_tax_code"' in html
    assert 'href="#id_person_last_name"' in html
    assert 'aria-invalid="true"' in html
    assert FormSubmission.objects.count() == 0


def test_a_valid_post_shows_the_reference_and_a_double_click_stores_once(client, referral_page):
    upload = SimpleUploadedFile("relazione.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    first = client.post(URL, form_post(relazione_allegata=upload))
    assert first.status_code == 200
    reference = FormSubmission.objects.get().reference
    assert reference in first.content.decode()
    upload = SimpleUploadedFile("relazione.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    second = client.post(URL, form_post(relazione_allegata=upload))  # the same token again: a double click
    assert reference in second.content.decode()
    assert FormSubmission.objects.count() == 1
    submission = FormSubmission.objects.get()
    assert submission.form_data["person_date_of_birth"] == "1985-12-10"
    assert submission.source == "web"


def test_the_honeypot_and_a_too_fast_submission_are_refused(client, referral_page, settings):
    assert client.post(URL, form_post(website="http://spam.example")).status_code == 400
    settings.SIL_FORMS_MIN_FILL_SECONDS = 60
    response = client.post(URL, form_post(submission_token="tok-2"))
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert client.post(URL, form_post(submission_token="tok-3", form_started="forged:stamp")).status_code == 400
    assert FormSubmission.objects.count() == 0


def test_web_rate_limit(client, referral_page, settings):
    settings.SIL_FORMS_RATE_LIMIT = 1
    assert client.post(URL, form_post(submission_token="a")).status_code == 200
    assert client.post(URL, form_post(submission_token="b")).status_code == 429
    assert FormSubmission.objects.count() == 1


def test_english_form_shows_english_labels_and_date_format(client, referral_page):
    html = client.get("/en/for-referring-services/referral/").content.decode()
    assert "Date of birth" in html
    assert "dd/mm/yyyy" in html


def test_status_page_shows_no_personal_data(client, referral_page):
    client.post(URL, form_post())
    submission = FormSubmission.objects.get()
    response = client.get(f"/moduli/stato/{submission.status_key}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert submission.reference in html
    assert "Rossi" not in html
    assert "RSSMRA" not in html
    assert response["X-Robots-Tag"] == "noindex"
    assert client.get("/moduli/stato/not-a-key/").status_code == 404


def test_attachments_are_private_and_served_only_to_staff(client, referral_page, django_user_model, settings):
    upload = SimpleUploadedFile("relazione.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(URL, form_post(relazione_allegata=upload))
    attachment = FormSubmission.objects.get().attachments.get()
    assert not attachment.file.path.startswith(str(settings.MEDIA_ROOT))
    assert re.fullmatch(r"submissions/\d{4}/\d{2}/relazione.*\.pdf", attachment.file.name)
    url = f"/admin/forms/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 302  # to the login page
    editor = django_user_model.objects.create_user("editor", password="x" * 12)
    editor.user_permissions.add(*_admin_access())
    login_staff(client, editor)
    refused = client.get(url)  # no permission on the form page: Wagtail sends them back to the dashboard
    assert refused.status_code == 302
    assert refused.url == "/admin/"
    staff = django_user_model.objects.create_superuser("boss", password="x" * 12)
    login_staff(client, staff)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")


def test_a_form_page_with_submissions_cannot_be_deleted(client, referral_page, django_user_model):
    client.post(URL, form_post())
    login_staff(client, django_user_model.objects.create_superuser("boss", password="x" * 12))
    response = client.post(f"/admin/pages/{referral_page.pk}/delete/")
    assert response.status_code == 302
    assert response.url == f"/admin/pages/{referral_page.pk}/edit/"
    assert ReferralFormPage.objects.filter(pk=referral_page.pk).exists()
    parent = referral_page.get_parent()
    client.post(f"/admin/pages/{parent.pk}/delete/")
    assert ReferralFormPage.objects.filter(pk=referral_page.pk).exists()
    assert FormSubmission.objects.count() == 1


def test_editors_can_open_and_save_the_form_in_the_admin(client, referral_page, django_user_model):
    login_staff(client, django_user_model.objects.create_superuser("boss", password="x" * 12))
    edit = client.get(f"/admin/pages/{referral_page.pk}/edit/")
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "core_field_texts-TOTAL_FORMS" in html
    assert "form_fields-TOTAL_FORMS" in html
    parent = referral_page.get_parent()
    assert client.get(f"/admin/pages/add/forms/contactformpage/{parent.pk}/").status_code == 200
