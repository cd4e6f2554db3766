"""The headless form API: list, schema, submission, errors, CORS and OpenAPI."""

import base64
import json

import jsonschema
import pytest

from forms.models import FormsSettings, FormSubmission
from tests.forms.conftest import VALID_REFERRAL

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def submit(client, slug, payload, **headers):
    return client.post(
        f"/api/forms/{slug}/submissions", data=json.dumps(payload), content_type="application/json", **headers
    )


def test_list_shows_the_published_forms_in_the_requested_language(client, seeded_site):
    italian = client.get("/api/forms/").json()
    english = client.get("/api/forms/?lang=en").json()
    assert {item["kind"] for item in italian["items"]} == {"referral", "offer", "contact"}
    assert {item["slug"] for item in english["items"]} == {"referral", "offer-a-job-or-internship", "write-to-us"}
    assert client.get("/api/forms/", HTTP_ACCEPT_LANGUAGE="en").json()["language"] == "en"


def test_schema_describes_the_core_fields_with_ui_hints(client, referral_page):
    schema = client.get("/api/forms/segnalazione/schema").json()
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["properties"]["category"]["enum"] == ["l68_99", "l381_91", "generic"]
    assert {"person_tax_code", "consent", "reason", "referrer_email"} <= set(schema["required"])
    assert "referrer_phone" not in schema["required"]
    hints = schema["x-ui"]["fields"]
    assert hints["reason"]["label"] == "Motivo della segnalazione"  # the editor's label
    assert hints["referrer_email"]["autocomplete"] == "email"
    assert schema["x-ui"]["order"][0] == "person_first_name"
    assert schema["x-ui"]["order"][-1] == "consent"
    jsonschema.Draft202012Validator.check_schema(schema)
    # the data the HTML form accepts is valid against the schema
    jsonschema.validate(VALID_REFERRAL, schema)


def test_schema_follows_the_requested_language(client, referral_page):
    english = client.get("/api/forms/segnalazione/schema?lang=en").json()
    assert english["title"] == "Refer a person"
    assert english["x-ui"]["fields"]["person_first_name"]["label"] == "First name"
    italian = client.get("/api/forms/referral/schema", HTTP_ACCEPT_LANGUAGE="it").json()
    assert italian["title"] == "Segnala una persona"
    assert italian["x-ui"]["fields"]["person_first_name"]["label"] == "Nome"


def test_unknown_and_draft_forms_are_404(client, referral_page):
    assert client.get("/api/forms/nessuno/schema").status_code == 404
    referral_page.unpublish()
    assert client.get("/api/forms/segnalazione/schema").status_code == 404
    response = submit(client, "segnalazione", VALID_REFERRAL)
    assert response.status_code == 404
    assert response.json()["error"]


def test_a_valid_json_submission_is_stored_with_its_snapshot(client, referral_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = submit(client, "segnalazione", VALID_REFERRAL, HTTP_IDEMPOTENCY_KEY="key-1")
    assert response.status_code == 201, response.content
    body = response.json()
    submission = FormSubmission.objects.get()
    assert body["reference"] == submission.reference
    assert body["replayed"] is False
    assert submission.source == "api"
    assert submission.form_data["person_tax_code"] == "RSSMRA85T10A562S"
    assert submission.form_data["person_municipality"] == "Dalmine (BG)"
    assert submission.revision_id == referral_page.live_revision_id
    assert submission.snapshot["privacy_notice_version"] == "2026-11"
    labels = {field["name"]: field["label"] for field in submission.snapshot["fields"]}
    assert labels["reason"] == "Motivo della segnalazione"
    assert len(callbacks) == 1  # processing is enqueued only once the transaction commits


def test_same_idempotency_key_gives_one_submission_and_the_same_answer(client, referral_page):
    first = submit(client, "segnalazione", VALID_REFERRAL, HTTP_IDEMPOTENCY_KEY="abc")
    second = submit(client, "segnalazione", VALID_REFERRAL, HTTP_IDEMPOTENCY_KEY="abc")
    assert first.status_code == second.status_code == 201
    assert first.json()["reference"] == second.json()["reference"]
    assert second.json()["replayed"] is True
    assert FormSubmission.objects.count() == 1
    reused = submit(client, "segnalazione", {**VALID_REFERRAL, "reason": "Altro"}, HTTP_IDEMPOTENCY_KEY="abc")
    assert reused.status_code == 409
    assert FormSubmission.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("person_tax_code", "RSSMRA85T10A562X"),
        ("person_municipality", "Atlantide"),
        ("person_date_of_birth", "2999-01-01"),
        ("category", "other"),
        ("consent", False),
        ("referrer_email", "not-an-address"),
        ("reason", ["a list"]),
        ("consent", "yes"),
    ],
)
def test_bad_fields_are_field_errors_and_nothing_is_stored(client, referral_page, field, value):
    response = submit(client, "segnalazione", {**VALID_REFERRAL, field: value})
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert FormSubmission.objects.count() == 0


