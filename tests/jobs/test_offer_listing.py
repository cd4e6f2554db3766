"""The offers listing and the offer page: district scoping, filters, duplicate flags, the
state buttons, entry by hand, and the offer form's intake of place code and district."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.html import escape

from cases.models import Role
from forms.models import FormSubmission
from jobs import selectors, services
from jobs.models import JobOffer, JobsSettings
from tests.factories.auth import login_staff
from tests.factories.cases import staff_user
from tests.factories.jobs import JobOfferFactory
from tests.factories.network import DistrictFactory, OrganisationFactory, sector_term

pytestmark = pytest.mark.django_db

Status = JobOffer.Status
LIST = "/admin/job_offers/"


@pytest.fixture
def dalmine():
    return DistrictFactory(slug="dalmine-test", name="Ambito di prova Dalmine", municipality_codes=["016091"])


@pytest.fixture
def seriate():
    return DistrictFactory(slug="seriate-test", name="Ambito di prova Seriate", municipality_codes=["016194"])


@pytest.fixture
def promoter(dalmine):
    return staff_user("promotore", dalmine, role=Role.COMPANY_PROMOTER)


@pytest.fixture
def promoter_client(client, promoter):
    login_staff(client, promoter)
    return client


def _references(response) -> set[str]:
    assert response.status_code == 200
    return {
        offer.reference
        for offer in JobOffer.objects.all()
        if f">{offer.reference}<" in response.content.decode().replace("\n", "").replace(" ", "")
    }


# --- duplicates ---------------------------------------------------------------------------


def test_same_company_similar_role_within_the_window_is_a_possible_duplicate(dalmine):
    organisation = OrganisationFactory()
    first = JobOfferFactory(organisation=organisation, district=dalmine, role="Magazziniere", status=Status.OPEN)
    second = JobOfferFactory(
        organisation=organisation,
        district=dalmine,
        role="magazziniere con patentino",
        status=Status.NEW,
        received_at=first.received_at + timedelta(days=5),
    )
    other_role = JobOfferFactory(organisation=organisation, district=dalmine, role="Cuoco", status=Status.NEW)
    flagged = dict(selectors.with_duplicate_flag(JobOffer.objects.all()).values_list("pk", "possible_duplicate"))
    assert flagged == {first.pk: True, second.pk: True, other_role.pk: False}
    assert list(selectors.offer_duplicates(offer=first)) == [second]
    assert list(selectors.offer_duplicates(offer=other_role)) == []


def test_same_vat_number_without_organisation_counts_as_same_company(dalmine):
    first = JobOfferFactory(organisation=None, vat_number="00743110157", district=dalmine, role="Cassiere")
    second = JobOfferFactory(organisation=None, vat_number="00743110157", district=dalmine, role="Cassiere")
    assert list(selectors.offer_duplicates(offer=first)) == [second]


def test_duplicates_respect_the_configured_window_and_the_state(dalmine):
    organisation = OrganisationFactory()
    first = JobOfferFactory(organisation=organisation, district=dalmine, role="Saldatore")
    late = JobOfferFactory(
        organisation=organisation,
        district=dalmine,
        role="Saldatore",
        received_at=first.received_at + timedelta(days=40),
    )
    settings = JobsSettings.load()
    settings.duplicate_window_days = 30
    settings.save()
    assert list(selectors.offer_duplicates(offer=first)) == []
    settings.duplicate_window_days = 60
    settings.save()
    assert list(selectors.offer_duplicates(offer=first)) == [late]
    JobOffer.objects.filter(pk=late.pk).update(status=Status.FILLED)
    assert list(selectors.offer_duplicates(offer=first)) == []
    assert not selectors.with_duplicate_flag(JobOffer.objects.filter(pk=first.pk)).get().possible_duplicate


def test_different_companies_are_never_duplicates(dalmine):
    JobOfferFactory(district=dalmine, role="Magazziniere")
    JobOfferFactory(district=dalmine, role="Magazziniere")
    assert not selectors.with_duplicate_flag(JobOffer.objects.all()).filter(possible_duplicate=True).exists()


def test_duplicates_are_flagged_in_the_listing_and_on_the_offer_never_merged(promoter_client, dalmine):
    organisation = OrganisationFactory()
    first = JobOfferFactory(organisation=organisation, district=dalmine, role="Magazziniere")
    second = JobOfferFactory(organisation=organisation, district=dalmine, role="Magazziniere")
    with translation.override("en"):
        listing = promoter_client.get(LIST + "?possible_duplicate=true", HTTP_ACCEPT_LANGUAGE="en")
        page = promoter_client.get(f"{LIST}inspect/{first.pk}/")
    assert _references(listing) == {first.reference, second.reference}
    assert second.reference in page.content.decode()
    assert JobOffer.objects.count() == 2


# --- scoping and filters ---------------------------------------------------------------


def test_staff_see_only_their_districts_and_offers_without_one(promoter_client, dalmine, seriate):
    mine = JobOfferFactory(district=dalmine)
    theirs = JobOfferFactory(district=seriate)
    nowhere = JobOfferFactory(district=None)
    listing = promoter_client.get(LIST)
    assert _references(listing) == {mine.reference, nowhere.reference}
    # The reference opens the offer page (with the state buttons).
    assert f'href="{LIST}inspect/{mine.pk}/"' in listing.content.decode()
    assert promoter_client.get(f"{LIST}inspect/{theirs.pk}/").status_code == 404
    assert promoter_client.get(f"{LIST}edit/{theirs.pk}/").status_code == 404
    assert promoter_client.get(f"{LIST}{theirs.pk}/status/closed/").status_code == 404
    assert promoter_client.get(f"{LIST}history/{theirs.pk}/").status_code == 404
    assert promoter_client.get(f"{LIST}usage/{theirs.pk}/").status_code == 404


def test_readers_do_not_see_offers_without_district_nor_change_states(client, dalmine):
    reader = staff_user("casemanager", dalmine, role=Role.CASE_MANAGER)
    mine = JobOfferFactory(district=dalmine, status=Status.NEW)
    JobOfferFactory(district=None)
    login_staff(client, reader)
    assert _references(client.get(LIST)) == {mine.reference}
    # The admin turns a refusal into a redirect to its home page, with a message.
    assert client.get(f"{LIST}{mine.pk}/status/open/")["Location"] == "/admin/"
    assert client.post(f"{LIST}{mine.pk}/status/open/")["Location"] == "/admin/"
    assert JobOffer.objects.get(pk=mine.pk).status == Status.NEW


def test_superuser_sees_every_offer(client, django_user_model, dalmine, seriate):
    offers = {JobOfferFactory(district=dalmine).reference, JobOfferFactory(district=seriate).reference}
    login_staff(client, django_user_model.objects.create_superuser("boss", password="x" * 12))
    assert _references(client.get(LIST)) == offers


def test_filters_narrow_the_listing(promoter_client, dalmine):
    bound = OrganisationFactory(employees=60, sector=sector_term("C"))
    small = OrganisationFactory(employees=5, sector=sector_term("G"))
    now = timezone.now()
    recent_job = JobOfferFactory(organisation=bound, district=dalmine, status=Status.OPEN, received_at=now)
    old_internship = JobOfferFactory(
        organisation=small,
        district=dalmine,
        kind=JobOffer.Kind.INTERNSHIP,
        status=Status.CLOSED,
        counts_towards_quota=True,
        received_at=now - timedelta(days=100),
    )
    nowhere = JobOfferFactory(
        organisation=small, district=None, status=Status.NEW, received_at=now - timedelta(days=40)
    )
    cases = {
        "status=open": {recent_job},
        "status=closed": {old_internship},
        "kind=internship": {old_internship},
        f"district={dalmine.pk}": {recent_job, old_internship},
        "no_district=true": {nowhere},
        f"sector={sector_term('C').pk}": {recent_job},
        "l68_bound=true": {recent_job},
        "l68_bound=false": {old_internship, nowhere},
        "counts_towards_quota=true": {old_internship},
        "age=7": {recent_job},
        "age=90": {recent_job, nowhere},
        "age=-30": {old_internship, nowhere},
        "age=-90": {old_internship},
    }
    for query, expected in cases.items():
        assert _references(promoter_client.get(f"{LIST}?{query}")) == {o.reference for o in expected}, query


def test_listing_query_count_does_not_grow_with_the_page(promoter_client, dalmine, django_assert_max_num_queries):
    JobOfferFactory.create_batch(3, district=dalmine)
    promoter_client.get(LIST)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        promoter_client.get(LIST)
    JobOfferFactory.create_batch(20, district=dalmine)
    with CaptureQueriesContext(connection) as many:
        promoter_client.get(LIST)
    assert len(many.captured_queries) == len(few.captured_queries)


# --- state buttons ------------------------------------------------------------------------


def test_offer_page_shows_only_the_allowed_moves(promoter_client, dalmine):
    offer = JobOfferFactory(district=dalmine, status=Status.NEW)
    page = promoter_client.get(f"{LIST}inspect/{offer.pk}/").content.decode()
    assert f"{LIST}{offer.pk}/status/open/" in page
    assert f"{LIST}{offer.pk}/status/closed/" in page
    assert f"{LIST}{offer.pk}/status/filled/" not in page


def test_buttons_change_the_state(promoter_client, dalmine):
    offer = JobOfferFactory(district=dalmine, status=Status.NEW)
    response = promoter_client.post(f"{LIST}{offer.pk}/status/open/")
    assert response.status_code == 302
    assert JobOffer.objects.get(pk=offer.pk).status == Status.OPEN
    promoter_client.post(f"{LIST}{offer.pk}/status/closed/", {"reason": "Ritirata dall'azienda"})
    offer.refresh_from_db()
    assert (offer.status, offer.status_reason) == (Status.CLOSED, "Ritirata dall'azienda")
    history = promoter_client.get(f"{LIST}history/{offer.pk}/")
    assert history.status_code == 200
    assert len(history.context["object_list"]) == 2


def test_closing_without_reason_from_the_page_changes_nothing(promoter_client, dalmine):
    offer = JobOfferFactory(district=dalmine, status=Status.OPEN)
    response = promoter_client.post(f"{LIST}{offer.pk}/status/closed/", {"reason": ""})
    assert response.status_code == 200
    assert JobOffer.objects.get(pk=offer.pk).status == Status.OPEN


def test_an_illegal_move_from_the_page_is_refused_with_the_reason(promoter_client, dalmine, settings):
    offer = JobOfferFactory(district=dalmine, status=Status.NEW)
    response = promoter_client.post(f"{LIST}{offer.pk}/status/filled/", follow=True)
    assert response.status_code == 200
    assert JobOffer.objects.get(pk=offer.pk).status == Status.NEW
    with translation.override(settings.LANGUAGE_CODE):
        expected = translation.gettext("A new offer must be opened before it can be filled.")
    # Wagtail's admin messages are HTML, so the text arrives escaped (the Italian has an apostrophe).
    assert [(m.level_tag, str(m).strip()) for m in response.context["messages"]] == [("error", escape(expected))]


# --- entry by hand and intake -----------------------------------------------------------


def _form_data(**overrides):
    data = {
        "organisation": "",
        "company_name": "Ditta Inserita srl",
        "vat_number": "00743110157",
        "contact_name": "Paolo Neri",
        "contact_email": "paolo@example.org",
        "contact_phone": "",
        "kind": "job",
        "role": "Magazziniere",
        "place_of_work": "Dalmine",
        "district": "",
        "weekly_hours": "30",
        "positions": "2",
        "contract_type": "fixed_term",
        "requirements": "",
        "min_education": "",
        "received_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
    }
    data.update(overrides)
    return data


def test_staff_enter_an_offer_by_hand(promoter_client, promoter, dalmine):
    response = promoter_client.post(f"{LIST}new/", _form_data(schedule=["morning", "afternoon"]))
    assert response.status_code == 302, response.context["form"].errors
    offer = JobOffer.objects.get()
    assert offer.reference.startswith("OFF-")
    assert (offer.status, offer.created_by, offer.district, offer.place_of_work_code) == (
        Status.NEW,
        promoter,
        dalmine,
        "016091",
    )
    assert offer.schedule == ["morning", "afternoon"]
    assert offer.needs_review


def test_entry_by_hand_links_the_organisation_by_vat(promoter_client, dalmine):
    organisation = OrganisationFactory()
    organisation.districts.add(dalmine)
    response = promoter_client.post(
        f"{LIST}new/", _form_data(vat_number=organisation.vat_number, place_of_work="Milano")
    )
    assert response.status_code == 302
    offer = JobOffer.objects.get()
    assert (offer.organisation, offer.needs_review, offer.district) == (organisation, False, dalmine)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"place_of_work": "Atlantide"}, "place_of_work"),
        ({"weekly_hours": "0"}, "weekly_hours"),
        ({"company_name": "", "vat_number": ""}, "company_name"),
        ({"vat_number": "123"}, "vat_number"),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_saved(promoter_client, overrides, field):
    response = promoter_client.post(f"{LIST}new/", _form_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    assert not JobOffer.objects.exists()


def test_staff_cannot_file_an_offer_in_a_district_of_others(promoter_client, seriate):
    response = promoter_client.post(f"{LIST}new/", _form_data(district=str(seriate.pk)))
    assert response.status_code == 200
    assert "district" in response.context["form"].errors
    assert not JobOffer.objects.exists()


def test_intake_sets_the_place_code_and_the_district(offer_page):
    """The place of work decides the district; a place in no district falls back to the organisation's."""
    from network.models import District

    dalmine, seriate = District.objects.get(slug="dalmine"), District.objects.get(slug="seriate")
    organisation = OrganisationFactory()
    organisation.districts.add(seriate)
    data = {
        "company_name": organisation.name,
        "vat_number": organisation.vat_number,
        "contact_name": "Anna Verdi",
        "contact_email": "anna@example.org",
        "offer_kind": "job",
        "role": "Magazziniere",
        "weekly_hours": 30,
        "contract_type": "fixed_term",
    }
    offers = []
    for number, place in enumerate(["Milano (MI)", "Dalmine (BG)"]):
        submission = FormSubmission.objects.create(
            page=offer_page,
            kind="offer",
            token=f"t{number}",
            reference=f"SIL-TESTOFF{number}",
            status_key=f"k{number}",
            form_data={**data, "place_of_work": place},
        )
        offers.append(services.job_offer_create_from_submission(submission=submission))
    assert [(offer.place_of_work_code, offer.district) for offer in offers] == [
        ("015146", seriate),
        ("016091", dalmine),
    ]
