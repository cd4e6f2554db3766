"""A referring worker fills the referral form in a real browser, with an accessibility check."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

from config.celery_app import app as celery_app

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def form_url(live_server, settings):
    settings.SIL_FORMS_MIN_FILL_SECONDS = 0
    cache.clear()
    call_command("seed_demo", stdout=io.StringIO())
    # No worker here: tasks run in the server thread when the submission commits.
    celery_app.conf.task_always_eager = True
    yield live_server.url + "/per-i-servizi-invianti/segnalazione/"
    celery_app.conf.task_always_eager = False


def serious_violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.response["passes"]
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_referrer_fixes_a_mistake_attaches_a_pdf_and_gets_a_reference(page, form_url, tmp_path):
    from cases.models import Referral

    page.goto(form_url)
    assert serious_violations(page) == []

    page.get_by_role("textbox", name="Nome", exact=True).fill("Mario")
    page.get_by_label("Cognome").fill("Rossi")
    page.get_by_label("Data di nascita").fill("10/12/1985")
    page.get_by_label("Codice fiscale").fill("RSSMRA85T10A562X")  # wrong check character
    page.get_by_label("Comune di residenza").fill("Dalmine")
    # Bootstrap Italia draws radios and checkboxes on their labels: click the label, as a person does.
    page.get_by_text("Disabile ai sensi della Legge 68/1999", exact=True).click()
    page.get_by_label("Motivo della segnalazione").fill("Primo inserimento dopo un lungo periodo senza lavoro.")
    page.get_by_label("Servizio inviante").fill("Servizio sociale del Comune di Dalmine")
    page.get_by_label("Il tuo nome").fill("Giulia Bianchi")
    page.get_by_label("La tua e-mail").fill("giulia.bianchi@example.org")
    page.get_by_text("Ho letto l'informativa").click()
    assert page.get_by_label("Disabile ai sensi della Legge 68/1999").is_checked()
    assert page.get_by_label("Ho letto l'informativa").is_checked()
    page.get_by_role("button", name="Invia").click()

    summary = page.get_by_role("alert")
    assert "problema" in summary.inner_text()
    # The focus moves when forms/error-summary.js has run (a static file, for the CSP), which can
    # be a moment after the summary is in the page: wait for it, failing after 5 s.
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'error-summary'", timeout=5000
    )
    assert serious_violations(page) == []
    summary.get_by_role("link", name="Codice fiscale").click()
    assert page.evaluate("document.activeElement.id") == "id_person_tax_code"

    page.get_by_label("Codice fiscale").fill("RSSMRA85T10A562S")
    pdf = tmp_path / "relazione.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label("Relazione allegata").set_input_files(str(pdf))
    page.get_by_role("button", name="Invia").click()

    reference = page.locator("#reference-code").inner_text()
    assert reference.startswith("SIL-")
    referral = Referral.objects.get(submission__isnull=False)  # the demo referrals have no submission
    assert referral.reference == reference
    assert referral.status == "received"
    assert referral.submission.attachments.get().original_name == "relazione.pdf"
    receipts = [message for message in mail.outbox if message.to == ["giulia.bianchi@example.org"]]
    assert len(receipts) == 1
    assert reference in receipts[0].body
