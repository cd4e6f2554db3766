"""Fixtures of the data-subject rights tests (erasure, export, no clear text): one person with a full history.

Names start with ``subject_`` so that they do not clash with the retention tests in the same folder.
"""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone
from stdnum.it import codicefiscale

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Values found nowhere else in the test database, so a scan of every table can look for them.
FIRST_NAME = "Ermenegilda"
LAST_NAME = "Zanchettinova"
TAX_CODE_BODY = "ZNCRNG80A41A794"  # Bergamo, 1 Jan 1980, female
TAX_CODE = TAX_CODE_BODY + codicefiscale.calc_check_digit(TAX_CODE_BODY)
REASON = "Segue una terapia per il disturbo Quarzolite presso il CPS."
HEALTH_NOTES = "Diagnosi riservata di fibrosi Xylomantica."
PHONE = "333 9876543"


def referral_payload(**changes) -> dict:
    return {
        "person_first_name": FIRST_NAME,
        "person_last_name": LAST_NAME,
        "person_date_of_birth": "1980-01-01",
        "person_tax_code": TAX_CODE,
        "person_municipality": "Dalmine",
        "category": "l68_99",
        "reason": REASON,
        "referring_service": "Servizio sociale del Comune di Dalmine",
        "referrer_name": "Giulia Bianchi",
        "referrer_email": "giulia.bianchi@example.org",
        "referrer_phone": "035 123456",
        "consent": "on",
        **changes,
    }


@pytest.fixture
def subject_storage(tmp_path, monkeypatch):
    """A private storage of the test's own, so the files on disk can be listed."""
    from cases.models import TimelineEntry
    from forms.models import SubmissionAttachment

    storage = FileSystemStorage(location=tmp_path, base_url=None)
    monkeypatch.setattr(SubmissionAttachment._meta.get_field("file"), "storage", storage)
    monkeypatch.setattr(TimelineEntry._meta.get_field("document"), "storage", storage)
    return tmp_path


