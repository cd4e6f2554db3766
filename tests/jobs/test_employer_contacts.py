"""The employer contact log: logging from the organisation's admin page, bad input, district
refusals, the last-contact column of the network listing (constant query count), the
"not contacted" filter and the L. 68/99 prospects."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import Role
from jobs import selectors, services
from jobs.models import EmployerContact, JobsSettings
from network.models import Organisation
from tests.factories.auth import login_staff
from tests.factories.cases import staff_user
from tests.factories.jobs import EmployerContactFactory, JobOfferFactory
from tests.factories.network import DistrictFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ORGANISATIONS = "wagtailsnippets_network_organisation:list"


@pytest.fixture
def district():
    return DistrictFactory()


@pytest.fixture
def promoter(district):
    return staff_user("promotore", district, role=Role.COMPANY_PROMOTER)


@pytest.fixture
def organisation(district):
    organisation = OrganisationFactory(name="Meccanica Prova srl")
    organisation.districts.add(district)
    return organisation


def _days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


def _contact(**overrides) -> services.ContactInput:
    values = {
        "kind": EmployerContact.Kind.VISIT,
        "outcome": EmployerContact.Outcome.INTERESTED,
        "occurred_on": _days_ago(1),
        "notes": "Interessati a un tirocinio in magazzino.",
        "next_step": "Inviare due profili",
        "next_step_on": _days_ago(-7),
    }
    values.update(overrides)
    return services.ContactInput(**values)


# --- logging ----------------------------------------------------------------------------


def test_a_promoter_logs_a_contact(promoter, organisation):
    contact = services.employer_contact_log(organisation=organisation, by=promoter, data=_contact())
    assert (contact.organisation, contact.promoter, contact.next_step) == (
        organisation,
        promoter,
        "Inviare due profili",
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"occurred_on": _days_ago(-1)}, "occurred_on"),
        ({"next_step_on": _days_ago(5)}, "next_step_on"),
        ({"next_step": "", "next_step_on": _days_ago(-3)}, "next_step"),
        ({"kind": "telepathy"}, "kind"),
        ({"outcome": ""}, "outcome"),
    ],
)
def test_bad_contacts_are_refused_and_nothing_is_saved(promoter, organisation, overrides, field):
    with pytest.raises(services.OfferError) as refused:
        services.employer_contact_log(organisation=organisation, by=promoter, data=_contact(**overrides))
    assert field in refused.value.error_dict
    assert not EmployerContact.objects.exists()


def test_the_offer_of_another_organisation_is_refused(promoter, organisation):
    foreign = JobOfferFactory()
    with pytest.raises(services.OfferError) as refused:
        services.employer_contact_log(organisation=organisation, by=promoter, data=_contact(offer=foreign))
    assert "offer" in refused.value.error_dict
    assert not EmployerContact.objects.exists()


def test_promoters_of_other_districts_cannot_log_contacts(organisation):
    stranger = staff_user("altro", DistrictFactory(), role=Role.COMPANY_PROMOTER)
    with translation.override("en"), pytest.raises(services.OfferError) as refused:
        services.employer_contact_log(organisation=organisation, by=stranger, data=_contact())
    assert "not in your districts" in refused.value.messages[0]
    assert not EmployerContact.objects.exists()


def test_organisations_without_district_are_open_to_every_promoter(promoter):
    scouted = OrganisationFactory()
    services.employer_contact_log(organisation=scouted, by=promoter, data=_contact())
    assert EmployerContact.objects.filter(organisation=scouted).count() == 1


def test_staff_without_the_contact_permission_cannot_log(district, organisation):
    educator = staff_user("educatore", district, role=Role.EDUCATOR)
    with pytest.raises(services.OfferError):
        services.employer_contact_log(organisation=organisation, by=educator, data=_contact())
    assert not EmployerContact.objects.exists()


# --- the screens --------------------------------------------------------------------------


def test_log_a_contact_from_the_admin(client, promoter, organisation):
    login_staff(client, promoter)
    add_url = reverse("jobs_contact_add", args=[organisation.pk])
    edit_page = client.get(reverse("wagtailsnippets_network_organisation:edit", args=[organisation.pk]))
    assert add_url in edit_page.content.decode()
    response = client.post(
        add_url,
        {
            "occurred_on": _days_ago(2).isoformat(),
            "kind": "call",
            "outcome": "not_now",
            "notes": "Nessuna assunzione prevista.",
            "next_step": "",
            "next_step_on": "",
            "offer": "",
        },
    )
    assert response["Location"] == reverse("jobs_contacts", args=[organisation.pk])
    contact = EmployerContact.objects.get()
    assert (contact.kind, contact.outcome, contact.promoter) == ("call", "not_now", promoter)
    log = client.get(response["Location"]).content.decode()
    assert "Nessuna assunzione prevista." in log


def test_a_bad_contact_form_shows_the_error_and_saves_nothing(client, promoter, organisation):
    login_staff(client, promoter)
    response = client.post(
        reverse("jobs_contact_add", args=[organisation.pk]),
        {"occurred_on": _days_ago(-2).isoformat(), "kind": "call", "outcome": "not_now"},
    )
    assert response.status_code == 200
    assert "occurred_on" in response.context["form"].errors
    assert not EmployerContact.objects.exists()


def test_the_contact_form_is_refused_to_other_districts(client, organisation):
    login_staff(client, staff_user("altro", DistrictFactory(), role=Role.COMPANY_PROMOTER))
    response = client.post(
        reverse("jobs_contact_add", args=[organisation.pk]),
        {"occurred_on": _days_ago(1).isoformat(), "kind": "call", "outcome": "not_now"},
    )
    assert response["Location"] == "/admin/"
    assert not EmployerContact.objects.exists()


# --- last contact, not contacted, prospects ----------------------------------------------


def test_last_contact_is_the_latest_date():
    organisation, never = OrganisationFactory(), OrganisationFactory()
    EmployerContactFactory(organisation=organisation, occurred_on=_days_ago(40))
    EmployerContactFactory(organisation=organisation, occurred_on=_days_ago(3))
    EmployerContactFactory(organisation=organisation, occurred_on=_days_ago(100))
    dates = dict(selectors.with_last_contact(Organisation.objects.all()).values_list("pk", "last_contact_on"))
    assert dates == {organisation.pk: _days_ago(3), never.pk: None}


def test_not_contacted_uses_the_setting_and_includes_the_never_contacted():
    recent, stale, never = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    EmployerContactFactory(organisation=recent, occurred_on=_days_ago(10))
    EmployerContactFactory(organisation=stale, occurred_on=_days_ago(50))
    settings = JobsSettings.load()
    settings.not_contacted_after_days = 30
    settings.save()
    assert set(selectors.organisations_not_contacted()) == {stale, never}
    settings.not_contacted_after_days = 60
    settings.save()
    assert set(selectors.organisations_not_contacted()) == {never}


def test_prospects_are_bound_companies_without_agreement():
    prospect = OrganisationFactory(employees=40, has_art11_agreement=False)
    OrganisationFactory(employees=40, has_art11_agreement=True)
    OrganisationFactory(employees=10, has_art11_agreement=False)
    OrganisationFactory(employees=None)
    assert list(selectors.organisations_prospects()) == [prospect]
    assert selectors.is_prospect(prospect)


@pytest.fixture
def editor_client(client, django_user_model):
    login_staff(client, django_user_model.objects.create_superuser("boss", password="x" * 12))
    return client


def test_network_listing_shows_last_contact_and_prospect_badge(editor_client):
    contacted = OrganisationFactory(name="Contattata srl", employees=5)
    OrganisationFactory(name="Prospetto spa", employees=80, has_art11_agreement=False)
    EmployerContactFactory(organisation=contacted, occurred_on=timezone.localdate())
    response = editor_client.get(reverse(ORGANISATIONS))
    rows = {o.name: o for o in response.context["object_list"]}
    assert rows["Contattata srl"].last_contact_on == timezone.localdate()
    assert rows["Prospetto spa"].last_contact_on is None
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        badge = translation.gettext("L. 68/99 prospect")
    assert response.content.decode().count(f'w-status--primary">{badge}</span>') == 1


def test_network_listing_query_count_is_constant(editor_client):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(reverse(ORGANISATIONS)).status_code == 200
        return len(queries.captured_queries)

    for _ in range(3):
        EmployerContactFactory(organisation=OrganisationFactory())
    count_queries()  # warm caches (settings, content types)
    few = count_queries()
    for _ in range(15):
        organisation = OrganisationFactory()
        EmployerContactFactory.create_batch(2, organisation=organisation)
    assert count_queries() == few


def test_network_listing_filters_not_contacted_and_prospects(editor_client):
    recent = OrganisationFactory(name="Recente srl", employees=5)
    stale = OrganisationFactory(name="Dimenticata spa", employees=80, has_art11_agreement=True)
    never = OrganisationFactory(name="Mai sentita spa", employees=80, has_art11_agreement=False)
    EmployerContactFactory(organisation=recent, occurred_on=_days_ago(5))
    EmployerContactFactory(organisation=stale, occurred_on=_days_ago(400))

    def listed(query: str) -> set[str]:
        response = editor_client.get(reverse(ORGANISATIONS) + query)
        assert response.status_code == 200
        return {o.name for o in response.context["object_list"]}

    assert listed("?not_contacted=true") == {stale.name, never.name}
    assert listed("?not_contacted=false") == {recent.name}
    assert listed("?prospect=true") == {never.name}
    assert listed("?prospect=false") == {recent.name, stale.name}
    assert listed("?prospect=true&not_contacted=true") == {never.name}
    assert [
        o.name
        for o in editor_client.get(reverse(ORGANISATIONS) + "?ordering=-last_contact_on").context["object_list"]
        if o.last_contact_on
    ] == [recent.name, stale.name]


def test_searching_while_sorted_by_last_contact_still_works(editor_client):
    found = OrganisationFactory(name="Meccanica Cercata srl")
    OrganisationFactory(name="Panificio Altro srl")
    EmployerContactFactory(organisation=found, occurred_on=_days_ago(2))
    response = editor_client.get(reverse(ORGANISATIONS) + "?q=Meccanica&ordering=-last_contact_on")
    assert response.status_code == 200
    assert [(o.name, o.last_contact_on) for o in response.context["object_list"]] == [(found.name, _days_ago(2))]