def test_missing_and_unknown_fields_are_reported(client, referral_page):
    payload = {key: value for key, value in VALID_REFERRAL.items() if key != "person_last_name"}
    payload["shoe_size"] = "42"
    errors = submit(client, "segnalazione", payload).json()["errors"]
    assert "shoe_size" in errors
    errors = submit(client, "segnalazione", {k: v for k, v in VALID_REFERRAL.items() if k != "person_last_name"})
    assert "person_last_name" in errors.json()["errors"]


def test_broken_json_and_wrong_content_type_are_400(client, referral_page):
    broken = client.post("/api/forms/segnalazione/submissions", data="{nope", content_type="application/json")
    assert broken.status_code == 400
    assert "JSON" in broken.json()["error"]
    not_object = client.post("/api/forms/segnalazione/submissions", data="[1]", content_type="application/json")
    assert not_object.status_code == 400
    text = client.post("/api/forms/segnalazione/submissions", data="hello", content_type="text/plain")
    assert text.status_code == 400
    assert FormSubmission.objects.count() == 0


def test_multipart_submission_with_a_pdf_attachment(client, referral_page):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {**VALID_REFERRAL, "consent": "on", "relazione_allegata": SimpleUploadedFile("relazione.pdf", PDF)}
    response = client.post("/api/forms/segnalazione/submissions", data=data)
    assert response.status_code == 201, response.content
    attachment = FormSubmission.objects.get().attachments.get()
    assert attachment.original_name == "relazione.pdf"
    assert attachment.content_type == "application/pdf"
    assert not attachment.file.storage.location.startswith(str(client.__class__))  # private storage
    assert attachment.file.read() == PDF


def test_json_attachment_and_repeatable_group(client, referral_page):
    payload = {
        **VALID_REFERRAL,
        "relazione_allegata": {"filename": "r.pdf", "content_base64": base64.b64encode(PDF).decode()},
        "altri_servizi_che_seguono_la_persona": [
            {"servizio": "CPS Bergamo", "operatore": "Dott. Neri"},
            {"servizio": "SerD", "operatore": ""},
        ],
    }
    response = submit(client, "segnalazione", payload)
    assert response.status_code == 201, response.content
    submission = FormSubmission.objects.get()
    assert submission.form_data["altri_servizi_che_seguono_la_persona"] == [
        {"Servizio": "CPS Bergamo", "Operatore": "Dott. Neri"},
        {"Servizio": "SerD", "Operatore": ""},
    ]
    assert submission.attachments.count() == 1


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("finto.pdf", b"MZ\x90\x00 this is a program", "programmi"),
        ("immagine.pdf", b"\x89PNG\r\n\x1a\n....", "PDF"),
        ("relazione.exe", PDF, "programmi"),
    ],
)
def test_mislabelled_or_executable_uploads_are_refused(client, referral_page, filename, content, message):
    payload = {
        **VALID_REFERRAL,
        "relazione_allegata": {"filename": filename, "content_base64": base64.b64encode(content).decode()},
    }
    response = submit(client, "segnalazione", payload)
    assert response.status_code == 422
    assert message in " ".join(response.json()["errors"]["relazione_allegata"])
    assert FormSubmission.objects.count() == 0


def test_oversized_upload_is_refused(client, referral_page, settings):
    settings.SIL_FORMS_MAX_UPLOAD_BYTES = 100
    payload = {
        **VALID_REFERRAL,
        "relazione_allegata": {"filename": "r.pdf", "content_base64": base64.b64encode(PDF + b" " * 200).decode()},
    }
    response = submit(client, "segnalazione", payload)
    assert response.status_code == 422
    assert "troppo grande" in response.json()["errors"]["relazione_allegata"][0]


def test_rate_limit_answers_429(client, referral_page, settings):
    settings.SIL_FORMS_RATE_LIMIT = 2
    codes = [submit(client, "segnalazione", VALID_REFERRAL).status_code for _ in range(3)]
    assert codes == [201, 201, 429]


def test_cors_only_for_listed_origins(client, referral_page, seeded_site):
    origin = "https://www.ambito-dalmine.example"
    response = client.options(
        "/api/forms/segnalazione/submissions", HTTP_ORIGIN=origin, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "access-control-allow-origin" not in response.headers
    FormsSettings.objects.update_or_create(site=seeded_site, defaults={"allowed_origins": origin + "/\n"})
    response = client.options(
        "/api/forms/segnalazione/submissions", HTTP_ORIGIN=origin, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert response.headers["access-control-allow-origin"] == origin
    assert "idempotency-key" in response.headers["access-control-allow-headers"]
    other = client.get("/api/forms/", HTTP_ORIGIN="https://evil.example")
    assert "access-control-allow-origin" not in other.headers
    assert "access-control-allow-origin" not in client.get("/api/v2/pages/", HTTP_ORIGIN=origin).headers


def test_openapi_document(client, seeded_site):
    document = client.get("/api/forms/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {"/api/forms/", "/api/forms/{slug}/schema", "/api/forms/{slug}/submissions"}
    assert "422" in document["paths"]["/api/forms/{slug}/submissions"]["post"]["responses"]
