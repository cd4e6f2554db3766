"""Progress and final reports: the rules of writing and delivering them, closing with the final
report, the PDF (really produced, in Italian or English) and who may download it."""

import re
import zlib
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from cases import reports, services
from cases.models import AuditEntry, Case, CaseReport, CaseTeamMember, ReferralEvent
from cases.services import CaseError, Prerequisite
from tests.factories.auth import login_staff
from tests.factories.cases import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

SECTIONS = {"summary": "Percorso regolare.", "interventions": "Tirocinio di sei mesi.", "outcomes": "Assunzione."}


@pytest.fixture(autouse=True)
def english():
    """Refusal messages are checked in English (the source strings)."""
    with translation.override("en"):
        yield


def fresh(obj):
    obj.refresh_from_db()
    return obj


@pytest.fixture
def case(referral, district, manager, coordinator):
    """A case in the interventions stage, reached through the services as staff would."""
    services.referral_acknowledge(referral=referral, by=manager, district=district)
    case = services.referral_start_evaluation(referral=referral, by=manager)
    good = Prerequisite(rating=3)
    services.evaluation_record(
        case=case,
        by=manager,
        expected_version=case.version,
        held_on=date(2026, 11, 1),
        motivation=good,
        autonomy=good,
        flexibility=good,
        stability=good,
        panel=[manager],
        decision="eligible",
        reasons="Ok.",
    )
    services.referral_accept(referral=referral, by=manager, expected_version=fresh(case).version)
    services.project_save(
        case=fresh(case), by=manager, expected_version=case.version, objectives="Lavoro.", expected_results="Tirocinio."
    )
    services.project_approve(case=fresh(case), by=coordinator, expected_version=case.version)
    return services.case_start_interventions(case=fresh(case), by=manager, expected_version=case.version)


def final(case, by, **sections):
    case = fresh(case)
    return reports.report_final_save(case=case, by=by, expected_version=case.version, **(sections or SECTIONS))


def close(case, by, outcome="employed"):
    case = fresh(case)
    return services.case_close(case=case, by=by, expected_version=case.version, outcome=outcome, reason="Fine.")


# --- writing -------------------------------------------------------------------------------


def test_a_progress_report_needs_a_valid_period_and_its_sections(case, manager):
    today = timezone.localdate()
    add = reports.report_progress_add
    with pytest.raises(CaseError, match="cannot end before it starts"):
        add(
            case=fresh(case),
            by=manager,
            expected_version=case.version,
            period_start=today,
            period_end=today - timedelta(days=1),
            **SECTIONS,
        )
    with pytest.raises(CaseError, match="future"):
        add(
            case=fresh(case),
            by=manager,
            expected_version=case.version,
            period_start=today,
            period_end=today + timedelta(days=5),
            **SECTIONS,
        )
    with pytest.raises(CaseError, match="outcomes"):
        add(
            case=fresh(case),
            by=manager,
            expected_version=case.version,
            period_start=today - timedelta(days=90),
            period_end=today,
            summary="S",
            interventions="I",
        )
    assert not CaseReport.objects.exists()
    report = add(
        case=fresh(case),
        by=manager,
        expected_version=case.version,
        period_start=today - timedelta(days=90),
        period_end=today,
        **SECTIONS,
    )
    assert (report.kind, report.author, report.written_on) == (CaseReport.Kind.PROGRESS, manager, today)
    assert AuditEntry.objects.filter(detail="case.report.progress", object_id=case.pk).exists()


def test_no_report_in_evaluation(referral, district, manager):
    services.referral_acknowledge(referral=referral, by=manager, district=district)
    case = services.referral_start_evaluation(referral=referral, by=manager)
    with pytest.raises(CaseError, match="stage"):
        final(case, manager)
    assert not CaseReport.objects.exists()


def test_the_final_report_is_one_per_case_and_a_draft_can_be_completed(case, manager):
    with pytest.raises(CaseError, match="at least one section"):
        final(case, manager, summary=" ")
    draft = final(case, manager, summary="Solo il riassunto.")
    assert draft.missing_sections == ["interventions carried out", "outcomes"]
    complete = final(case, manager)
    assert complete.pk == draft.pk
    assert CaseReport.objects.filter(case=case).count() == 1
    assert complete.is_complete


