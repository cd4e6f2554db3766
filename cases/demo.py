"""Demo case work, one of `seed_demo`'s seeders (also `manage.py seed_demo_cases`): staff
users for every role and a few dozen people at every stage, driven through the real
services so the demo obeys the same rules as staff.

Idempotent: nothing is created when the demo referrals exist. Names are invented; tax
codes are computed (valid check character) from invented data.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from stdnum.it import codicefiscale

from cases import services
from cases.models import (
    Case,
    Category,
    Evaluation,
    InterventionType,
    Referral,
    ReferralEvent,
    Role,
    StaffProfile,
)
from cases.reports import report_final_save
from cases.selectors import COORDINATORS_GROUP, ROLE_GROUPS
from content.demo import SeedReport
from network.models import District, Organisation

PREFIX = "SIL-DEMO"
FIRST_NAMES = [
    "Luca",
    "Sara",
    "Marco",
    "Elena",
    "Paolo",
    "Chiara",
    "Davide",
    "Marta",
    "Omar",
    "Ilaria",
    "Yusuf",
    "Giada",
]
LAST_NAMES = ["Brambilla", "Colombo", "Ferrari", "Galli", "Locatelli", "Pesenti", "Rota", "Sala", "Testa", "Zanchi"]
STAGES = ["received", "acknowledged", "evaluation", "project", "interventions", "monitoring", "closed"]
PER_STAGE = 5
# The demo referrals' referring worker: sign in with it at /segnalanti/ (the link goes to the
# console). Set after the seeding, so that the steps of the demo send no e-mails.
DEMO_REFERRER_EMAIL = "referente.demo@example.org"
DEMO_USERS = [
    ("demo-casemanager", Role.CASE_MANAGER, False),
    ("demo-psicologo", Role.PSYCHOLOGIST, False),
    ("demo-orientatore", Role.CAREER_COUNSELLOR, False),
    ("demo-educatore", Role.EDUCATOR, False),
    ("demo-promotore", Role.COMPANY_PROMOTER, False),
    ("demo-coordinatore", Role.CASE_MANAGER, True),
]


def _tax_code(rng: random.Random) -> str:
    letters = "".join(rng.choice("BCDFGLMNPRSTVZ") for _index in range(6))
    body = f"{letters}{rng.randint(60, 99):02d}{rng.choice('ABCDEHLMPRST')}{rng.randint(1, 28):02d}A794"
    return body + codicefiscale.calc_check_digit(body)


def _users(district: District, report: SeedReport) -> dict[str, object]:
    users = {}
    password = (settings.DEMO_STAFF_LOGIN or {}).get("password")
    for username, role, coordinator in DEMO_USERS:
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get_or_create(name=ROLE_GROUPS[role])[0])
            if coordinator:
                user.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
            report.add(f"user {username}")
        profile, _created = StaffProfile.objects.get_or_create(user=user)
        profile.districts.add(district)
        users[username] = user
    return users


def ensure_groups() -> None:
    """The role groups and intervention types of migration 0003, recreated if a flush removed them."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for label in ("wagtailadmin", "cases"):
        create_permissions(apps.get_app_config(label), verbosity=0)
    migration = import_module("cases.migrations.0003_groups_and_intervention_types")
    migration.groups_and_intervention_types(apps)


def _advance(case: Case) -> Case:
    case.refresh_from_db()
    return case


