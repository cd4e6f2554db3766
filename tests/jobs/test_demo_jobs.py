"""The demo job development: offers in every state, contacts over 18 months by several
promoters, flagged duplicates, and nothing created twice."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count, Min
from django.utils import timezone

from jobs import selectors
from jobs.demo import seed_jobs
from jobs.models import EmployerContact, JobOffer

pytestmark = pytest.mark.django_db


def test_demo_has_realistic_job_development_data(seeded_site):
    statuses = dict(JobOffer.objects.values_list("status").annotate(n=Count("pk")))
    assert set(statuses) == set(JobOffer.Status.values)
    assert sum(statuses.values()) >= 300
    assert set(JobOffer.objects.values_list("kind", flat=True)) == set(JobOffer.Kind.values)
    assert not JobOffer.objects.filter(status=JobOffer.Status.FILLED, filled_at__isnull=True).exists()
    assert not JobOffer.objects.filter(status=JobOffer.Status.CLOSED, status_reason="").exists()
    assert selectors.with_duplicate_flag(JobOffer.objects.all()).filter(possible_duplicate=True).exists()

    contacts = EmployerContact.objects.all()
    assert contacts.count() >= 2000
    assert contacts.values("promoter").distinct().count() >= 4
    oldest = contacts.aggregate(oldest=Min("occurred_on"))["oldest"]
    assert oldest <= timezone.localdate() - timedelta(days=500)
    assert not contacts.filter(occurred_on__gt=timezone.localdate()).exists()
    # Every promoter signs contacts of their own districts only.
    for contact in contacts.select_related("promoter__cases_profile").prefetch_related(
        "organisation__districts", "promoter__cases_profile__districts"
    )[:300]:
        theirs = {d.pk for d in contact.promoter.cases_profile.districts.all()}
        organisation_districts = {d.pk for d in contact.organisation.districts.all()}
        assert not organisation_districts or organisation_districts & theirs or not theirs

    assert seed_jobs().created == []
    call_command("seed_demo", stdout=io.StringIO())
    assert JobOffer.objects.count() == sum(statuses.values())
