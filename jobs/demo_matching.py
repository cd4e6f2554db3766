"""Demo work profiles, one of ``seed_demo``'s seeders: the people of the demo cases get what
they look for (sectors, distance, hours, parts of the week, licence, education), so that the
matching has something to rank in the demo.

Idempotent: only demo people (their referral's reference starts with the demo prefix) without
a profile get one. It runs after the cases and the offers seeders.
"""

from __future__ import annotations

import random

from django.db import transaction

from cases.demo import PREFIX
from cases.models import Person
from content.demo import SeedReport
from jobs.models import Education, Schedule, WorkProfile
from network.models import SECTORS_TAXONOMY, TaxonomyTerm

SEED = 2026
# Sections the demo offers and organisations mostly are in (manufacturing, trade, transport,
# food service, support services).
LIKELY_SECTORS = ["C", "G", "H", "I", "N"]


@transaction.atomic
def seed_work_profiles() -> SeedReport:
    report = SeedReport()
    people = list(
        Person.objects.filter(referrals__reference__startswith=PREFIX, work_profile__isnull=True)
        .distinct()
        .order_by("pk")
    )
    sectors = list(TaxonomyTerm.objects.filter(taxonomy__key=SECTORS_TAXONOMY, code__in=LIKELY_SECTORS))
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    for person in people:
        profile = WorkProfile.objects.create(
            person=person,
            wants_job=rng.random() < 0.8,
            wants_internship=True,
            max_distance_km=rng.choice([10, 15, 25, 40]),
            min_weekly_hours=rng.choice([0, 15, 20]),
            max_weekly_hours=rng.choice([25, 30, 40]),
            schedule=rng.sample([Schedule.MORNING, Schedule.AFTERNOON, Schedule.EVENING], rng.randint(1, 3)),
            has_driving_licence=rng.random() < 0.5,
            education=rng.choice(Education.values),
            skills="Esperienza di magazzino e di pulizie; buona manualità.",
        )
        if sectors:
            profile.preferred_sectors.set(rng.sample(sectors, rng.randint(1, min(2, len(sectors)))))
        report.add(f"work profile {profile}")
    return report