def test_a_stale_version_is_refused(case, manager):
    with pytest.raises(services.StaleCaseError):
        reports.report_final_save(case=case, by=manager, expected_version=case.version - 1, **SECTIONS)
    assert not CaseReport.objects.exists()


# --- delivering ----------------------------------------------------------------------------


def test_an_incomplete_report_cannot_be_marked_delivered(case, manager):
    draft = final(case, manager, summary="Bozza.")
    with pytest.raises(CaseError, match="before these sections are filled in: interventions carried out, outcomes"):
        reports.report_mark_delivered(report=draft, by=manager, recipient="person")
    assert fresh(draft).delivered_to_person_on is None


def test_delivery_to_the_person_and_to_the_referrer(case, manager, django_capture_on_commit_callbacks):
    report = final(case, manager)
    with pytest.raises(CaseError, match="future"):
        reports.report_mark_delivered(
            report=report, by=manager, recipient="person", delivered_on=timezone.localdate() + timedelta(days=1)
        )
    with pytest.raises(CaseError, match="before it was written"):
        reports.report_mark_delivered(
            report=report, by=manager, recipient="person", delivered_on=timezone.localdate() - timedelta(days=1)
        )
    reports.report_mark_delivered(report=report, by=manager, recipient="person")
    report = fresh(report)
    assert (report.delivered_to_person_on, report.delivered_to_person_by) == (timezone.localdate(), manager)
    assert report.delivered_to_referrer_on is None
    with pytest.raises(CaseError, match="already been marked as delivered to the person"):
        reports.report_mark_delivered(report=report, by=manager, recipient="person")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reports.report_mark_delivered(report=report, by=manager, recipient="referrer")
    report = fresh(report)
    assert report.delivered_to_referrer_by == manager
    assert ReferralEvent.objects.filter(referral=case.referral, step="final_report_delivered").exists()
    (message,) = mail.outbox
    assert "Relazione finale consegnata al servizio inviante" in message.subject  # e-mails go out in Italian
    person = case.person
    for personal in (person.first_name, person.last_name, person.tax_code, SECTIONS["outcomes"]):
        assert personal not in message.subject + message.body
    assert AuditEntry.objects.filter(detail="case.report.final.delivered.referrer").exists()
    # What was delivered stays as it was.
    with pytest.raises(CaseError, match="already been delivered"):
        final(case, manager, summary="Cambiato.")
    assert fresh(report).summary == SECTIONS["summary"]


# --- closing -------------------------------------------------------------------------------


def test_closing_a_carried_out_path_needs_the_complete_final_report(case, manager, django_capture_on_commit_callbacks):
    version = fresh(case).version
    with pytest.raises(CaseError, match="Write the final report before closing"):
        close(case, manager)
    final(case, manager, summary="Solo bozza.")
    with pytest.raises(CaseError, match="Complete the final report"):
        close(case, manager)
    assert fresh(case).stage == Case.Stage.INTERVENTIONS
    assert fresh(case).version == version + 1  # only the draft's save changed it
    final(case, manager)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        close(case, manager)
    assert fresh(case).stage == Case.Stage.CLOSED
    assert ReferralEvent.objects.filter(referral=case.referral).last().step == "closed_with_final_report"
    assert "Percorso chiuso con la relazione finale" in mail.outbox[-1].subject


def test_a_person_who_withdrew_is_closed_without_a_final_report(case, manager):
    close(case, manager, outcome="withdrawn")
    assert fresh(case).stage == Case.Stage.CLOSED
    assert ReferralEvent.objects.filter(referral=case.referral).last().step == "closed"


def test_the_referrers_history_shows_the_final_report(case, manager):
    from cases.selectors import referral_public_history

    reports.report_mark_delivered(report=final(case, manager), by=manager, recipient="referrer")
    close(case, manager)
    labels = [str(label) for _at, label in referral_public_history(referral=case.referral)]
    assert labels[-2:] == ["Final report delivered to the referring service", "Path closed with the final report"]


