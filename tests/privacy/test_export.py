"""The right of access: everything about one person in one ZIP, decrypted, logged, never cached."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from cases.models import AuditEntry
from privacy.export import person_export_data, person_export_zip
from tests.factories.auth import login_staff
from tests.factories.cases import CaseFactory, PersonFactory
from tests.privacy.conftest import FIRST_NAME, HEALTH_NOTES, LAST_NAME, PDF, REASON, TAX_CODE

pytestmark = pytest.mark.django_db


def test_the_export_holds_every_record_decrypted_and_every_file(subject_history):
    person = subject_history["person"]
    CaseFactory(person=PersonFactory(district=subject_history["district"], first_name="Altra"))  # someone else
    filename, content = person_export_zip(person=person, by=subject_history["coordinator"])
    assert filename.startswith(f"dati-{person.reference}-")
    assert filename.endswith(".zip")
    assert FIRST_NAME not in filename
    with zipfile.ZipFile(content) as archive:
        names = archive.namelist()
        data = json.loads(archive.read("dati.json"))
        files = {name: archive.read(name) for name in names if name != "dati.json"}
    content.close()
    assert data["person"]["first_name"] == FIRST_NAME
    assert data["person"]["last_name"] == LAST_NAME
    assert data["person"]["tax_code"] == TAX_CODE
    assert data["person"]["health_notes"] == HEALTH_NOTES  # decrypted
    assert data["person"]["invalidity_percentage"] == 67
    [referral] = data["referrals"]
    assert referral["reason"] == REASON  # decrypted
    assert referral["reference"] == subject_history["referral"].reference
    assert [event["step"] for event in referral["events"]][:2] == ["received", "acknowledged"]
    submission = referral["form_submission"]
    assert submission["reference"] == referral["reference"]
    [attachment] = submission["attachments"]
    assert attachment["original_name"] == "relazione.pdf"
    [case] = data["cases"]
    assert case["reference"] == subject_history["case"].reference
    assert case["evaluations"][0]["stability_notes"] == HEALTH_NOTES
    assert case["evaluations"][0]["decision_label"]
    assert case["individual_project"]["commitments"] == HEALTH_NOTES
    assert len(case["individual_project"]["plan"]) == 1
    assert len(case["internships"]) == 1
    assert len(case["employments"]) == 1
    assert case["employments"][0]["employer_name"] == subject_history["host"].name
    assert len(case["reports"]) == 1
    assert len(case["matches"]) == 1
    documents = [entry for entry in case["timeline"] if entry["document"]]
    assert len(documents) == 1
    assert documents[0]["document_name"].startswith("certificato-")
    assert data["work_profile"]["skills"].startswith(FIRST_NAME)
    assert {role["role"] for role in case["team"]}
    assert any(line["detail"] == "person.update" for line in data["access_log"])
    # Every file named in the JSON is in the ZIP, with its bytes; nothing of anyone else.
    assert set(files) == {attachment["file"], documents[0]["document"]}
    assert all(body == PDF for body in files.values())
    assert "Altra" not in json.dumps(data)
    entry = AuditEntry.objects.filter(detail="person.export").get()
    assert entry.object_reference == person.reference
    assert entry.user == subject_history["coordinator"]


def test_the_export_data_is_json_serialisable_without_a_case(db):
    person = PersonFactory()
    data = person_export_data(person=person)
    assert data["cases"] == []
    assert data["referrals"] == []
    assert json.loads(json.dumps(data))["person"]["tax_code"] == person.tax_code


def test_coordinator_downloads_the_zip_not_cached_named_by_reference(client, subject_history):
    person = subject_history["person"]
    login_staff(client, subject_history["coordinator"])
    response = client.get(reverse("privacy_person_export", args=[person.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert f"dati-{person.reference}-" in disposition
    assert LAST_NAME not in disposition
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        data = json.loads(archive.read("dati.json"))
    assert data["person"]["last_name"] == LAST_NAME
    assert AuditEntry.objects.filter(
        detail="person.export", object_id=person.pk, user=subject_history["coordinator"]
    ).exists()
