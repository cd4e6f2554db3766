"""Hand-built places, organisations, offers and cases for the matching tests (and the browser test).

Positions come from the network's geocoded locations (see ``network.municipalities``), so each
municipality used here gets one location with real coordinates: Dalmine and Bergamo are about
8 km apart, Dalmine and Milano about 40 km.
"""

from __future__ import annotations

from itertools import count

from cases.models import Case
from jobs.models import Education, JobOffer, Schedule, WorkProfile
from tests.factories.cases import CaseFactory, PersonFactory
from tests.factories.network import LocationFactory, OrganisationFactory, role_term, sector_term

PLACES = {
    "Dalmine": ("016091", "BG", "24044", 45.6497, 9.6028),
    "Bergamo": ("016024", "BG", "24121", 45.6983, 9.6773),
    "Milano": ("015146", "MI", "20121", 45.4642, 9.1900),
}

_references = count(1)


def organisation(*, district, sector: str = "C", place: str = "Dalmine", hosts: bool = False, name: str = ""):
    """An organisation of ``district`` in ``sector`` (ATECO section) with a geocoded place."""
    code, province, postcode, lat, lon = PLACES[place]
    org = OrganisationFactory(sector=sector_term(sector), **({"name": name} if name else {}))
    org.districts.add(district)
    if hosts:
        org.roles.add(role_term("tirocini"))
    LocationFactory(
        organisation=org,
        municipality=place,
        municipality_code=code,
        province=province,
        postcode=postcode,
        latitude=lat,
        longitude=lon,
    )
    return org


def offer(*, district, org, place: str = "Dalmine", **fields) -> JobOffer:
    """An open job offer of ``org`` at ``place``: 25 hours in the mornings unless said otherwise."""
    values = {
        "reference": f"SIL-M{next(_references):07d}",
        "status": JobOffer.Status.OPEN,
        "district": district,
        "organisation": org,
        "kind": JobOffer.Kind.JOB,
        "company_name": org.name,
        "vat_number": org.vat_number,
        "contact_name": "Anna Verdi",
        "contact_email": "anna@example.org",
        "role": "Magazziniere",
        "place_of_work": f"{place} ({PLACES[place][1]})",
        "place_of_work_code": PLACES[place][0],
        "weekly_hours": 25,
        "schedule": [Schedule.MORNING],
        "contract_type": "fixed_term",
    }
    values.update(fields)
    return JobOffer.objects.create(**values)


def case_in_interventions(*, district, place: str = "Dalmine", sectors=("C",), **profile) -> Case:
    """A case in the interventions stage whose person lives at ``place`` and has a work profile."""
    person = PersonFactory(district=district, municipality=f"{place} ({PLACES[place][1]})")
    case = CaseFactory(person=person, district=district, stage=Case.Stage.INTERVENTIONS)
    values = {
        "max_distance_km": 25,
        "min_weekly_hours": 20,
        "max_weekly_hours": 30,
        "schedule": [Schedule.MORNING, Schedule.AFTERNOON],
        "has_driving_licence": False,
        "education": Education.UPPER_SECONDARY,
    }
    values.update(profile)
    work_profile = WorkProfile.objects.create(person=person, **values)
    work_profile.preferred_sectors.set([sector_term(code) for code in sectors])
    return case
