"""The organisation chooser of the case forms: the case page no longer lists the network, the
modal finds organisations by name or VAT number, and suspended or ended partners cannot be picked
(neither in the modal nor by a forged form)."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cases.forms import EmploymentForm
from cases.models import Case, CaseTeamMember
from network.models import PartnershipStatus
from tests.factories.auth import login_staff
from tests.factories.cases import CaseFactory, PersonFactory
from tests.factories.network import LocationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def network(db):
    brembo = OrganisationFactory(name="Officine Brembo Prova", vat_number="01234567897")
    LocationFactory(organisation=brembo, municipality="Dalmine")
    ended = OrganisationFactory(name="Officine Chiuse Prova", partnership_status=PartnershipStatus.ENDED)
    suspended = OrganisationFactory(name="Officine Sospese Prova", partnership_status=PartnershipStatus.SUSPENDED)
    return brembo, ended, suspended


def results(client, query: str) -> str:
    response = client.get(reverse("organisation_chooser:choose_results"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_the_case_page_has_the_chooser_and_no_list_of_organisations(client, district, manager, network):
    brembo, _ended, _suspended = network
    case = CaseFactory(person=PersonFactory(district=district), stage=Case.Stage.INTERVENTIONS)
    CaseTeamMember.objects.create(case=case, user=manager, role="case_manager")
    login_staff(client, manager)
    page = client.get(reverse("cases_case", args=[case.pk])).content.decode()
    assert brembo.name not in page
    assert 'id="id_internship-host-chooser"' in page
    assert 'id="id_employment-employer-chooser"' in page
    assert reverse("organisation_chooser:choose") in page
    assert "wagtailadmin/js/chooser-widget.js" in page  # the form media reach the admin template


def test_the_modal_searches_by_name_and_vat_number(client, manager, network):
    brembo, _ended, _suspended = network
    other = OrganisationFactory(name="Cooperativa Altra Prova")
    login_staff(client, manager)
    by_name = results(client, "brembo")
    assert brembo.name in by_name
    assert "Dalmine" in by_name  # the municipality column
    assert other.name not in by_name
    by_vat = results(client, "IT 0123456")
    assert brembo.name in by_vat
    assert other.name not in by_vat


def test_ended_and_suspended_partners_are_not_offered_nor_accepted(client, manager, network):
    brembo, ended, suspended = network
    login_staff(client, manager)
    listed = results(client, "officine")
    assert brembo.name in listed
    assert ended.name not in listed
    assert suspended.name not in listed
    chosen = client.get(reverse("organisation_chooser:chosen", args=[brembo.pk]))
    assert json.loads(chosen.content)["result"]["title"] == brembo.name
    assert client.get(reverse("organisation_chooser:chosen", args=[ended.pk])).status_code == 404

    data = {
        "contract_type": "permanent",
        "starts_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "weekly_hours": 20,
        "monitoring_every_weeks": 4,
    }
    assert EmploymentForm({**data, "employer": brembo.pk}).is_valid()
    forged = EmploymentForm({**data, "employer": ended.pk})
    assert not forged.is_valid()
    assert "employer" in forged.errors


def test_admin_users_outside_case_work_and_the_network_cannot_search_it(client, network, django_user_model):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user(username="editor", password="x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_staff(client, editor)
    brembo, _ended, _suspended = network
    # Wagtail's admin answers a refusal with a redirect to the dashboard and an error message.
    for url, params in (
        (reverse("organisation_chooser:choose"), {}),
        (reverse("organisation_chooser:choose_results"), {"q": "brembo"}),
        (reverse("organisation_chooser:chosen", args=[brembo.pk]), {}),
    ):
        response = client.get(url, params)
        assert (response.status_code, response.get("Location")) == (302, reverse("wagtailadmin_home")), url
        assert brembo.name not in response.content.decode()
