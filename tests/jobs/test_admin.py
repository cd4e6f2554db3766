"""Staff find offers flagged for review in the admin."""

import pytest
from django.utils import timezone

from forms.models import FormSubmission
from jobs.models import JobOffer
from tests.factories.auth import login_staff

pytestmark = pytest.mark.django_db


def test_flagged_offers_are_listed_for_staff(client, django_user_model, offer_page):
    submission = FormSubmission.objects.create(
        page=offer_page, kind="offer", form_data={}, token="t", reference="SIL-TEST0001", status_key="k"
    )
    JobOffer.objects.create(
        reference="SIL-TEST0001",
        submission=submission,
        needs_review=True,
        kind="job",
        company_name="Officine Esempio srl",
        vat_number="00743110157",
        contact_name="Anna Verdi",
        contact_email="anna@example.org",
        role="Magazziniere",
        place_of_work="Bergamo (BG)",
        weekly_hours=30,
        contract_type="fixed_term",
        received_at=timezone.now(),
    )
    login_staff(client, django_user_model.objects.create_superuser("boss", password="x" * 12))
    response = client.get("/admin/job_offers/?needs_review=true")
    assert response.status_code == 200
    assert "Officine Esempio srl" in response.content.decode()
