"""The whole path of a referral in a real browser: the referring worker sends it, a case manager
takes it from the inbox to the closing with the final report, and the worker's status page shows
each step. The admin's new strings may not be compiled in the test catalogue yet, so the staff
side is driven through form field names, not labels."""

import importlib
import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation

from config.celery_app import app as celery_app
from tests.browser.conftest import admin_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "pw-browser-2026"


@pytest.fixture
def site_url(live_server, settings):
    settings.SIL_FORMS_MIN_FILL_SECONDS = 0
    cache.clear()
    # Browser tests flush the tables: make the role groups again, as migration 0003 does.
    config = apps.get_app_config("cases")
    models_module = config.models_module  # the migration's function sets it on the registry it gets
    try:
        importlib.import_module("cases.migrations.0003_groups_and_intervention_types").forwards(apps, None)
    finally:
        config.models_module = models_module
    call_command("seed_demo", stdout=io.StringIO())
    celery_app.conf.task_always_eager = True
    yield live_server.url
    celery_app.conf.task_always_eager = False


def staff(username: str, district, *groups: str):
    from django.contrib.auth import get_user_model

    from cases.models import StaffProfile

    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=True, first_name=username.title(), last_name="Sil"
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    StaffProfile.objects.create(user=user).districts.set([district])
    return user


def log_in(context, base: str, username: str):
    page = context.new_page()
    admin_sign_in(page, base, username, PASSWORD)
    return page


def action_form(page, action: str):
    """The case-page form of one action, opened (they sit in <details> panels)."""
    form = page.locator(f"form.cases-action:has(input[name=action][value={action}])")
    details = page.locator(f"details.cases-action-panel:has(input[name=action][value={action}])")
    if details.count() and not details.first.evaluate("element => element.open"):
        details.first.locator("summary").click()
    return form


def submit(page, action: str, **fields):
    form = action_form(page, action)
    for name, value in fields.items():
        field = form.locator(f"[name='{action}-{name}']")
        if field.first.evaluate("element => element.tagName") == "SELECT":
            field.select_option(str(value))
        elif field.first.get_attribute("type") in ("checkbox", "radio"):
            form.locator(f"[name='{action}-{name}'][value='{value}']").check()
        else:
            field.fill(str(value))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def choose_organisation(page, action: str, field: str, search: str, name: str) -> None:
    """Pick an organisation in the chooser modal: open it, search, click the result."""
    chooser = action_form(page, action).locator(f"#id_{action}-{field}-chooser")
    chooser.locator(".unchosen button[data-chooser-action-choose]").click()
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill(search)
    modal.locator("a[data-chooser-modal-choice]", has_text=name).click()
    modal.wait_for(state="hidden")
    assert chooser.locator(".chooser__title").inner_text() == name


