"""Test data of the HSDS API and export tests: a small network where some things must stay private."""

import datetime

import pytest
from wagtail_factories import ImageFactory

from network.models import District, OrganisationKind
from tests.factories.network import (
    ContactFactory,
    DistrictFactory,
    LocationFactory,
    OrganisationFactory,
    ServiceFactory,
    role_term,
    sector_term,
    valid_vat_number,
)

# Strings that must never leave the server: contact persons, unpublished fields, private organisations.
SECRETS = [
    "Gianmaria Riservatissimi",
    "riservato.contatto@example.org",
    "035 999 1234",  # the contact person's phone
    "Segretissima",
    "Servizio segreto",
    "nascosta@example.org",
    "Via Nascosta 9",
    "035 111 0000",  # an unpublished organisation phone
    "RSSMRA80A01A794V",  # a sole trader's personal tax code
]


@pytest.fixture(name="directory")
def directory_fixture(db):
    """A small network: public organisations that publish more or less, and one private."""
    dalmine = DistrictFactory(name="Ambito di Dalmine", slug="dalmine")
    bergamo = DistrictFactory(name="Ambito di Bergamo", slug="bergamo")

    officina = OrganisationFactory(
        name="Officina Meccanica Brembana S.r.l.",
        kind=OrganisationKind.COMPANY,
        description="Lavorazioni meccaniche di precisione.",
        website="https://officina.example.org",
        email="info@officina.example.org",
        phone="035 555 0101",
        employees=40,
        size_band="small",
        ateco_code="25.62.00",
        rea_number="BG-123456",
        has_art11_agreement=True,
        art11_agreement_date=datetime.date(2025, 3, 1),
        publish_identifiers=True,
        sector=sector_term("C"),
        verified_at=datetime.date(2026, 1, 15),
    )
    officina.roles.set([role_term("tirocini"), role_term("assunzioni")])
    officina.districts.set([dalmine])
    LocationFactory(organisation=officina, address="Via Roma 1", municipality="Dalmine", postcode="24044")
    ServiceFactory(organisation=officina, name="Tirocini in officina", description="Tirocini per tornitori.")
    ContactFactory(
        organisation=officina,
        name="Gianmaria Riservatissimi",
        email="riservato.contatto@example.org",
        phone="035 999 1234",
    )

    cooperativa = OrganisationFactory(
        name="Cooperativa Sociale Il Ponte",
        kind=OrganisationKind.COOPERATIVE_B,
        description="Cooperativa di tipo B: pulizie e manutenzione del verde.",
        email="nascosta@example.org",
        publish_email=False,
        phone="035 111 0000",
        publish_phone=False,
        employees=12,
        sector=sector_term("N"),
    )
    cooperativa.roles.set([role_term("assunzioni")])
    cooperativa.districts.set([bergamo])
    LocationFactory(
        organisation=cooperativa,
        address="Via Borgo Palazzo 10",
        municipality="Bergamo",
        municipality_code="016024",
        postcode="24125",
        latitude=45.6983,
        longitude=9.6773,
    )
    ServiceFactory(organisation=cooperativa, name="Inserimenti nel verde pubblico")

    riservata = OrganisationFactory(name="Studio Riservato", publish_address=False, kind=OrganisationKind.THIRD_SECTOR)
    LocationFactory(organisation=riservata, address="Via Nascosta 9", postcode="24044")
    ServiceFactory(organisation=riservata, name="Sportello orientamento")

    sole_trader = OrganisationFactory(
        name="Ditta Individuale Fiorista", tax_code="RSSMRA80A01A794V", publish_identifiers=True, employees=2
    )

    segreta = OrganisationFactory(name="Segretissima S.p.A.", is_public=False, vat_number=valid_vat_number())
    LocationFactory(organisation=segreta, address="Via Privata 2", postcode="24044")
    ServiceFactory(organisation=segreta, name="Servizio segreto")
    ContactFactory(organisation=segreta, name="Altra Persona")

    return {
        "officina": officina,
        "cooperativa": cooperativa,
        "riservata": riservata,
        "sole_trader": sole_trader,
        "segreta": segreta,
        "dalmine": dalmine,
        "bergamo": bergamo,
    }


def make_organisations(count: int) -> None:
    """``count`` public organisations with every relation the serialisers read (to count queries)."""
    district = District.objects.first() or DistrictFactory()
    for number in range(count):
        org = OrganisationFactory(name=f"Azienda di prova {number}", sector=sector_term("C"), logo=ImageFactory())
        org.roles.set([role_term("tirocini")])
        org.districts.set([district])
        LocationFactory(organisation=org)
        LocationFactory(organisation=org, address="Via Verdi 2")
        ServiceFactory(organisation=org)
        ServiceFactory(organisation=org)