# --- the PDF -------------------------------------------------------------------------------


def page_count(pdf: bytes) -> int:
    """Pages of the PDF, read from its page tree (inside compressed object streams, so inflate them)."""
    inflated = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, flags=re.DOTALL):
        try:
            inflated.append(zlib.decompress(stream))
        except zlib.error:
            continue
    body = b"\n".join(inflated)
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", body))


def test_the_pdf_is_really_produced_in_italian_and_english(case, manager):
    report = final(case, manager, recommendations="Continuare i contatti.")
    pdf = reports.report_render_pdf(report=report, language="it")
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert page_count(pdf) >= 1
    assert len(pdf) > 5000  # text and an embedded font, not an empty page
    italian = reports.report_html(report=report, language="it")
    english = reports.report_html(report=report, language="en-gb")
    # Strings already in the Italian catalogue show the layout switches language.
    assert '<html lang="it">' in italian
    assert "Codice fiscale" in italian
    assert '<html lang="en">' in english
    assert "Tax code" in english
    assert "Final report" in english
    for html in (italian, english):
        assert case.person.last_name in html
        assert "Continuare i contatti." in html


def test_the_pdf_view_checks_the_district_audits_and_is_not_cached(case, manager, outsider, client):
    report = final(case, manager)
    url = reverse("cases_report_pdf", args=[case.pk, report.pk])
    login_staff(client, outsider)
    refused = client.get(url)
    assert refused.status_code == 404
    denial = AuditEntry.objects.get(action=AuditEntry.Action.DENIED, user=outsider)
    assert (denial.object_id, denial.district_id) == (case.pk, case.district_id)
    login_staff(client, manager)
    response = client.get(url + "?download=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert case.person.last_name not in response["Content-Disposition"]
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.VIEW, user=manager, object_id=case.pk, detail="case.report.final.pdf"
    ).exists()
    assert AuditEntry.objects.filter(
        object_type="person", object_id=case.person_id, detail="person.report.pdf"
    ).exists()


def test_the_pdf_follows_the_admin_language(case, manager, client):
    report = final(case, manager)
    url = reverse("cases_report_pdf", args=[case.pk, report.pk])
    login_staff(client, manager)
    assert "relazione-finale-" in client.get(url)["Content-Disposition"]
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(manager)
    profile.preferred_language = "en"
    profile.save()
    assert "final-report-" in client.get(url)["Content-Disposition"]


def test_a_report_of_another_case_is_not_found_through_this_case(case, manager, client, district):
    other = CaseFactory(person=PersonFactory(district=district))
    CaseTeamMember.objects.create(case=other, user=manager, role="case_manager")
    report = final(case, manager)
    login_staff(client, manager)
    assert client.get(reverse("cases_report_pdf", args=[other.pk, report.pk])).status_code == 404


# --- the case page -------------------------------------------------------------------------


def test_reports_through_the_case_page(case, manager, client):
    login_staff(client, manager)
    url = reverse("cases_case", args=[case.pk])

    def post(action, **data):
        fields = {f"{action}-{key}": value for key, value in data.items()}
        return client.post(url, {"action": action, "version": fresh(case).version, **fields}, follow=True)

    today = timezone.localdate()
    post(
        "progress_report",
        period_start=(today - timedelta(days=30)).isoformat(),
        period_end=today.isoformat(),
        **SECTIONS,
    )
    progress = CaseReport.objects.get(kind="progress")
    post("final_report", summary="Bozza")
    response = post("close", outcome="employed", reason="Assunto")
    assert "Complete the final report" in response.text or "Completa la relazione finale" in response.text
    assert fresh(case).stage == Case.Stage.INTERVENTIONS
    post("final_report", **SECTIONS)
    post("deliver_report", report=progress.pk, recipient="referrer", delivered_on=today.isoformat())
    assert fresh(progress).delivered_to_referrer_on == today
    post("close", outcome="employed", reason="Assunto")
    assert fresh(case).stage == Case.Stage.CLOSED
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("cases_report_pdf", args=[case.pk, progress.pk]) in page.text
    assert "final_report" in dict(page.context["actions"])  # still writable after closing, until delivered