def test_from_the_referral_form_to_the_final_report(site_url, browser, django_user_model):
    from cases.models import Case, CaseReport, Referral, ReferralEvent
    from cases.services import STEP_LABELS
    from network.models import District
    from tests.factories.network import OrganisationFactory

    # The referring worker sends the referral and keeps the private status link of the receipt.
    referrer = browser.new_context(locale="it-IT")
    form_page = referrer.new_page()
    form_page.goto(site_url + "/per-i-servizi-invianti/segnalazione/")
    form_page.get_by_role("textbox", name="Nome", exact=True).fill("Mario")
    form_page.get_by_label("Cognome").fill("Rossi")
    form_page.get_by_label("Data di nascita").fill("10/12/1985")
    form_page.get_by_label("Codice fiscale").fill("RSSMRA85T10A562S")
    form_page.get_by_label("Comune di residenza").fill("Dalmine")
    form_page.get_by_text("Disabile ai sensi della Legge 68/1999", exact=True).click()
    form_page.get_by_label("Motivo della segnalazione").fill("Primo inserimento dopo un lungo periodo senza lavoro.")
    form_page.get_by_label("Servizio inviante").fill("Servizio sociale del Comune di Dalmine")
    form_page.get_by_label("Il tuo nome").fill("Giulia Bianchi")
    form_page.get_by_label("La tua e-mail").fill("giulia.bianchi@example.org")
    form_page.get_by_text("Ho letto l'informativa").click()
    form_page.get_by_role("button", name="Invia").click()
    reference = form_page.locator("#reference-code").inner_text()
    status_href = form_page.locator("a[href*='/stato/'], a[href*='/status/']").first.get_attribute("href")
    status_path = "/" + status_href.split("://", 1)[-1].split("/", 1)[1]
    referral = Referral.objects.get(reference=reference)

    district = District.objects.order_by("pk").first()
    manager = staff("gestore", district, "Case managers")
    staff("coordinatrice", district, "Case managers", "District coordinators")
    host = OrganisationFactory(name="Officine Bergamasche Test")

    # The case manager opens the new referral from the inbox and acknowledges it.
    team = browser.new_context(locale="it-IT")
    page = log_in(team, site_url, "gestore")
    page.goto(site_url + "/admin/cases/referrals/")
    page.get_by_role("link", name=reference).click()
    page.locator("#id_district").select_option(str(district.pk))
    with page.expect_navigation():
        page.locator("form.cases-action:has(input[value=acknowledge]) button[type=submit]").click()
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.ACKNOWLEDGED
    with page.expect_navigation():
        page.locator("form.cases-action:has(input[value=start_evaluation]) button[type=submit]").click()
    case = Case.objects.get(referral=referral)
    assert page.url.endswith(f"/admin/cases/{case.pk}/")

    # The evaluation, then the acceptance.
    today = timezone.localdate()
    submit(
        page,
        "evaluation",
        held_on=today.isoformat(),
        motivation=3,
        autonomy=3,
        flexibility=4,
        stability=3,
        panel=manager.pk,
        decision="eligible",
        reasons="Prerequisiti adeguati per un tirocinio.",
    )
    submit(page, "accept")
    assert Case.objects.get(pk=case.pk).stage == Case.Stage.PROJECT

    # The individual project, approved by the coordinator; then the internship at a host company.
    submit(page, "project", objectives="Inserimento nel settore metalmeccanico.", expected_results="Assunzione.")
    coordination = browser.new_context(locale="it-IT")
    coordinator_page = log_in(coordination, site_url, "coordinatrice")
    coordinator_page.goto(f"{site_url}/admin/cases/{case.pk}/")
    submit(coordinator_page, "approve")
    assert Case.objects.get(pk=case.pk).project.approved_at is not None
    page.reload()
    submit(page, "start_interventions")
    # The host comes from the chooser: the page does not list the network in a drop-down.
    assert page.locator(f"select option[value='{host.pk}']:has-text('{host.name}')").count() == 0
    choose_organisation(page, "internship", "host", "bergamasche", host.name)
    submit(
        page,
        "internship",
        company_tutor="Luca Verdi",
        sil_tutor=manager.pk,
        starts_on=today.isoformat(),
        ends_on=(today + timedelta(days=180)).isoformat(),
        weekly_hours=25,
        monthly_allowance="500.00",
        insurance="INAIL e RC",
    )
    assert Case.objects.get(pk=case.pk).internships.get().host == host

    # Closing is refused until the final report is written; then it closes with it.
    submit(page, "close", outcome="employed", reason="Assunto al termine del tirocinio.")
    assert Case.objects.get(pk=case.pk).stage == Case.Stage.INTERVENTIONS
    assert page.locator(".messages .error, .messages [class*=error]").count() >= 1
    submit(
        page,
        "final_report",
        summary="Percorso regolare, con buona partecipazione.",
        interventions="Orientamento e tirocinio di sei mesi.",
        outcomes="Assunzione a tempo determinato.",
        recommendations="Monitoraggio trimestrale.",
    )
    submit(page, "close", outcome="employed", reason="Assunto al termine del tirocinio.")
    assert Case.objects.get(pk=case.pk).stage == Case.Stage.CLOSED
    report = CaseReport.objects.get(case=case, kind=CaseReport.Kind.FINAL)
    submit(page, "deliver_report", report=report.pk, recipient="referrer", delivered_on=today.isoformat())
    assert CaseReport.objects.get(pk=report.pk).delivered_to_referrer_by == manager

    # The PDF of the final report is produced from the case page's link.
    pdf_href = page.locator(f"#case-reports a[href*='/reports/{report.pk}/pdf/']").first.get_attribute("href")
    pdf = page.request.get(site_url + pdf_href)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    assert "no-store" in pdf.headers["cache-control"]

    # The referring worker's status page shows every step, and nothing personal.
    steps = list(ReferralEvent.objects.filter(referral=referral).values_list("step", flat=True))
    assert steps == [
        "received",
        "acknowledged",
        "in_evaluation",
        "accepted",
        "project_started",
        "internship_started",
        "closed_with_final_report",
        "final_report_delivered",
    ]
    status_page = referrer.new_page()
    status_page.goto(site_url + status_path)
    history = status_page.locator("#submission-history li").all_inner_texts()
    with translation.override("it"):
        labels = [str(STEP_LABELS[step]) for step in steps]
    assert len(history) == len(labels)
    for line, label in zip(history, labels, strict=True):
        assert line.endswith(label)
    text = status_page.locator("main, body").first.inner_text()
    for personal in ("Mario", "Rossi", "RSSMRA85T10A562S", "Assunzione a tempo determinato"):
        assert personal not in text
    for context in (referrer, team, coordination):
        context.close()
