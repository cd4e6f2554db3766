"""Demo job development, one of ``seed_demo``'s seeders: company promoters for each demo
district, a few hundred offers in every state and a couple of thousand employer contacts
spread over the last 18 months, so that the offers listing, the contact log and the
outcome dashboard show realistic figures.

Fast (everything is bulk-created) and idempotent: nothing is created when the demo offers
exist. It needs the demo network (``network.demo.seed_network``) to run first. Contacts
carry notes about companies only, never about people.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from cases.models import Role, StaffProfile
from cases.selectors import ROLE_GROUPS
from content.demo import SeedReport
from jobs.models import Education, EmployerContact, JobOffer, Schedule
from network.models import District, Location, Organisation, OrganisationKind

PREFIX = "DEMO-OFF-"
SEED = 6811
OFFERS = 320
CONTACTS = 2200
HISTORY_DAYS = 548  # 18 months

# Two promoters in the largest district, one elsewhere: "several promoters" for the
# dashboard's contacts per promoter per week.
PROMOTERS = [
    ("promotore.dalmine", "Giorgio", "Carminati", "dalmine"),
    ("promotore.dalmine2", "Federica", "Pesenti", "dalmine"),
    ("promotore.bergamo", "Stefano", "Gamba", "bergamo"),
    ("promotore.seriate", "Laura", "Bonomi", "seriate"),
    ("promotore.grumello", "Matteo", "Belotti", "grumello-del-monte"),
]

ROLES_BY_SECTOR = {
    "C": ["Operaio di produzione", "Addetto al montaggio", "Magazziniere", "Addetto al controllo qualità", "Saldatore"],
    "G": ["Addetto alle vendite", "Cassiere", "Addetto al rifornimento scaffali", "Magazziniere"],
    "I": ["Aiuto cuoco", "Cameriere di sala", "Addetto al lavaggio stoviglie", "Addetto alla colazione"],
    "N": ["Addetto alle pulizie", "Custode", "Addetto al verde", "Operatore di logistica"],
    "Q": ["Ausiliario socio-assistenziale", "Addetto alla lavanderia", "Operatore di accoglienza"],
    "H": ["Autista consegne", "Operatore di logistica", "Addetto al carico e scarico"],
    "F": ["Manovale edile", "Aiuto imbianchino", "Addetto alla manutenzione"],
}
GENERIC_ROLES = ["Impiegato d'ufficio", "Addetto alla segreteria", "Operatore generico", "Addetto all'archivio"]
CONTRACTS = ["fixed_term", "permanent", "apprenticeship", "other"]
CLOSE_REASONS = [
    "L'azienda ha ritirato l'offerta.",
    "Posizione coperta tramite altri canali.",
    "Nessun profilo adatto tra le persone seguite.",
    "Offerta doppia: già registrata con un altro codice.",
    "L'azienda ha rinviato l'assunzione al prossimo anno.",
]
CONTACT_NOTES = {
    EmployerContact.Outcome.OFFER: ["Presentata una nuova disponibilità.", "Chiesto di inviare profili entro il mese."],
    EmployerContact.Outcome.INTERESTED: [
        "Interessati a conoscere il servizio; da ricontattare.",
        "Valutano un tirocinio nel reparto logistica.",
        "Chiedono informazioni sulla convenzione art. 11.",
    ],
    EmployerContact.Outcome.NOT_NOW: [
        "Nessuna assunzione prevista nei prossimi mesi.",
        "Periodo di cassa integrazione.",
    ],
    EmployerContact.Outcome.NO_ANSWER: ["", "Lasciato messaggio in segreteria."],
    EmployerContact.Outcome.OTHER: ["Aggiornati i dati di contatto dell'azienda.", ""],
}
NEXT_STEPS = ["Inviare due profili", "Visita in azienda", "Richiamare il responsabile", "Inviare la brochure"]


def _promoters(report: SeedReport) -> dict[str, list]:
    """The demo promoters by district slug, created if missing (other seeders may have made them)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    # A flushed test database loses the groups' permissions: put them back.
    for label in ("wagtailadmin", "cases", "jobs", "network"):
        create_permissions(apps.get_app_config(label), verbosity=0)
    import_module("jobs.migrations.0003_offers_workflow").grant_job_permissions(apps)

    group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[Role.COMPANY_PROMOTER])
    password = (settings.DEMO_STAFF_LOGIN or {}).get("password")
    districts = {district.slug: district for district in District.objects.all()}
    by_district: dict[str, list] = {}
    for username, first_name, last_name, slug in PROMOTERS:
        district = districts.get(slug)
        if district is None:
            continue
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "first_name": first_name, "last_name": last_name}
        )
        if created:
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            report.add(f"user {username}")
        user.groups.add(group)
        profile, _created = StaffProfile.objects.get_or_create(user=user)
        profile.districts.add(district)
        by_district.setdefault(slug, []).append(user)
    return by_district