@transaction.atomic
def seed_cases() -> SeedReport:
    report = SeedReport()
    district = District.objects.order_by("pk").first()
    host = Organisation.objects.order_by("pk").first()
    if district is None or host is None or Referral.objects.filter(reference__startswith=PREFIX).exists():
        return report
    ensure_groups()
    users = _users(district, report)
    manager, coordinator = users["demo-casemanager"], users["demo-coordinatore"]
    rng = random.Random(68)  # noqa: S311 - demo data, not security
    kind = InterventionType.objects.filter(name_en="Internship").first() or InterventionType.objects.first()
    today = timezone.localdate()
    number = 0
    for stage in STAGES:
        for _index in range(PER_STAGE):
            number += 1
            referral = Referral.objects.create(
                reference=f"{PREFIX}{number:03d}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                date_of_birth=date(rng.randint(1965, 2004), rng.randint(1, 12), rng.randint(1, 28)),
                tax_code=_tax_code(rng),
                municipality="Dalmine (BG)",
                category=rng.choice(Category.values),
                referring_service=rng.choice(["CPS di Dalmine", "Servizio sociale comunale", "SerD di Bergamo"]),
                referrer_name="Operatore di esempio",
                referrer_email="",  # no e-mails from the demo
                reason="Segnalazione di esempio per la demo.",
                received_at=timezone.now() - timedelta(days=rng.randint(1, 12)),
            )
            report.add(f"referral {referral.reference}")
            # As the form intake does: the first step the referring worker sees.
            received = ReferralEvent.objects.create(referral=referral, step="received")
            ReferralEvent.objects.filter(pk=received.pk).update(at=referral.received_at)
            if stage == "received":
                continue
            services.referral_acknowledge(referral=referral, by=manager, district=district)
            if stage == "acknowledged":
                continue
            case = services.referral_start_evaluation(referral=referral, by=manager)
            if stage == "evaluation":
                continue
            good = services.Prerequisite(rating=3, notes="")
            services.evaluation_record(
                case=case,
                by=manager,
                expected_version=case.version,
                held_on=today - timedelta(days=30),
                motivation=good,
                autonomy=good,
                flexibility=good,
                stability=good,
                panel=[manager, users["demo-psicologo"]],
                decision=Evaluation.Decision.ELIGIBLE,
                reasons="Prerequisiti adeguati per un percorso di inserimento.",
            )
            case = services.referral_accept(referral=referral, by=manager, expected_version=_advance(case).version)
            services.case_add_member(
                case=case,
                by=manager,
                user=users["demo-educatore"],
                role=Role.EDUCATOR,
                expected_version=_advance(case).version,
            )
            services.project_save(
                case=case,
                by=manager,
                expected_version=_advance(case).version,
                objectives="Acquisire competenze di base in un contesto produttivo.",
                expected_results="Un tirocinio concluso con esito positivo.",
            )
            services.plan_item_add(
                case=case,
                by=manager,
                expected_version=_advance(case).version,
                intervention_type=kind,
                starts_on=today,
                ends_on=today + timedelta(days=120),
                responsible=manager,
            )
            services.timeline_add(
                case=case,
                by=manager,
                kind="meeting",
                occurred_at=timezone.now() - timedelta(days=20),
                text="Colloquio di conoscenza.",
            )
            if stage == "project":
                continue
            services.project_approve(case=case, by=coordinator, expected_version=_advance(case).version)
            services.case_start_interventions(case=case, by=manager, expected_version=_advance(case).version)
            services.internship_create(
                case=case,
                by=manager,
                expected_version=_advance(case).version,
                host=host,
                company_tutor="Tutor aziendale",
                sil_tutor=users["demo-educatore"],
                starts_on=today,
                ends_on=today + timedelta(days=180),
                weekly_hours=20,
                monthly_allowance=Decimal("500.00"),
                insurance="INAIL e RC della Provincia",
            )
            if stage == "interventions":
                continue
            services.employment_create(
                case=case,
                by=manager,
                expected_version=_advance(case).version,
                employer=host,
                contract_type="fixed_term",
                starts_on=today,
                weekly_hours=30,
            )
            if stage == "monitoring":
                continue
            # A path that was carried out closes with its final report (cases.reports).
            report_final_save(
                case=case,
                by=manager,
                expected_version=_advance(case).version,
                summary="Percorso di inserimento concluso con l'assunzione.",
                interventions="Orientamento, tirocinio presso un'azienda della rete, monitoraggio post-assunzione.",
                outcomes="Assunzione a tempo determinato; buona autonomia sul posto di lavoro.",
                recommendations="Proseguire i contatti periodici con il servizio inviante.",
            )
            services.case_close(
                case=case,
                by=manager,
                expected_version=_advance(case).version,
                outcome=Case.Outcome.EMPLOYED,
                reason="Assunzione stabile dopo il monitoraggio.",
            )
    Referral.objects.filter(reference__startswith=PREFIX).update(referrer_email=DEMO_REFERRER_EMAIL)
    return report
