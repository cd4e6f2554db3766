"""A network editor imports a partner list in the admin (Italian UI), in a real browser, with a Celery worker."""

import io
import time

import openpyxl
import pytest
from axe_playwright_python.sync_playwright import Axe
from celery.contrib.testing.worker import start_worker

from config.celery_app import app as celery_app
from imports import apply
from imports.models import ImportJob, ImportStatus
from network.models import Organisation
from tests.browser.conftest import admin_sign_in
from tests.imports import files
from tests.imports.conftest import network_editors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "una-password-lunga-2026"


@pytest.fixture
def worker():
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as running:
        yield running


@pytest.fixture
def editor_page(page, live_server, django_user_model):
    user = django_user_model.objects.create_user(username="rete", password=PASSWORD)
    user.groups.add(network_editors())
    admin_sign_in(page, live_server.url, "rete", PASSWORD)
    return page


def _serious_violations(page) -> list[str]:
    results = Axe().run(
        page, context={"include": [["#main"]]}, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}
    )
    assert results.response["passes"]  # axe really ran its rules
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_editor_uploads_maps_previews_imports_downloads_and_undoes(editor_page, live_server, worker, monkeypatch):
    page = editor_page
    original = apply.apply_organisations

    def slow_apply(*args, **kwargs):  # long enough to watch the bar move
        time.sleep(2)
        return original(*args, **kwargs)

    monkeypatch.setattr(apply, "apply_organisations", slow_apply)
    monkeypatch.setattr("imports.services.apply_organisations", slow_apply)

    header = [*files.HEADER[:-1], "Addetti totali"]
    rows = [files.partner(n, **{"Addetti totali": "22"}) for n in range(1, 6)]
    rows.append(files.partner(7, **{"P.IVA": files.bad_vat(7), "Ragione sociale": "=SOMMA(1;2)"}))
    page.goto(live_server.url + "/admin/imports/new/")
    page.set_input_files(
        "input[type=file]",
        {"name": "aziende.csv", "mimeType": "text/csv", "buffer": files.csv_bytes(rows, header=header)},
    )
    page.locator("#main form button[type=submit]").click()

    # Mapping: the unknown header is fixed by hand.
    page.wait_for_url("**/columns/")
    assert _serious_violations(page) == []
    page.get_by_label("Dove va “Addetti totali”").select_option("employees")
    page.locator("#main form button[type=submit]").click()

    # Preview: counts and the invalid row with its reason.
    confirm = page.get_by_role("button", name="Conferma e importa")
    confirm.wait_for(timeout=30_000)
    assert "cifra di controllo" in page.locator("#main").inner_text()
    assert _serious_violations(page) == []
    page.get_by_label("Salta le righe non valide e importa le altre").check()
    confirm.click()

    # Progress: the bar fed by the status endpoint reaches 100%.
    page.wait_for_selector("progress#import-progress", timeout=15_000)
    # A function, not an expression: Playwright would eval() an expression, which the CSP forbids.
    page.wait_for_function("() => document.querySelector('#import-progress')?.value === 100", timeout=30_000)
    page.get_by_role("link", name="Annulla questa importazione").wait_for(timeout=30_000)
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.IMPORTED
    assert Organisation.objects.filter(employees=22).count() == 5

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Scarica le righe scartate con i motivi (Excel)").click()
    sheet = openpyxl.load_workbook(io.BytesIO(download_info.value.path().read_bytes())).active
    assert sheet.cell(row=2, column=1).value == 7
    assert sheet.cell(row=2, column=2).value == "'=SOMMA(1;2)"

    page.get_by_role("link", name="Annulla questa importazione").click()
    page.get_by_role("button", name="Sì, annulla l'importazione").click()
    page.get_by_text("Annullato il").wait_for(timeout=30_000)  # the undo ran on the worker
    assert Organisation.objects.count() == 0
    job.refresh_from_db()
    assert job.status == ImportStatus.UNDONE