def _aware(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59)))


def _status_for(age_days: int, rng: random.Random) -> str:
    """Older offers are mostly finished; recent ones mostly new or open."""
    if age_days < 20:
        weights = [50, 45, 3, 2]
    elif age_days < 90:
        weights = [8, 52, 25, 15]
    else:
        weights = [1, 9, 55, 35]
    return rng.choices(JobOffer.Status.values, weights=weights)[0]


@transaction.atomic
def seed_jobs() -> SeedReport:
    """Create the demo promoters, offers and employer contacts when missing."""
    report = SeedReport()
    if JobOffer.objects.filter(reference__startswith=PREFIX).exists():
        return report
    employers = list(
        Organisation.objects.filter(
            kind__in=[OrganisationKind.COMPANY, OrganisationKind.COOPERATIVE_B, OrganisationKind.COOPERATIVE_A]
        )
        .select_related("sector")
        .prefetch_related("districts")
        .order_by("pk")
    )
    if not employers:
        return report
    promoters = _promoters(report)
    all_promoters = [user for users in promoters.values() for user in users]
    if not all_promoters:
        return report
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    places = {
        location.organisation_id: location
        for location in Location.objects.filter(organisation__in=employers).order_by("-sort_order", "-pk")
    }

    def district_of(organisation):
        districts = list(organisation.districts.all())
        return districts[0] if districts else None

    def promoter_for(organisation):
        district = district_of(organisation)
        users = promoters.get(district.slug) if district else None
        return rng.choice(users or all_promoters)

    # Some employers get offers, more of them get contacts; about a fifth are never called.
    offering = rng.sample(employers, k=min(len(employers), 140))
    offers: list[JobOffer] = []
    for number in range(1, OFFERS + 1):
        organisation = rng.choice(offering)
        location = places.get(organisation.pk)
        age = int(rng.triangular(0, HISTORY_DAYS, 60))
        received = _aware(today - timedelta(days=age), rng)
        status = _status_for(age, rng)
        sector = organisation.sector.code if organisation.sector else ""
        role = rng.choice(ROLES_BY_SECTOR.get(sector, GENERIC_ROLES))
        changed = received + timedelta(days=rng.randint(1, max(1, min(age, 60)))) if status != "new" else None
        positions = rng.choices([1, 2, 3], weights=[80, 15, 5])[0]
        linked = rng.random() > 0.04  # a few offers from companies not yet in the network
        kind = JobOffer.Kind.INTERNSHIP if rng.random() < 0.3 else JobOffer.Kind.JOB
        offers.append(
            JobOffer(
                reference=f"{PREFIX}{number:05d}",
                organisation=organisation if linked else None,
                needs_review=not linked,
                status=status,
                status_reason=rng.choice(CLOSE_REASONS) if status == JobOffer.Status.CLOSED else "",
                status_changed_at=changed,
                filled_at=changed if status == JobOffer.Status.FILLED else None,
                # A few offers whose district nobody could tell: staff must take them in.
                district=district_of(organisation) if rng.random() > 0.03 else None,
                kind=kind,
                company_name=organisation.name,
                vat_number=organisation.vat_number or "",
                contact_name="Ufficio personale",
                contact_email=f"personale{number}@example.org",
                role=role,
                place_of_work=f"{location.municipality} ({location.province})" if location else "Bergamo (BG)",
                place_of_work_code=location.municipality_code if location else "016024",
                weekly_hours=rng.choice([15, 20, 24, 25, 30, 36, 38, 40]),
                schedule=rng.sample(Schedule.values[:3], k=rng.randint(1, 2))
                + (["weekend"] if rng.random() < 0.1 else []),
                positions=positions,
                positions_filled=positions if status == JobOffer.Status.FILLED else 0,
                requires_driving_licence=rng.random() < 0.25,
                min_education=rng.choice([None, None, Education.LOWER_SECONDARY, Education.VOCATIONAL]),
                contract_type="internship" if kind == JobOffer.Kind.INTERNSHIP else rng.choice(CONTRACTS),
                requirements=rng.choice(
                    ["", "Disponibilità ai turni.", "Patente B gradita.", "Esperienza non richiesta."]
                ),
                counts_towards_quota=organisation.l68_quota > 0 and rng.random() < 0.5,
                received_at=received,
                created_by=promoter_for(organisation) if rng.random() < 0.4 else None,
            )
        )
    # A handful of repeated offers (same company and role, a few days apart): the listing flags them.
    active = [offer for offer in offers if offer.status in (JobOffer.Status.NEW, JobOffer.Status.OPEN)]
    for number, original in enumerate(rng.sample(active, k=min(6, len(active))), start=OFFERS + 1):
        twin = JobOffer(
            **{f.attname: getattr(original, f.attname) for f in JobOffer._meta.concrete_fields if f.attname != "id"}
        )
        twin.reference = f"{PREFIX}{number:05d}"
        twin.status = JobOffer.Status.NEW
        twin.status_reason, twin.status_changed_at, twin.filled_at, twin.positions_filled = "", None, None, 0
        twin.received_at = original.received_at + timedelta(days=rng.randint(1, 10))
        offers.append(twin)
    JobOffer.objects.bulk_create(offers)
    report.add(f"{len(offers)} job offers")

    offers_by_organisation: dict[int, list[JobOffer]] = {}
    for offer in offers:
        if offer.organisation_id:
            offers_by_organisation.setdefault(offer.organisation_id, []).append(offer)
    contacted = [organisation for organisation in employers if rng.random() < 0.8]
    outcomes = EmployerContact.Outcome
    contacts: list[EmployerContact] = []
    # First, the contact that led to each linked offer, a few days before it arrived.
    for offer in offers:
        if offer.organisation is not None and rng.random() < 0.7:
            day = offer.received_at.date() - timedelta(days=rng.randint(0, 10))
            contacts.append(
                EmployerContact(
                    organisation=offer.organisation,
                    promoter=promoter_for(offer.organisation),
                    kind=rng.choice([EmployerContact.Kind.VISIT, EmployerContact.Kind.CALL]),
                    occurred_on=max(day, today - timedelta(days=HISTORY_DAYS)),
                    outcome=outcomes.OFFER,
                    notes=rng.choice(CONTACT_NOTES[outcomes.OFFER]),
                    offer=offer,
                )
            )
    while len(contacts) < CONTACTS:
        organisation = rng.choice(contacted)
        day = today - timedelta(days=int(rng.triangular(0, HISTORY_DAYS, 30)))
        outcome = rng.choices(
            [outcomes.INTERESTED, outcomes.NOT_NOW, outcomes.NO_ANSWER, outcomes.OTHER, outcomes.OFFER],
            weights=[35, 25, 20, 10, 10],
        )[0]
        next_step = rng.choice(NEXT_STEPS) if outcome in (outcomes.INTERESTED, outcomes.OFFER) else ""
        next_on = day + timedelta(days=rng.randint(7, 45)) if next_step else None
        contacts.append(
            EmployerContact(
                organisation=organisation,
                promoter=promoter_for(organisation),
                kind=rng.choices(EmployerContact.Kind.values, weights=[30, 45, 20, 5])[0],
                occurred_on=day,
                outcome=outcome,
                notes=rng.choice(CONTACT_NOTES[outcome]),
                next_step=next_step,
                next_step_on=next_on,
                offer=rng.choice(offers_by_organisation.get(organisation.pk, [None]))
                if outcome == outcomes.OFFER
                else None,
            )
        )
    EmployerContact.objects.bulk_create(contacts, batch_size=1000)
    report.add(f"{len(contacts)} employer contacts")
    return report
