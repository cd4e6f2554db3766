"""The matching: ranking of offers, hosts and cases with known right answers, district scoping,
and confirming a match (internship or hiring on the case, offer updated) or refusing it."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from cases.models import AuditEntry, Case, Employment, Internship, Person, Role
from cases.services import CaseError
from jobs import matching
from jobs.models import Education, JobOffer, Match, Schedule
from network.municipalities import forget_positions, haversine_km, municipality_code_of, municipality_coordinates
from tests.factories.auth import login_staff
from tests.factories.cases import staff_user
from tests.factories.network import DistrictFactory
from tests.jobs.matching_data import case_in_interventions, offer, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_positions():
    """Positions are cached per process: each test geocodes its own places."""
    forget_positions()
    yield
    forget_positions()


@pytest.fixture
def district():
    return DistrictFactory(name="Ambito di Dalmine", slug="dalmine")


@pytest.fixture
def other_district():
    return DistrictFactory(name="Ambito di Seriate", slug="seriate")


@pytest.fixture
def promoter(district):
    """A company promoter whose admin is in English, so that screens can be checked on the msgids."""
    from wagtail.users.models import UserProfile

    user = staff_user("promoter", district, role=Role.COMPANY_PROMOTER)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def outsider(other_district):
    return staff_user("outsider", other_district, role=Role.COMPANY_PROMOTER)


@pytest.fixture
def manufacturer(district):
    return organisation(district=district, sector="C", place="Dalmine")


def internship_terms(promoter, **overrides):
    values = {
        "company_tutor": "Luca Neri",
        "sil_tutor": promoter,
        "starts_on": date(2026, 12, 1),
        "ends_on": date(2027, 5, 31),
        "weekly_hours": 25,
        "monthly_allowance": Decimal("500.00"),
        "insurance": "INAIL e RC",
    }
    values.update(overrides)
    return matching.InternshipTerms(**values)


def texts(suggestion) -> list[str]:
    return [reason.text for reason in suggestion.reasons]


# --- positions ---------------------------------------------------------------------------


def test_a_municipality_is_placed_at_the_average_of_its_geocoded_locations(district):
    organisation(district=district, place="Dalmine")
    organisation(district=district, place="Bergamo")
    lat, lon = municipality_coordinates("016091")
    assert (round(lat, 4), round(lon, 4)) == (45.6497, 9.6028)
    assert municipality_coordinates("015146") is None  # no geocoded place in Milano
    assert round(haversine_km((45.6497, 9.6028), (45.6983, 9.6773))) == 8
    assert municipality_code_of("Dalmine (BG)") == municipality_code_of("dalmine") == "016091"


# --- offers for a case ---------------------------------------------------------------------


def test_nearer_same_sector_compatible_hours_ranks_first(district, other_district, promoter, manufacturer):
    case = case_in_interventions(district=district)
    retailer = organisation(district=district, sector="G", place="Dalmine")
    bergamo_manufacturer = organisation(district=district, sector="C", place="Bergamo")
    milano_manufacturer = organisation(district=district, sector="C", place="Milano")
    best = offer(district=district, org=manufacturer)
    farther = offer(district=district, org=bergamo_manufacturer, place="Bergamo")
    other_sector = offer(district=district, org=retailer)
    too_many_hours = offer(district=district, org=manufacturer, weekly_hours=40)
    too_far = offer(district=district, org=milano_manufacturer, place="Milano")

    result = matching.suggestions_for_case(promoter, case=case)

    order = [suggestion.offer["id"] for suggestion in result.offers]
    assert order == [best.pk, farther.pk, other_sector.pk, too_many_hours.pk, too_far.pk]
    first = result.offers[0]
    assert first.score == 90
    assert texts(first) == [
        "In a preferred sector (C Manufacturing)",
        "0 km away (within 25)",
        "Compatible hours (25 a week)",
        "Compatible schedule",
    ]
    assert "8 km away (within 25)" in texts(result.offers[1])
    assert "40 hours a week: the person looks for 20 to 30" in texts(result.offers[3])
    assert "38 km away: beyond the 25 km the person accepts" in texts(result.offers[4])


def test_requirements_and_schedule_lower_the_score_and_say_why(district, promoter, manufacturer):
    case = case_in_interventions(district=district, has_driving_licence=False, education=Education.LOWER_SECONDARY)
    plain = offer(district=district, org=manufacturer)
    licence = offer(district=district, org=manufacturer, requires_driving_licence=True)
    diploma = offer(district=district, org=manufacturer, min_education=Education.UPPER_SECONDARY)
    evenings = offer(district=district, org=manufacturer, schedule=[Schedule.MORNING, Schedule.EVENING])

    by_id = {s.offer["id"]: s for s in matching.suggestions_for_case(promoter, case=case).offers}

    assert by_id[plain.pk].score > by_id[evenings.pk].score > by_id[licence.pk].score
    assert "Requires a driving licence: the person does not have one" in texts(by_id[licence.pk])
    assert "Requires Upper secondary diploma: the person does not have it" in texts(by_id[diploma.pk])
    assert "Needs evenings: the person is not available" in texts(by_id[evenings.pk])
    # Every point is explained: the score is the sum of its reasons.
    for suggestion in by_id.values():
        assert suggestion.score == sum(reason.points for reason in suggestion.reasons)


def test_only_open_offers_of_the_persons_district_and_wanted_kind(district, other_district, promoter, manufacturer):
    case = case_in_interventions(district=district, wants_internship=False)
    wanted = offer(district=district, org=manufacturer)
    offer(district=other_district, org=manufacturer)  # same company, another district's offer
    offer(district=district, org=manufacturer, status=JobOffer.Status.CLOSED)
    offer(district=district, org=manufacturer, status=JobOffer.Status.NEW)
    offer(district=district, org=manufacturer, kind=JobOffer.Kind.INTERNSHIP)
    organisation(district=district, hosts=True)

    result = matching.suggestions_for_case(promoter, case=case)

    assert [s.offer["id"] for s in result.offers] == [wanted.pk]
    assert result.hosts == []  # the person does not want an internship


def test_hosts_of_the_district_ranked_by_sector_and_distance(district, other_district, promoter):
    case = case_in_interventions(district=district)
    near_same_sector = organisation(district=district, hosts=True, sector="C", place="Dalmine")
    near_other_sector = organisation(district=district, hosts=True, sector="G", place="Dalmine")
    far_same_sector = organisation(district=district, hosts=True, sector="C", place="Milano")
    organisation(district=other_district, hosts=True, sector="C", place="Dalmine")
    organisation(district=district, hosts=False, sector="C", place="Dalmine")  # does not host internships

    hosts = matching.suggestions_for_case(promoter, case=case).hosts

    assert [s.host["id"] for s in hosts] == [near_same_sector.pk, near_other_sector.pk, far_same_sector.pk]
    assert texts(hosts[0])[0] == "Hosts internships"


def test_no_suggestions_outside_the_interventions_stage(district, promoter, manufacturer):
    case = case_in_interventions(district=district)
    Case.objects.filter(pk=case.pk).update(stage=Case.Stage.PROJECT)
    case.refresh_from_db()
    offer(district=district, org=manufacturer)

    result = matching.suggestions_for_case(promoter, case=case)

    assert result.offers == []
    assert result.hosts == []
    assert "interventions stage" in result.refused


def test_a_user_of_another_district_gets_no_suggestions(district, outsider, manufacturer):
    case = case_in_interventions(district=district)
    offer(district=district, org=manufacturer)

    result = matching.suggestions_for_case(outsider, case=case)

    assert result.offers == []
    assert result.refused


# --- cases for an offer --------------------------------------------------------------------


def test_cases_for_an_offer_nearest_and_own_district_only(district, other_district, promoter, outsider, manufacturer):
    job = offer(district=district, org=manufacturer)
    near = case_in_interventions(district=district, place="Dalmine")
    farther = case_in_interventions(district=district, place="Bergamo")
    other_sector = case_in_interventions(district=district, place="Dalmine", sectors=("G",))
    case_in_interventions(district=other_district, place="Dalmine")
    in_project = case_in_interventions(district=district, place="Dalmine")
    Case.objects.filter(pk=in_project.pk).update(stage=Case.Stage.PROJECT)
    case_in_interventions(district=district, place="Dalmine", wants_job=False)
    organisation(district=district, place="Bergamo")  # Bergamo gets a position

    suggestions, refused = matching.suggestions_for_offer(promoter, offer=job)

    assert refused == ""
    assert [s.case["id"] for s in suggestions] == [near.pk, farther.pk, other_sector.pk]
    assert matching.suggestions_for_offer(outsider, offer=job)[0] == []


# --- confirming --------------------------------------------------------------------------


def test_confirming_an_internship_offer_creates_the_internship_and_fills_the_offer(district, promoter, manufacturer):
    case = case_in_interventions(district=district)
    place = offer(district=district, org=manufacturer, kind=JobOffer.Kind.INTERNSHIP)

    match = matching.match_confirm(
        case=case, by=promoter, expected_version=case.version, terms=internship_terms(promoter), offer=place
    )

    internship = Internship.objects.get(case=case)
    assert (internship.host, internship.company_tutor, internship.weekly_hours) == (manufacturer, "Luca Neri", 25)
    place.refresh_from_db()
    assert place.status == JobOffer.Status.FILLED
    assert place.filled_at is not None
    assert (match.internship, match.offer, match.confirmed_by, match.score) == (internship, place, promoter, 90)
    assert match.reasons[0] == {
        "points": 30,
        "key": "sector_preferred",
        "text": "In a preferred sector (C Manufacturing)",
    }
    assert AuditEntry.objects.filter(object_type="case", object_id=case.pk, detail="case.match.confirm").exists()
    # Confirmed: the offer is no longer suggested.
    case.refresh_from_db()
    assert matching.suggestions_for_case(promoter, case=case).offers == []


def test_an_offer_with_more_positions_stays_open(district, promoter, manufacturer):
    case = case_in_interventions(district=district)
    place = offer(district=district, org=manufacturer, kind=JobOffer.Kind.INTERNSHIP, positions=2)

    matching.match_confirm(
        case=case, by=promoter, expected_version=case.version, terms=internship_terms(promoter), offer=place
    )

    place.refresh_from_db()
    assert (place.status, place.positions_filled) == (JobOffer.Status.OPEN, 1)


def test_confirming_a_job_offer_records_the_hiring(district, promoter, manufacturer):
    case = case_in_interventions(district=district)
    job = offer(district=district, org=manufacturer)
    terms = matching.EmploymentTerms(contract_type="fixed_term", starts_on=date(2026, 12, 1), weekly_hours=25)

    match = matching.match_confirm(case=case, by=promoter, expected_version=case.version, terms=terms, offer=job)

    employment = Employment.objects.get(case=case)
    assert (employment.employer, match.employment) == (manufacturer, employment)
    case.refresh_from_db()
    assert case.stage == Case.Stage.MONITORING


def test_confirming_a_host_without_an_offer_creates_the_internship(district, promoter):
    case = case_in_interventions(district=district)
    host = organisation(district=district, hosts=True)

    match = matching.match_confirm(
        case=case, by=promoter, expected_version=case.version, terms=internship_terms(promoter), host=host
    )

    assert match.offer is None
    assert match.internship.host == host
    assert match.reasons[0]["text"] == "Hosts internships"


def _nothing_changed(case, place, status=JobOffer.Status.OPEN):
    place.refresh_from_db()
    assert place.status == status
    assert place.positions_filled == 0
    assert not Internship.objects.filter(case=case).exists()
    assert not Employment.objects.filter(case=case).exists()
    assert not Match.objects.filter(case=case).exists()


def test_refused_outside_the_interventions_stage(district, promoter, manufacturer):
    case = case_in_interventions(district=district)
    Case.objects.filter(pk=case.pk).update(stage=Case.Stage.PROJECT)
    case.refresh_from_db()
    place = offer(district=district, org=manufacturer, kind=JobOffer.Kind.INTERNSHIP)

    with pytest.raises(CaseError, match="interventions stage"):
        matching.match_confirm(
            case=case, by=promoter, expected_version=case.version, terms=internship_terms(promoter), offer=place
        )

    _nothing_changed(case, place)


@pytest.mark.parametrize("status", [JobOffer.Status.CLOSED, JobOffer.Status.FILLED, JobOffer.Status.NEW])
def test_refused_on_an_offer_that_is_not_open(district, promoter, manufacturer, status):
    case = case_in_interventions(district=district)
    place = offer(district=district, org=manufacturer, kind=JobOffer.Kind.INTERNSHIP, status=status)

    with pytest.raises(CaseError, match="only an open offer takes people"):
        matching.match_confirm(
            case=case, by=promoter, expected_version=case.version, terms=internship_terms(promoter), offer=place
        )

    _nothing_changed(case, place, status=status)


def test_refused_on_a_stale_version(district, promoter, manufacturer):
    case = case_in_interventions(district=district)
    place = offer(district=district, org=manufacturer, kind=JobOffer.Kind.INTERNSHIP)

    with pytest.raises(CaseError, match="Someone else changed this case"):
        matching.match_confirm(
            case=case, by=promoter, expected_version=case.version - 1, terms=internship_terms(promoter), offer=place
        )

    _nothing_changed(case, place)
    case.refresh_from_db()
    assert case.version == 1


def test_refused_across_districts(district, other_district, promoter, outsider, manufacturer):
    case = case_in_interventions(district=district)
    foreign_offer = offer(district=other_district, org=manufacturer, kind=JobOffer.Kind.INTERNSHIP)
    own_offer = offer(district=district, org=manufacturer, kind=JobOffer.Kind.INTERNSHIP)

    with pytest.raises(CaseError, match="another district"):
        matching.match_confirm(
            case=case, by=promoter, expected_version=case.version, terms=internship_terms(promoter), offer=foreign_offer
        )
    with pytest.raises(CaseError, match="do not work in the district"):
        matching.match_confirm(
            case=case, by=outsider, expected_version=case.version, terms=internship_terms(outsider), offer=own_offer
        )

    _nothing_changed(case, foreign_offer)
    _nothing_changed(case, own_offer)


def test_a_failing_internship_rolls_back_everything(district, promoter, manufacturer):
    case = case_in_interventions(district=district)
    place = offer(district=district, org=manufacturer, kind=JobOffer.Kind.INTERNSHIP)
    reversed_dates = internship_terms(promoter, starts_on=date(2027, 1, 1), ends_on=date(2026, 1, 1))

    with pytest.raises(CaseError):
        matching.match_confirm(case=case, by=promoter, expected_version=case.version, terms=reversed_dates, offer=place)

    _nothing_changed(case, place)


# --- screens -------------------------------------------------------------------------------


def test_case_screen_lists_suggestions_with_reasons_and_confirm_creates_the_internship(
    client, district, promoter, manufacturer
):
    case = case_in_interventions(district=district)
    place = offer(district=district, org=manufacturer, kind=JobOffer.Kind.INTERNSHIP, role="Aiuto magazziniere")
    login_staff(client, promoter)

    page = client.get(f"/admin/jobs/matching/cases/{case.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="en"' in body  # the promoter's admin language: the reasons below are msgids
    assert "Aiuto magazziniere" in body
    assert "Compatible hours (25 a week)" in body

    form = client.get(f"/admin/jobs/matching/cases/{case.pk}/confirm/?offer={place.pk}")
    assert form.status_code == 200
    response = client.post(
        f"/admin/jobs/matching/cases/{case.pk}/confirm/",
        {
            "offer": place.pk,
            "version": case.version,
            "company_tutor": "Luca Neri",
            "sil_tutor": promoter.pk,
            "starts_on": "2026-12-01",
            "ends_on": "2027-05-31",
            "weekly_hours": 25,
            "monthly_allowance": "500",
            "insurance": "INAIL",
        },
    )
    assert response.status_code == 302
    assert response.url.endswith(f"/cases/{case.pk}/")
    assert Internship.objects.filter(case=case, host=manufacturer).exists()
    after = client.get(f"/admin/jobs/matching/cases/{case.pk}/").content.decode()
    assert 'id="matching-confirmed"' in after
    assert place.reference in after
    assert f'data-offer="{place.pk}"' not in after  # no longer proposed


def test_screens_of_another_district_are_not_found(client, district, outsider, manufacturer):
    case = case_in_interventions(district=district)
    job = offer(district=district, org=manufacturer)
    login_staff(client, outsider)

    assert client.get(f"/admin/jobs/matching/cases/{case.pk}/").status_code == 404
    assert client.get(f"/admin/jobs/matching/offers/{job.pk}/").status_code == 404
    assert client.get(f"/admin/jobs/matching/cases/{case.pk}/confirm/?offer={job.pk}").status_code == 404


def test_offer_screen_lists_people(client, district, promoter, manufacturer):
    job = offer(district=district, org=manufacturer)
    case = case_in_interventions(district=district)
    login_staff(client, promoter)

    page = client.get(f"/admin/jobs/matching/offers/{job.pk}/")

    assert page.status_code == 200
    assert f"C-{case.pk:06d}" in page.content.decode()


def test_work_profile_form_saves_and_refuses_reversed_hours(client, district, promoter):
    case = case_in_interventions(district=district)
    login_staff(client, promoter)
    url = f"/admin/jobs/matching/cases/{case.pk}/profile/"
    assert client.get(url).status_code == 200
    data = {
        "wants_job": "on",
        "max_distance_km": 10,
        "min_weekly_hours": 30,
        "max_weekly_hours": 20,
        "education": 2,
        "schedule": ["morning"],
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    case.person.work_profile.refresh_from_db()
    assert case.person.work_profile.max_distance_km == 25

    data["max_weekly_hours"] = 36
    assert client.post(url, data).status_code == 302
    profile = case.person.work_profile
    profile.refresh_from_db()
    assert (profile.max_distance_km, profile.max_weekly_hours, profile.wants_internship) == (10, 36, False)
    assert AuditEntry.objects.filter(object_type="person", detail="person.work_profile").exists()


def test_screens_work_without_a_work_profile(client, district, promoter, manufacturer):
    """A person with no profile yet: defaults are used and said, the form starts from them."""
    case = case_in_interventions(district=district)
    case.person.work_profile.delete()
    job = offer(district=district, org=manufacturer)
    login_staff(client, promoter)

    page = client.get(f"/admin/jobs/matching/cases/{case.pk}/")
    form = client.get(f"/admin/jobs/matching/cases/{case.pk}/profile/")
    confirm = client.get(f"/admin/jobs/matching/cases/{case.pk}/confirm/?offer={job.pk}")

    assert page.status_code == 200
    assert f'data-offer="{job.pk}"' in page.content.decode()
    assert form.status_code == 200
    assert form.context["form"].initial["max_distance_km"] == 25
    assert confirm.status_code == 200
    assert "contract_type" in confirm.context["form"].fields


def test_case_page_links_to_the_proposals_in_the_interventions_stage(client, district, promoter):
    case = case_in_interventions(district=district)
    login_staff(client, promoter)

    body = client.get(f"/admin/cases/{case.pk}/").content.decode()

    assert f"/admin/jobs/matching/cases/{case.pk}/" in body


def test_offer_page_links_to_the_people_to_propose(client, district, promoter, manufacturer):
    job = offer(district=district, org=manufacturer)
    login_staff(client, promoter)

    body = client.get(f"/admin/job_offers/inspect/{job.pk}/").content.decode()

    assert f"/admin/jobs/matching/offers/{job.pk}/" in body


def test_confirm_page_says_why_before_the_form(client, district, promoter, manufacturer):
    case = case_in_interventions(district=district)
    closed = offer(district=district, org=manufacturer, status=JobOffer.Status.CLOSED)
    unlinked = offer(district=district, org=manufacturer)
    JobOffer.objects.filter(pk=unlinked.pk).update(organisation=None)
    login_staff(client, promoter)

    for target, reason in [(closed, "only an open offer takes people"), (unlinked, "Link the offer")]:
        page = client.get(f"/admin/jobs/matching/cases/{case.pk}/confirm/?offer={target.pk}")
        assert page.status_code == 200
        assert reason in page.context["blocked"]
        assert 'name="company_tutor"' not in page.content.decode()
    assert client.get(f"/admin/jobs/matching/cases/{case.pk}/confirm/?host=999999").status_code == 404


def test_demo_work_profiles_for_demo_people_only_and_once(district):
    from cases.demo import PREFIX
    from jobs.demo_matching import seed_work_profiles
    from tests.factories.cases import PersonFactory, ReferralFactory

    demo_person = PersonFactory(district=district)
    ReferralFactory(reference=f"{PREFIX}901", person=demo_person)
    other_person = PersonFactory(district=district)

    first = seed_work_profiles()
    second = seed_work_profiles()

    assert len(first.created) == 1
    assert second.created == []
    demo_person.refresh_from_db()
    assert demo_person.work_profile.preferred_sectors.exists()
    assert not hasattr(Person.objects.get(pk=other_person.pk), "work_profile")