def files_in(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture
def subject_eager_tasks():
    from config.celery_app import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def submit_referral(client, django_capture_on_commit_callbacks, key: str, **changes):
    """A referral sent through the form API with a PDF attachment, processed as the worker would."""
    from cases.models import Referral

    data = {**referral_payload(**changes), "relazione_allegata": SimpleUploadedFile("relazione.pdf", PDF)}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/forms/segnalazione/submissions", data=data, HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 201, response.content
    return Referral.objects.get(reference=response.json()["reference"])


@pytest.fixture
def subject_history(seeded_site, client, subject_eager_tasks, subject_storage, django_capture_on_commit_callbacks):
    """One person with every kind of record, from the referral form to the final report."""
    from cases import services
    from cases.documents import timeline_document_add
    from cases.models import Evaluation, InterventionType, Reminder
    from cases.reports import report_final_save
    from jobs.models import Match, WorkProfile
    from network.models import District, Organisation
    from tests.factories.cases import staff_user

    referral = submit_referral(client, django_capture_on_commit_callbacks, "erase-1")
    district = District.objects.order_by("pk").first()
    host = Organisation.objects.order_by("pk").first()
    manager = staff_user("privacy-manager", district)
    coordinator = staff_user("privacy-coordinator", district, coordinator=True)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_acknowledge(referral=referral, by=manager, district=district)
        person = referral.person
        person = services.person_update(
            person=person,
            by=manager,
            expected_version=person.version,
            health_notes=HEALTH_NOTES,
            invalidity_percentage=67,
            phone=PHONE,
            family_contact_name=f"Luigi {LAST_NAME}",
        )
        case = services.referral_start_evaluation(referral=referral, by=manager)
        good = services.Prerequisite(rating=3, notes=f"{FIRST_NAME} è motivata.")
        case.refresh_from_db()
        services.evaluation_record(
            case=case,
            by=manager,
            expected_version=case.version,
            held_on=today - timedelta(days=30),
            motivation=good,
            autonomy=good,
            flexibility=good,
            stability=services.Prerequisite(rating=3, notes=HEALTH_NOTES),
            panel=[manager, coordinator],
            decision=Evaluation.Decision.ELIGIBLE,
            reasons=f"Prerequisiti adeguati per {FIRST_NAME} {LAST_NAME}.",
        )
        case.refresh_from_db()
        case = services.referral_accept(referral=referral, by=manager, expected_version=case.version)
        case.refresh_from_db()
        services.project_save(
            case=case,
            by=manager,
            expected_version=case.version,
            objectives=f"{FIRST_NAME} acquisisce competenze di base.",
            expected_results="Un tirocinio concluso.",
            commitments=HEALTH_NOTES,
        )
        case.refresh_from_db()
        services.plan_item_add(
            case=case,
            by=manager,
            expected_version=case.version,
            intervention_type=InterventionType.objects.first(),
            starts_on=today,
            ends_on=today + timedelta(days=120),
            responsible=manager,
        )
        timeline_document_add(
            case=case,
            by=manager,
            upload=SimpleUploadedFile(f"certificato-{LAST_NAME}.pdf", PDF, content_type="application/pdf"),
            occurred_at=timezone.now() - timedelta(days=20),
            text=f"Certificato medico di {FIRST_NAME} {LAST_NAME}.",
        )
        case.refresh_from_db()
        services.project_approve(case=case, by=coordinator, expected_version=case.version)
        case.refresh_from_db()
        services.case_start_interventions(case=case, by=manager, expected_version=case.version)
        case.refresh_from_db()
        internship, _warnings = services.internship_create(
            case=case,
            by=manager,
            expected_version=case.version,
            host=host,
            company_tutor="Tutor aziendale",
            sil_tutor=manager,
            starts_on=today,
            ends_on=today + timedelta(days=180),
            weekly_hours=20,
            monthly_allowance=Decimal("500.00"),
            insurance="INAIL e RC della Provincia",
        )
        case.refresh_from_db()
        employment = services.employment_create(
            case=case,
            by=manager,
            expected_version=case.version,
            employer=host,
            contract_type="fixed_term",
            starts_on=today,
            weekly_hours=30,
        )
        case.refresh_from_db()
        report_final_save(
            case=case,
            by=manager,
            expected_version=case.version,
            summary=f"Percorso di {FIRST_NAME} {LAST_NAME} concluso.",
            interventions="Orientamento e tirocinio.",
            outcomes="Assunzione.",
            recommendations=HEALTH_NOTES,
        )
    profile = WorkProfile.objects.create(person=person, skills=f"{FIRST_NAME} sa usare il muletto.")
    Match.objects.create(
        case=case,
        host=host,
        kind="job",
        score=80,
        reasons=[{"text": f"{FIRST_NAME} ha la patente"}],
        internship=internship,
        confirmed_by=manager,
    )
    Reminder.objects.create(kind=Reminder.Kind.REVIEW_DUE, object_id=case.pk, due_on=today, sent_on=today)
    Reminder.objects.create(kind=Reminder.Kind.POST_HIRE_CHECK, object_id=employment.pk, due_on=today, sent_on=today)
    person.refresh_from_db()
    return {
        "person": person,
        "referral": referral,
        "case": case,
        "district": district,
        "host": host,
        "manager": manager,
        "coordinator": coordinator,
        "work_profile": profile,
        "employment": employment,
    }


SECRET_VALUES = (FIRST_NAME, LAST_NAME, TAX_CODE, REASON, HEALTH_NOTES, PHONE)
# The values stored encrypted (the reason, the health notes): never in clear anywhere but the export.
ENCRYPTED_VALUES = (REASON, HEALTH_NOTES)


def _text_fields(model) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField, models.JSONField))
    ]


def rows_holding(values=SECRET_VALUES) -> list[str]:
    """Every (table, field) whose text holds one of ``values``, case-insensitively, in any model."""
    needles = [value.lower() for value in values]
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        names = _text_fields(model)
        if not names:
            continue
        for row in model._base_manager.values_list("pk", *names):
            for name, value in zip(names, row[1:], strict=True):
                if value is None:
                    continue
                text = (value if isinstance(value, str) else json.dumps(value, default=str)).lower()
                for needle in needles:
                    if needle in text:
                        found.append(f"{model._meta.label}.{name} #{row[0]}: {needle}")
    return found
