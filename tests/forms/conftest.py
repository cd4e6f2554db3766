"""Fixtures of the form server tests: the demo forms and a valid referral."""

import pytest
from django.core.cache import cache

from config.celery_app import app as celery_app

VALID_REFERRAL = {
    "person_first_name": "Mario",
    "person_last_name": "Rossi",
    "person_date_of_birth": "1985-12-10",
    "person_tax_code": "RSSMRA85T10A562S",
    "person_municipality": "Dalmine",
    "category": "l68_99",
    "reason": "Cerca un primo inserimento dopo un lungo periodo senza lavoro.",
    "referring_service": "Servizio sociale del Comune di Dalmine",
    "referrer_name": "Giulia Bianchi",
    "referrer_email": "giulia.bianchi@example.org",
    "referrer_phone": "035 123456",
    "consent": True,
}

VALID_OFFER = {
    "company_name": "Officine Esempio srl",
    "vat_number": "00743110157",
    "contact_name": "Anna Verdi",
    "contact_email": "anna.verdi@example.org",
    "offer_kind": "job",
    "role": "Magazziniere",
    "place_of_work": "Bergamo",
    "weekly_hours": 30,
    "contract_type": "fixed_term",
    "requirements": "Patente B.",
    "counts_towards_quota": True,
    "consent": True,
}


@pytest.fixture(autouse=True)
def _forms_settings(settings):
    settings.SIL_FORMS_MIN_FILL_SECONDS = 0
    settings.SIL_FORMS_RATE_LIMIT = 1000
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def eager_tasks():
    """Run Celery tasks in the calling thread, as the worker would, with retries."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def referral_page(seeded_site):
    from forms.models import ReferralFormPage

    return ReferralFormPage.objects.get(locale__language_code="it")


@pytest.fixture
def offer_page(seeded_site):
    from forms.models import OfferFormPage

    return OfferFormPage.objects.get(locale__language_code="it")
