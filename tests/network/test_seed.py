"""The demo network: realistic, valid, in real municipalities, and idempotent."""

import datetime
import io
import time

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from stdnum.it import iva

from core.management.commands.seed_demo import SEEDERS
from network import demo
from network.models import (
    Contact,
    District,
    Location,
    Organisation,
    OrganisationKind,
    OutdatedReport,
    OutdatedReportStatus,
    PartnershipStatus,
    Service,
)
from network.municipalities import municipality_by_code


@pytest.fixture
def seeded_network(db):
    started = time.perf_counter()
    report = demo.seed_network()
    return report, time.perf_counter() - started


def _counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "locations": Location.objects.count(),
        "services": Service.objects.count(),
        "contacts": Contact.objects.count(),
        "districts": District.objects.count(),
        "roles": Organisation.roles.through.objects.count(),
        "district_links": Organisation.districts.through.objects.count(),
        "reports": OutdatedReport.objects.count(),
    }


def test_the_seeder_runs_right_after_the_site():
    assert SEEDERS.index("network.demo.seed_network") == SEEDERS.index("content.demo.seed_site") + 1


@pytest.mark.django_db
def test_seed_creates_a_few_hundred_organisations_of_every_kind_quickly(seeded_network):
    report, seconds = seeded_network
    assert 250 <= Organisation.objects.count() <= 500
    assert len(report.created) == Organisation.objects.count() + 4  # and the four districts
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == set(OrganisationKind.values)
    assert set(District.objects.values_list("name", flat=True)) == {
        "Ambito di Dalmine",
        "Ambito di Bergamo",
        "Ambito di Seriate",
        "Ambito di Grumello del Monte",
    }
    assert Organisation.objects.filter(name__startswith="Centro per l'Impiego").exists()
    assert Organisation.objects.filter(name__startswith="Collocamento Mirato").exists()
    assert Organisation.objects.filter(name__startswith="CPS").exists()
    assert Organisation.objects.filter(name__startswith="SerD").exists()
    assert seconds < 5, f"seeding the network took {seconds:.1f} s"


@pytest.mark.django_db
def test_seed_is_varied_where_the_admin_filters(seeded_network):
    companies = Organisation.objects.filter(kind=OrganisationKind.COMPANY)
    bound = companies.filter(employees__gte=15)
    assert bound.filter(has_art11_agreement=True).exists()
    assert bound.filter(has_art11_agreement=False).exists()
    assert companies.filter(employees__lt=15).exists()
    assert companies.values("sector").distinct().count() >= 8
    assert Organisation.objects.filter(is_public=False).exists()
    assert Organisation.objects.filter(is_public=True).count() > Organisation.objects.count() / 2
    assert set(Organisation.objects.values_list("partnership_status", flat=True)) == set(PartnershipStatus.values)
    year_ago = timezone.localdate() - datetime.timedelta(days=365)
    assert Organisation.objects.filter(verified_at__lt=year_ago).exists()
    assert Organisation.objects.filter(verified_at__gte=year_ago).exists()
    assert Organisation.objects.filter(verified_at__isnull=True).exists()
    assert not Organisation.objects.annotate(n=Count("roles")).filter(n=0).exists()
    assert not Organisation.objects.annotate(n=Count("districts")).filter(n=0).exists()
    assert Service.objects.exists()
    assert not Contact.objects.exclude(email__endswith="@example.org").exists()
    assert set(OutdatedReport.objects.values_list("status", flat=True)) == set(OutdatedReportStatus.values)


@pytest.mark.django_db
def test_seeded_identifiers_and_addresses_are_valid(seeded_network):
    vat_numbers = list(Organisation.objects.exclude(vat_number="").values_list("vat_number", flat=True))
    assert len(vat_numbers) > 200
    assert len(set(vat_numbers)) == len(vat_numbers)
    assert all(iva.is_valid(number) for number in vat_numbers)
    for location in Location.objects.all():
        municipality = municipality_by_code(location.municipality_code)
        assert municipality is not None, location.municipality
        assert municipality.name == location.municipality
        assert municipality.province == location.province == "BG"
        assert location.postcode in municipality.postcodes
        assert 45.4 < location.latitude < 46.0
        assert 9.4 < location.longitude < 10.0
    # The model's own validation agrees, for a sample of every kind.
    for kind in OrganisationKind.values:
        organisation = Organisation.objects.filter(kind=kind).first()
        organisation.full_clean()
        for location in organisation.locations.all():
            location.full_clean()


@pytest.mark.django_db
def test_seeded_organisations_are_in_the_search_index(seeded_network):
    name = Organisation.objects.filter(kind=OrganisationKind.COOPERATIVE_B).first().name
    word = name.split()[2]  # "Cooperativa Sociale <Word> ..."
    assert name in {organisation.name for organisation in Organisation.objects.search(word)}
    assert Organisation.objects.search("Collocamento Mirato").count() >= 1


@pytest.mark.django_db
def test_seed_twice_creates_nothing_and_keeps_staff_edits(seeded_network):
    before = _counts()
    organisation = Organisation.objects.filter(kind=OrganisationKind.COMPANY).first()
    organisation.name = "Nome cambiato dallo staff"
    organisation.is_public = not organisation.is_public
    organisation.save()
    organisation.locations.all().delete()

    report = demo.seed_network()

    assert report.created == []
    after = _counts()
    assert after == {**before, "locations": before["locations"] - 1}
    organisation.refresh_from_db()
    assert organisation.name == "Nome cambiato dallo staff"


@pytest.mark.django_db
def test_seed_does_not_duplicate_an_organisation_staff_deleted_and_recreated_by_vat(seeded_network):
    organisation = Organisation.objects.filter(kind=OrganisationKind.COMPANY).first()
    vat, slug = organisation.vat_number, organisation.slug
    organisation.slug = "rinominata-dallo-staff"
    organisation.save()

    assert demo.seed_network().created == []
    assert Organisation.objects.filter(vat_number=vat).count() == 1
    assert not Organisation.objects.filter(slug=slug).exists()


@pytest.mark.django_db
def test_seed_demo_command_loads_the_network(db):
    call_command("seed_demo", stdout=io.StringIO())
    count = Organisation.objects.count()
    assert count > 250
    call_command("seed_demo", stdout=io.StringIO())
    assert Organisation.objects.count() == count
