"""The record of processing: every model with personal data is in it, its periods follow the settings,
and only coordinators and superusers read it in the admin."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from cases.fields import EncryptedTextField
from cases.selectors import COORDINATORS_GROUP
from privacy.processing import NOT_PERSONAL, REGISTER, register_entries, registered_labels
from tests.factories.auth import login_staff
from tests.factories.cases import english_admin, staff_user
from tests.factories.network import DistrictFactory

OUR_APPS = {"core", "content", "network", "forms", "cases", "jobs", "imports", "outcomes", "privacy"}
PERSONAL_LOOKING = re.compile(r"(^|_)(name|email|phone|tax_code|birth|address|reason|reasons|notes)(_|$)")


def personal_looking_models() -> dict[str, list[str]]:
    found = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in OUR_APPS or meta.proxy or meta.abstract or not meta.managed:
            continue
        fields = [
            field.name
            for field in meta.concrete_fields
            if PERSONAL_LOOKING.search(field.name) or isinstance(field, EncryptedTextField)
        ]
        if fields:
            found[meta.label] = fields
    return found


def test_every_model_with_personal_looking_fields_is_in_the_register():
    registered = registered_labels()
    missing = {
        label: fields
        for label, fields in personal_looking_models().items()
        if label.lower() not in registered and label not in NOT_PERSONAL
    }
    assert not missing, f"add these models to privacy/processing.py (REGISTER or NOT_PERSONAL): {missing}"


def test_the_check_finds_what_it_must():
    """The walk is not vacuous: the models we know hold personal data are found by it."""
    found = personal_looking_models()
    for label in ("cases.Person", "cases.Referral", "cases.Evaluation", "network.Contact", "jobs.JobOffer"):
        assert label in found
    assert "health_notes" in found["cases.Person"]


def test_register_names_only_real_models_and_states_everything():
    for entry in REGISTER:
        for label in entry.models:
            if not entry.optional and not label.startswith(("otp_", "axes.")):
                apps.get_model(label)  # raises on a typo
        assert entry.subjects
        assert entry.purpose
        assert entry.legal_basis
        assert entry.recipients
        assert entry.retention_text
    assert len({entry.key for entry in REGISTER}) == len(REGISTER)
    for label in NOT_PERSONAL:
        apps.get_model(label)


def test_the_periods_follow_the_settings(settings):
    settings.RETENTION_CLOSED_CASE_YEARS = 7
    settings.RETENTION_FORM_SUBMISSION_DAYS = 45
    entries = {entry.key: entry for entry in REGISTER}
    with translation.override("it"):
        assert "7 anni" in entries["people"].retention_text
        assert "45 giorni" in entries["form_submissions"].retention_text
    with translation.override("en"):
        assert "7 years" in entries["people"].retention_text


@pytest.fixture
def district(db):
    return DistrictFactory()


def test_coordinators_read_the_register_in_italian(client, district):
    coordinator = staff_user("coordinatrice", district, coordinator=True)
    login_staff(client, coordinator)
    response = client.get(reverse("privacy_register"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Registro dei trattamenti" in page
    assert "Persone seguite" in page
    assert "L. 68/1999" in page
    for entry in register_entries():
        assert f'id="processing-{entry.key}"' in page


def test_english_admins_read_it_in_english(client, district, settings):
    settings.RETENTION_CLOSED_CASE_YEARS = 10
    coordinator = english_admin(staff_user("coordinator-en", district, coordinator=True))
    login_staff(client, coordinator)
    page = client.get(reverse("privacy_register")).content.decode()
    assert "Record of processing" in page
    assert "People served" in page
    assert "10 years after the person&#x27;s last path closes" in page
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("privacy_register") in home


def test_superusers_read_it(client, django_user_model):
    admin = django_user_model.objects.create_superuser("radice", "radice@example.org", "pw-test-2026-long")
    login_staff(client, admin)
    assert client.get(reverse("privacy_register")).status_code == 200


def test_other_staff_get_403_and_no_menu_item(client, district):
    from cases.models import AuditEntry

    assert Group.objects.filter(name=COORDINATORS_GROUP).exists()
    manager = staff_user("operatore", district)
    login_staff(client, manager)
    response = client.get(reverse("privacy_register"))
    assert response.status_code == 403
    assert AuditEntry.objects.filter(user=manager, action="denied", detail="privacy_register").exists()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("privacy_register") not in home


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(reverse("privacy_register"))
    assert response.status_code == 302
    assert "login" in response["Location"]
