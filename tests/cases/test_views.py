"""Admin screens: the right staff get 200, others 403/404 and the refusal is logged; views are
audited; confidential entries stay with the team; query counts do not grow with the data."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import AuditEntry, Case, CaseTeamMember, Referral, TimelineEntry
from tests.factories.auth import login_staff
from tests.factories.cases import CaseFactory, PersonFactory, ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(district, manager):
    case = CaseFactory(person=PersonFactory(district=district, first_name="Lucia", health_notes="Nota sanitaria"))
    CaseTeamMember.objects.create(case=case, user=manager, role="case_manager")
    TimelineEntry.objects.create(
        case=case,
        kind="note",
        occurred_at=timezone.now(),
        text="Colloquio riservato",
        confidential=True,
        author=manager,
    )
    TimelineEntry.objects.create(case=case, kind="call", occurred_at=timezone.now(), text="Telefonata", author=manager)
    return case


def login(client, user):
    login_staff(client, user)
    return client


def test_a_case_manager_sees_the_case_page_and_the_view_is_audited(client, case, manager):
    response = login(client, manager).get(reverse("cases_case", args=[case.pk]))
    assert response.status_code == 200
    assert "Colloquio riservato" in response.text
    assert "Lucia" in response.text
    entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEW, object_type="case")
    assert (entry.user, entry.object_id, entry.district) == (manager, case.pk, case.district)
    assert "Lucia" not in entry.object_reference + entry.detail


def test_a_case_of_another_district_is_refused_and_logged(client, case, outsider):
    response = login(client, outsider).get(reverse("cases_case", args=[case.pk]))
    assert response.status_code == 404
    refusal = AuditEntry.objects.get(action=AuditEntry.Action.DENIED)
    assert (refusal.user, refusal.object_id, refusal.district) == (outsider, case.pk, case.district)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.VIEW).exists()


def test_a_change_to_a_case_of_another_district_is_refused(client, case, outsider):
    response = login(client, outsider).post(
        reverse("cases_case", args=[case.pk]),
        {
            "action": "timeline",
            "version": case.version,
            "timeline-kind": "note",
            "timeline-text": "x",
            "timeline-occurred_at": "2026-01-01T10:00",
        },
    )
    assert response.status_code == 404
    assert case.timeline.count() == 2


def test_staff_without_case_access_get_403_and_it_is_logged(client, case, district, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for url in (reverse("cases_case", args=[case.pk]), reverse("cases_list"), reverse("cases_referrals")):
        response = login(client, editor).get(url)
        # Wagtail turns PermissionDenied in the admin into a redirect home with an error message.
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert AuditEntry.objects.filter(user=editor, action=AuditEntry.Action.DENIED).count() == 3


def test_a_confidential_note_is_hidden_off_team(client, case, psychologist):
    response = login(client, psychologist).get(reverse("cases_case", args=[case.pk]))
    assert response.status_code == 200
    assert "Telefonata" in response.text
    assert "Colloquio riservato" not in response.text


def test_reading_a_confidential_entry_off_team_is_refused_and_logged(case, psychologist, manager):
    from django.core.exceptions import PermissionDenied

    from cases.selectors import timeline_entry_for_user

    entry = case.timeline.get(confidential=True)
    assert timeline_entry_for_user(manager, case=case, pk=entry.pk) == entry
    with pytest.raises(PermissionDenied):
        timeline_entry_for_user(psychologist, case=case, pk=entry.pk)
    refusal = AuditEntry.objects.get(action=AuditEntry.Action.DENIED)
    assert (refusal.user, refusal.detail) == (psychologist, "timeline.confidential")


def test_the_case_list_shows_only_the_users_districts(client, case, outsider, manager, other_district):
    other = CaseFactory(person=PersonFactory(district=other_district, last_name="Altrove"))
    response = login(client, manager).get(reverse("cases_list"))
    assert response.status_code == 200
    assert case.reference in response.text
    assert other.reference not in response.text
    response = login(client, outsider).get(reverse("cases_list"))
    assert other.reference in response.text
    assert case.reference not in response.text


def test_the_case_list_filters(client, case, manager, district):
    CaseFactory(person=PersonFactory(district=district, category="l68_99"), stage=Case.Stage.MONITORING)
    response = login(client, manager).get(reverse("cases_list"), {"stage": "monitoring"})
    assert case.reference not in response.text
    response = login(client, manager).get(reverse("cases_list"), {"member": manager.pk})
    assert case.reference in response.text
    assert len(response.context["cases"]) == 1


def test_a_stale_form_is_refused_with_a_message(client, case, manager):
    client = login(client, manager)
    url = reverse("cases_case", args=[case.pk])
    Case.objects.filter(pk=case.pk).update(stage=Case.Stage.PROJECT, version=5)
    response = client.post(
        url,
        {"action": "project", "version": 4, "project-objectives": "O", "project-expected_results": "R"},
        follow=True,
    )
    assert "Someone else changed this case" in response.text or "Qualcun altro" in response.text
    assert not hasattr(Case.objects.get(pk=case.pk), "project") or not Case.objects.get(pk=case.pk).project


def test_an_illegal_action_is_refused_and_logged(client, case, manager):
    response = login(client, manager).post(reverse("cases_case", args=[case.pk]), {"action": "reopen", "version": 1})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DENIED, detail="case.reopen").exists()
    assert Case.objects.get(pk=case.pk).stage == Case.Stage.EVALUATION


def test_the_whole_path_through_the_screens(client, manager, coordinator, district, host):
    referral = ReferralFactory()
    client = login(client, manager)
    inbox = client.get(reverse("cases_referrals"))
    assert referral.reference in inbox.text
    url = reverse("cases_referral", args=[referral.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"action": "acknowledge", "district": district.pk})
    response = client.post(url, {"action": "start_evaluation"})
    case = Case.objects.get(referral=referral)
    assert response.url == reverse("cases_case", args=[case.pk])
    case_url = response.url

    def post(action, user=manager, **data):
        login(client, user)
        fields = {f"{action}-{key}": value for key, value in data.items()}
        return client.post(case_url, {"action": action, "version": Case.objects.get(pk=case.pk).version, **fields})

    post("accept")  # refused: no evaluation yet
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.IN_EVALUATION
    ratings = dict.fromkeys(("motivation", "autonomy", "flexibility", "stability"), 3)
    post("evaluation", held_on="2026-11-01", panel=[manager.pk], decision="eligible", reasons="Ok", **ratings)
    post("accept")
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.ACCEPTED
    post("project", objectives="Lavoro", expected_results="Assunzione")
    post("approve", user=coordinator)
    post("start_interventions")
    post(
        "internship",
        host=host.pk,
        company_tutor="T",
        sil_tutor=manager.pk,
        starts_on="2026-01-01",
        ends_on="2025-12-01",
        weekly_hours=20,
        monthly_allowance="400",
        insurance="INAIL",
    )
    assert not Case.objects.get(pk=case.pk).internships.exists()  # ends before it starts: refused
    post(
        "internship",
        host=host.pk,
        company_tutor="T",
        sil_tutor=manager.pk,
        starts_on="2026-01-01",
        ends_on="2026-06-01",
        weekly_hours=20,
        monthly_allowance="400",
        insurance="INAIL",
    )
    post("close", outcome="", reason="")  # refused: no outcome
    assert Case.objects.get(pk=case.pk).stage == Case.Stage.INTERVENTIONS
    post("close", outcome="employed", reason="Assunto")  # refused: no final report yet
    assert Case.objects.get(pk=case.pk).stage == Case.Stage.INTERVENTIONS
    post("final_report", summary="Percorso", interventions="Tirocinio", outcomes="Assunzione")
    post("close", outcome="employed", reason="Assunto")
    closed = Case.objects.get(pk=case.pk)
    assert closed.stage == Case.Stage.CLOSED
    assert closed.internships.count() == 1
    assert client.get(case_url).status_code == 200


def test_only_the_coordinator_sees_the_approve_button(client, case, manager, coordinator):
    Case.objects.filter(pk=case.pk).update(stage=Case.Stage.PROJECT)
    assert "approve" not in dict(login(client, manager).get(reverse("cases_case", args=[case.pk])).context["actions"])
    assert "approve" in dict(login(client, coordinator).get(reverse("cases_case", args=[case.pk])).context["actions"])


def test_the_audit_log_is_for_coordinators(client, case, manager, coordinator):
    login(client, manager).get(reverse("cases_case", args=[case.pk]))
    assert login(client, manager).get(reverse("cases_audit")).status_code == 302  # Wagtail's PermissionDenied
    response = login(client, coordinator).get(reverse("cases_audit"))
    assert response.status_code == 200
    assert case.reference in response.text


def test_the_admin_home_shows_my_cases(client, case, manager):
    response = login(client, manager).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert case.reference in response.text


def test_a_referral_without_district_is_for_case_managers_only(client, psychologist, manager):
    referral = ReferralFactory()
    assert login(client, manager).get(reverse("cases_referral", args=[referral.pk])).status_code == 200
    assert login(client, psychologist).get(reverse("cases_referral", args=[referral.pk])).status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_data(client, case, manager, district):
    from cases.models import InterventionType, PlanItem

    Case.objects.filter(pk=case.pk).update(stage=Case.Stage.INTERVENTIONS)
    project = services.project_save(
        case=Case.objects.get(pk=case.pk), by=manager, expected_version=1, objectives="O", expected_results="R"
    )
    kind = InterventionType.objects.first()

    def add_data():
        other = CaseFactory(person=PersonFactory(district=district))
        CaseTeamMember.objects.create(case=other, user=manager, role="case_manager")
        TimelineEntry.objects.create(case=case, kind="call", occurred_at=timezone.now(), text="x", author=manager)
        PlanItem.objects.create(
            project=project, intervention_type=kind, starts_on=date(2026, 1, 1), responsible=manager
        )

    client = login(client, manager)
    add_data()
    _queries(client, reverse("cases_list"))  # warm the per-process caches (content types) first
    list_before = _queries(client, reverse("cases_list"))
    page_before = _queries(client, reverse("cases_case", args=[case.pk]))
    for _index in range(15):
        add_data()
    assert _queries(client, reverse("cases_list")) == list_before
    assert _queries(client, reverse("cases_case", args=[case.pk])) == page_before


def test_the_person_is_edited_from_the_case_page_and_audited(client, case, manager):
    person = case.person
    data = {
        f"person-{key}": value
        for key, value in {
            "first_name": "Lucia",
            "last_name": "Neri",
            "tax_code": "RSSMRA85T10A562S",
            "date_of_birth": "1985-12-10",
            "category": "l68_99",
            "invalidity_percentage": "",
            "version": 1,
        }.items()
    }
    login(client, manager).post(reverse("cases_case", args=[case.pk]), {"action": "person", "version": 1, **data})
    person.refresh_from_db()
    assert person.category == "generic"  # L. 68/99 without a percentage: refused
    data["person-invalidity_percentage"] = "70"
    login(client, manager).post(reverse("cases_case", args=[case.pk]), {"action": "person", "version": 1, **data})
    person.refresh_from_db()
    assert (person.category, person.invalidity_percentage, person.last_name) == ("l68_99", 70, "Neri")
    assert AuditEntry.objects.filter(object_type="person", action="change", detail="person.update").exists()
    assert AuditEntry.objects.filter(object_type="person", action="view").exists() is False
    login(client, manager).get(reverse("cases_case", args=[case.pk]))
    assert AuditEntry.objects.filter(object_type="person", action="view").exists()


def test_overdue_referrals_follow_the_editable_setting(client, manager):
    from datetime import timedelta

    from cases.models import CasesSettings
    from cases.selectors import referrals_overdue

    old = ReferralFactory(received_at=timezone.now() - timedelta(days=6))
    fresh = ReferralFactory(received_at=timezone.now() - timedelta(days=2))
    assert list(referrals_overdue(manager)) == [old]  # default: 5 days
    settings = CasesSettings.load()
    settings.acknowledge_within_days = 1
    settings.save()
    assert set(referrals_overdue(manager)) == {old, fresh}
    response = login(client, manager).get(reverse("cases_referrals"), {"show": "overdue"})
    assert old.reference in response.text
    assert fresh.reference in response.text
    services.referral_acknowledge(referral=old, by=manager, district=manager.cases_profile.districts.first())
    assert list(referrals_overdue(manager)) == [fresh]


def test_staff_type_in_a_referral(client, manager, district):
    response = login(client, manager).post(
        reverse("cases_referral_create"),
        {
            "first_name": "Anna",
            "last_name": "Verdi",
            "date_of_birth": "1990-01-01",
            "tax_code": "RSSMRA85T10A562S",
            "municipality": "Dalmine",
            "category": "generic",
            "referring_service": "CPS",
            "referrer_name": "X",
            "referrer_email": "x@example.org",
            "reason": "Telefonata",
            "district": district.pk,
        },
    )
    referral = Referral.objects.get()
    assert response.url == reverse("cases_referral", args=[referral.pk])
    assert (referral.submission, referral.district) == (None, district)
    assert login(client, manager).get(reverse("cases_referral_create")).status_code == 200
