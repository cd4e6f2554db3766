"""The offer form takes a VAT number as printed on an invoice and stores the 11 digits."""

import json

import pytest

from forms.models import FormSubmission
from forms.tasks import process_submission
from jobs.models import JobOffer
from tests.factories.network import OrganisationFactory
from tests.forms.conftest import VALID_OFFER

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["IT 00743110157", "IT00743110157", "it 007 4311 0157"])
def test_a_prefixed_vat_number_is_stored_as_eleven_digits_and_linked(client, offer_page, eager_tasks, typed):
    organisation = OrganisationFactory(vat_number="00743110157")
    response = client.post(
        "/api/forms/offri-lavoro-o-tirocinio/submissions",
        data=json.dumps({**VALID_OFFER, "vat_number": typed}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    submission = FormSubmission.objects.get()
    assert submission.form_data["vat_number"] == "00743110157"
    process_submission.delay(submission.pk)
    offer = JobOffer.objects.get(submission=submission)
    assert offer.vat_number == "00743110157"
    assert offer.organisation == organisation
