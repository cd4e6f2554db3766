"""The second resource: contact persons, attached to organisations found by VAT number or tax code."""

import pytest

from imports import services
from imports.models import ImportStatus
from network.models import Contact, Organisation
from tests.imports import files
from tests.imports.helpers import confirm_and_import, preview, upload

pytestmark = pytest.mark.django_db

HEADER = ["P.IVA azienda", "Nominativo", "Ruolo", "E-mail", "Telefono"]


def test_contacts_are_created_updated_and_rejected_when_their_organisation_is_unknown(
    django_capture_on_commit_callbacks,
):
    alfa = Organisation.objects.create(name="Alfa", kind="company", vat_number=files.vat(1), slug="alfa")
    beta = Organisation.objects.create(name="Beta", kind="company", tax_code=files.vat(2), slug="beta")
    known = Contact.objects.create(organisation=alfa, name="Maria Rossi", title="HR", email="m.rossi@alfa.it")
    rows = [
        {"P.IVA azienda": files.vat(1), "Nominativo": "MARIA ROSSI", "Ruolo": "Responsabile del personale"},
        {
            "P.IVA azienda": "IT " + files.vat(2),
            "Nominativo": "Luca Bianchi",
            "E-mail": "Luca@Beta.it",
            "Telefono": "+39 333 1234567",
        },
        {"P.IVA azienda": files.vat(3), "Nominativo": "Anna Verdi"},
        {"P.IVA azienda": files.vat(2), "Nominativo": "Luca Bianchi"},
    ]
    job = upload(files.csv_bytes(rows, header=HEADER), name="referenti.csv", resource="contacts")
    assert job.status == ImportStatus.PARSED, job.error_reason
    assert job.mapping == {"0": "organisation_vat", "1": "name", "2": "title", "3": "email", "4": "phone"}
    job = preview(job, django_capture_on_commit_callbacks)
    assert (job.count_new, job.count_updated, job.count_invalid) == (1, 1, 2)
    reasons = {row: reason for row, _column, reason in job.report["errors"]}
    assert "No organisation" in reasons[4]
    assert "Duplicate of row 3" in reasons[5]

    job = confirm_and_import(job, django_capture_on_commit_callbacks, policy="skip_invalid")
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    known.refresh_from_db()
    assert known.title == "Responsabile del personale"
    created = Contact.objects.get(organisation=beta)
    assert (created.name, created.email, created.phone) == ("Luca Bianchi", "luca@beta.it", "+393331234567")

    services.job_undo(job=job)
    known.refresh_from_db()
    assert known.title == "HR"
    assert not Contact.objects.filter(organisation=beta).exists()
