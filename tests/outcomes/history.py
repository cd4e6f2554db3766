"""A known history of one year (2025) in two districts, for the outcome dashboard tests.

The dashboard is looked at on ``TODAY`` (15 March 2026). Every figure the tests expect is
worked out by hand in the comments next to the records that make it.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from cases.demo import ensure_groups
from cases.models import Case, Category, Employment, Internship, Person, Referral, TimelineEntry
from jobs.models import EmployerContact, JobOffer, Match
from tests.factories.cases import staff_user
from tests.factories.network import DistrictFactory, OrganisationFactory

TODAY = date(2026, 3, 15)
YEAR_FROM, YEAR_TO = date(2025, 1, 1), date(2025, 12, 31)


def at(day: str, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(date.fromisoformat(day), datetime.min.time()).replace(hour=hour))


@dataclass
class History:
    dalmine: object
    seriate: object
    coordinator: object  # Dalmine only
    superuser: object


class _Builder:
    def __init__(self, author):
        self.author = author
        self.serial = 0
        self.host = OrganisationFactory()

    def referral(self, day: str, district, *, status=Referral.Status.RECEIVED, category=Category.GENERIC, ack=True):
        self.serial += 1
        received = at(day)
        answered = status != Referral.Status.RECEIVED or ack
        return Referral.objects.create(
            reference=f"SIL-H{self.serial:05d}",
            first_name="Nome",
            last_name=f"Cognome{self.serial}",
            date_of_birth=date(1980, 1, 1),
            tax_code=f"TSTXXX80A01A{self.serial:03d}X",
            municipality="Dalmine (BG)",
            category=category,
            referring_service="CPS",
            referrer_name="Operatrice",
            referrer_email="inviante@example.org",
            reason="Motivo.",
            received_at=received,
            district=district,
            status=status,
            acknowledged_at=received if answered else None,
            decided_at=received if status in (Referral.Status.ACCEPTED, Referral.Status.NOT_ELIGIBLE) else None,
        )

    def case(self, district, referral=None, category=Category.GENERIC):
        self.serial += 1
        person = Person.objects.create(
            first_name="Nome",
            last_name=f"Persona{self.serial}",
            tax_code="TSTXXX80A01A000X",
            date_of_birth=date(1980, 1, 1),
            district=district,
            category=category,
        )
        return Case.objects.create(person=person, district=district, referral=referral)

    def contact(self, case, kind, day: str, hour: int = 11):
        TimelineEntry.objects.create(case=case, kind=kind, occurred_at=at(day, hour), text="…", author=self.author)

    def internship(self, case, starts: str, ends: str):
        Internship.objects.create(
            case=case,
            host=self.host,
            company_tutor="Tutor",
            sil_tutor=self.author,
            starts_on=date.fromisoformat(starts),
            ends_on=date.fromisoformat(ends),
            weekly_hours=20,
            monthly_allowance=Decimal("500.00"),
            insurance="INAIL",
        )

    def job(self, case, starts: str, ends: str | None = None):
        Employment.objects.create(
            case=case,
            employer=self.host,
            contract_type=Employment.Contract.FIXED_TERM,
            starts_on=date.fromisoformat(starts),
            ends_on=date.fromisoformat(ends) if ends else None,
            weekly_hours=30,
        )

    def match(self, case, day: str):
        Match.objects.create(
            case=case,
            host=self.host,
            kind=JobOffer.Kind.JOB,
            score=80,
            confirmed_by=self.author,
            confirmed_at=at(day),
        )

    def offer(self, district, received: str, filled: str | None = None):
        self.serial += 1
        JobOffer.objects.create(
            reference=f"OFF-H{self.serial:05d}",
            district=district,
            kind=JobOffer.Kind.JOB,
            company_name="Azienda",
            vat_number="00000000000",
            contact_name="Referente",
            contact_email="hr@example.org",
            role="Magazziniere",
            place_of_work="Dalmine",
            weekly_hours=30,
            contract_type="fixed_term",
            received_at=at(received),
            status=JobOffer.Status.FILLED if filled else JobOffer.Status.OPEN,
            filled_at=at(filled) if filled else None,
        )


def build_history(django_user_model) -> History:
    # A browser test may follow a flush of the tables: the role groups of the migrations are
    # made again if missing, as the demo seeder does.
    ensure_groups()
    dalmine = DistrictFactory(name="Ambito di Dalmine", slug="dalmine")
    seriate = DistrictFactory(name="Ambito di Seriate", slug="seriate")
    coordinator = staff_user("coordinatrice", dalmine, coordinator=True)
    superuser = django_user_model.objects.create_superuser(username="admin", password="pw-test-2026")
    b = _Builder(coordinator)
    status, kind = Referral.Status, TimelineEntry.Kind

    # Dalmine, referrals received in 2025: R1 R2 R3 R5 R8 R10 = 6; answered: all but R10 = 5;
    # accepted R1 R2 R8 = 3. Generic 5, L. 68/99 1 (R2).
    r1 = b.referral("2025-02-03", dalmine, status=status.ACCEPTED)
    c1 = b.case(dalmine, r1)
    b.contact(c1, kind.NOTE, "2025-02-04")  # a note is not a contact with the person
    b.contact(c1, kind.CALL, "2025-02-10")  # first contact: 7 days
    b.contact(c1, kind.VISIT, "2025-02-20")
    b.internship(c1, "2025-03-03", "2025-06-30")  # first employer: 28 days; started and completed
    b.job(c1, "2025-07-01")  # 3 and 6 months: kept; 12 months: not old enough

    r2 = b.referral("2025-05-05", dalmine, status=status.ACCEPTED, category=Category.DISABILITY_68_99)
    c2 = b.case(dalmine, r2, category=Category.DISABILITY_68_99)
    b.contact(c2, kind.MEETING, "2025-05-08")  # 3 days
    b.internship(c2, "2025-05-20", "2025-08-20")  # first employer: 15 days (before the job)
    b.job(c2, "2025-06-01", "2025-10-15")  # 3 months: kept; 6 months: ended before
    b.job(c2, "2025-12-20")  # same person again; 3 months not reached by TODAY

    r3 = b.referral("2025-09-01", dalmine, status=status.IN_EVALUATION)
    c3 = b.case(dalmine, r3)
    b.contact(c3, kind.VISIT, "2025-09-11")  # 10 days
    b.match(c3, "2025-09-21")  # first employer: 20 days, the match confirmed before the job
    b.job(c3, "2025-11-01", "2026-01-15")  # 3 months: ended before

    b.referral("2025-11-10", dalmine, status=status.NOT_ELIGIBLE)  # R5: answered, no case

    r8 = b.referral("2025-12-01", dalmine, status=status.ACCEPTED)
    c8 = b.case(dalmine, r8)
    b.contact(c8, kind.VISIT, "2025-11-20")  # before the referral: not its first contact
    b.contact(c8, kind.CALL, "2025-12-03")  # 2 days
    b.match(c8, "2025-11-25")  # before the referral: another path, not its first employer contact

    b.referral("2025-12-28", dalmine, ack=False)  # R10: not answered yet

    # Outside the period: the referral, not the hire of its case (12 months: kept).
    r6 = b.referral("2024-12-30", dalmine, status=status.ACCEPTED)
    c6 = b.case(dalmine, r6)
    b.job(c6, "2025-01-10")

    # A case typed in without a referral: one internship completed in 2025, one started.
    c9 = b.case(dalmine)
    b.internship(c9, "2024-10-01", "2025-01-31")
    b.internship(c9, "2025-12-01", "2026-05-31")

    # Not assigned to a district yet: counted only by those who see every district.
    b.referral("2025-10-01", None, ack=False)

    # Seriate: never counted for the Dalmine coordinator.
    r7 = b.referral("2025-03-01", seriate, status=status.ACCEPTED)
    c7 = b.case(seriate, r7)
    b.contact(c7, kind.CALL, "2025-03-02")
    b.internship(c7, "2025-04-01", "2025-05-01")
    b.job(c7, "2025-02-01")  # before its referral: not a first employer contact, still a hire of 2025

    # Offers. Dalmine: received 2 (O1, O2), filled 2 (O1, O3).
    b.offer(dalmine, "2025-02-01", "2025-03-01")
    b.offer(dalmine, "2025-04-01")
    b.offer(dalmine, "2024-11-01", "2025-01-15")
    b.offer(dalmine, "2026-01-05")
    b.offer(seriate, "2025-05-01", "2025-06-01")
    b.offer(None, "2025-06-01")

    # Employer contacts: Dalmine 4 (Anna 3, Bruno 1); every district 6 (Anna 4, Bruno 2).
    anna = staff_user("anna", dalmine)
    anna.first_name, anna.last_name = "Anna", "Bianchi"
    anna.save()
    bruno = staff_user("bruno", dalmine)
    in_dalmine, in_seriate, in_both = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    in_dalmine.districts.set([dalmine])
    in_seriate.districts.set([seriate])
    in_both.districts.set([dalmine, seriate])
    for promoter, organisation, day in [
        (anna, in_dalmine, "2024-12-31"),  # outside the period
        (anna, in_dalmine, "2025-01-10"),
        (anna, in_dalmine, "2025-03-01"),
        (anna, in_both, "2025-06-01"),
        (anna, in_seriate, "2025-07-01"),
        (bruno, in_dalmine, "2025-05-05"),
        (bruno, in_seriate, "2025-08-08"),
    ]:
        EmployerContact.objects.create(
            organisation=organisation,
            promoter=promoter,
            kind=EmployerContact.Kind.VISIT,
            occurred_on=date.fromisoformat(day),
            outcome=EmployerContact.Outcome.INTERESTED,
        )
    return History(dalmine=dalmine, seriate=seriate, coordinator=coordinator, superuser=superuser)
