"""Districts list their municipalities; VAT numbers are typed with "IT" and spaces and stored as 11 digits."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.admin.panels import get_edit_handler

from jobs.models import JobOffer
from network.districts import DistrictAdminForm, MunicipalityListField
from network.fields import VatNumberFormField
from network.models import District, Organisation
from network.selectors import district_for_municipality
from tests.factories.network import DistrictFactory, OrganisationFactory, valid_vat_number

DALMINE, OSIO_SOTTO, SERIATE = "016091", "016153", "016198"


# ---------------------------------------------------------------- municipalities of a district


def test_the_field_takes_codes_and_names_and_stores_codes():
    field = MunicipalityListField(required=False)
    assert field.clean("016091\nOsio Sotto\n  seriate (bg) \n16091 Dalmine (BG)") == [DALMINE, OSIO_SOTTO, SERIATE]
    assert field.clean("") == []
    assert field.prepare_value([DALMINE]) == "016091 Dalmine (BG)"


def test_unknown_and_ambiguous_names_are_refused_with_what_to_fix():
    field = MunicipalityListField(required=False)
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            field.clean("Dalmine\nAtlantide\n999999\nCastro")
        message = raised.value.messages[0]
    assert "Atlantide; 999999; Castro" in message
    assert "Castro (BG)" in message  # how to tell two municipalities with one name apart
    assert field.clean("Castro (BG)") == ["016065"]


@pytest.mark.django_db
def test_a_municipality_belongs_to_one_district_only():
    DistrictFactory(name="Ambito di Dalmine", slug="dalmine", municipality_codes=[DALMINE])
    seriate = DistrictFactory(name="Ambito di Seriate", slug="seriate")
    form_class = get_edit_handler(District).get_form_class()
    assert issubclass(form_class, DistrictAdminForm)
    data = {"name": seriate.name, "slug": "seriate", "municipality_codes": "Seriate\nDalmine"}
    form = form_class(data, instance=seriate)
    assert not form.is_valid()
    with translation.override("en"):
        assert "Dalmine (Ambito di Dalmine)" in form.errors["municipality_codes"][0]
    form = form_class({**data, "municipality_codes": "Seriate"}, instance=seriate)
    assert form.is_valid(), form.errors
    form.save()
    assert District.objects.get(slug="seriate").municipality_codes == [SERIATE]


@pytest.mark.django_db
def test_the_model_refuses_codes_that_are_not_municipalities():
    district = DistrictFactory(municipality_codes=[DALMINE, "123456"])
    with pytest.raises(ValidationError) as raised:
        district.full_clean()
    assert "municipality_codes" in raised.value.message_dict


@pytest.mark.django_db
def test_the_district_admin_edits_municipalities(admin_client):
    district = DistrictFactory(name="Ambito di Seriate", slug="seriate")
    url = reverse("wagtailsnippets_network_district:edit", args=[district.pk])
    assert admin_client.get(url).status_code == 200
    data = {"name": district.name, "name_en": "", "slug": "seriate", "lead_municipality": "Seriate"}
    response = admin_client.post(url, {**data, "municipality_codes": "Seriate\n016091"})
    assert response.status_code == 302
    district.refresh_from_db()
    assert district.municipality_codes == [SERIATE, DALMINE]
    page = admin_client.get(url).content.decode()
    assert "016198 Seriate (BG)" in page
    refused = admin_client.post(url, {**data, "municipality_codes": "Nessunluogo"})
    assert refused.status_code == 200
    assert "Nessunluogo" in refused.content.decode()


@pytest.mark.django_db
def test_district_for_municipality():
    dalmine = DistrictFactory(slug="dalmine", municipality_codes=[DALMINE, OSIO_SOTTO])
    DistrictFactory(slug="seriate", municipality_codes=[SERIATE])
    assert district_for_municipality(municipality_code=OSIO_SOTTO) == dalmine
    assert district_for_municipality(municipality_code="016024") is None  # Bergamo: in no district here
    assert district_for_municipality(municipality_code="") is None


# ---------------------------------------------------------------- VAT numbers with "IT" and spaces


VAT = "00743110157"


@pytest.mark.parametrize(
    "typed", ["IT 00743110157", "IT00743110157", "it 0074 3110 157", " 00743110157 ", "IT-007.431.101.57"]
)
def test_the_vat_form_field_normalises_before_checking(typed):
    assert VatNumberFormField(required=False).clean(typed) == VAT


def test_the_vat_form_field_still_refuses_wrong_numbers_clearly():
    field = VatNumberFormField(required=False)
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            field.clean("IT 00743110158")
        assert "check digit" in raised.value.messages[0]
    with pytest.raises(ValidationError):
        field.clean("IT 0074311015712345")  # too long even without "IT"
    assert field.clean("") == ""


@pytest.mark.django_db
def test_the_organisation_admin_form_accepts_the_it_prefix():
    form_class = get_edit_handler(Organisation).get_form_class()
    field = form_class.base_fields["vat_number"]
    assert isinstance(field, VatNumberFormField)
    assert field.clean("IT 00743110157") == VAT
    assert 'maxlength="20"' in str(field.widget.render("vat_number", ""))


def test_the_job_offer_form_field_accepts_the_it_prefix():
    field = JobOffer._meta.get_field("vat_number").formfield()
    assert field.clean("IT00743110157") == VAT


def test_no_migration_is_needed_for_the_vat_columns():
    from django.db import models

    _name, path, _args, kwargs = Organisation._meta.get_field("vat_number").deconstruct()
    assert path == "django.db.models.CharField"
    assert kwargs["max_length"] == 11
    assert isinstance(Organisation._meta.get_field("vat_number"), models.CharField)


@pytest.mark.django_db
def test_admin_search_finds_an_organisation_by_vat_number(admin_client):
    wanted = OrganisationFactory(name="Falegnameria Fantasia", vat_number=valid_vat_number())
    OrganisationFactory(name="Panificio Esempio", vat_number=valid_vat_number())
    url = reverse("wagtailsnippets_network_organisation:list")
    for query in (wanted.vat_number, f"IT {wanted.vat_number}", wanted.vat_number[:8]):
        response = admin_client.get(url, {"q": query})
        assert [o.name for o in response.context["object_list"]] == ["Falegnameria Fantasia"], query
    by_name = admin_client.get(url, {"q": "panificio"})
    assert [o.name for o in by_name.context["object_list"]] == ["Panificio Esempio"]
