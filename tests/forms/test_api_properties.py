"""Property-based test of the submission endpoint: random payloads never cause a 500 or half-stored data."""

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cases.models import Referral
from forms.models import FormSubmission, SubmissionAttachment
from tests.forms.conftest import VALID_REFERRAL

pytestmark = pytest.mark.django_db

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=300),
    st.lists(st.text(max_size=20), max_size=3),
    st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=3),
)


def field_values(name, valid):
    """Mostly plausible values (the valid one, small edits of it, emptiness), sometimes junk."""
    options = [st.just(valid), JUNK]
    if isinstance(valid, str):
        options += [
            st.just(valid.lower()),
            st.just(""),
            st.just(" " + valid + " "),
            st.just(valid + "\x00"),
            st.text(min_size=1, max_size=4100),
        ]
    return st.one_of(*options)


EXTRAS = {
    "unknown_field": JUNK,
    "relazione_allegata": st.one_of(
        JUNK,
        st.fixed_dictionaries(
            {"filename": st.sampled_from(["r.pdf", "r.exe", "r.png", ""]), "content_base64": st.text(max_size=40)}
        ),
        st.just({"filename": "r.pdf", "content_base64": "JVBERi0xLjQKJSVFT0YK"}),  # a tiny real PDF
    ),
    "altri_servizi_che_seguono_la_persona": st.one_of(
        JUNK,
        st.lists(
            st.fixed_dictionaries({}, optional={"servizio": st.text(max_size=250), "operatore": JUNK}),
            max_size=25,
        ),
    ),
}
DELETE = object()


@st.composite
def payloads(draw):
    """A valid referral with up to three fields broken or removed, and maybe extra fields."""
    payload = dict(VALID_REFERRAL)
    for name in draw(st.lists(st.sampled_from(sorted(VALID_REFERRAL)), max_size=3, unique=True)):
        value = draw(st.one_of(st.just(DELETE), field_values(name, VALID_REFERRAL[name])))
        if value is DELETE:
            del payload[name]
        else:
            payload[name] = value
    for name in draw(st.lists(st.sampled_from(sorted(EXTRAS)), max_size=2, unique=True)):
        payload[name] = draw(EXTRAS[name])
    return payload


bodies = st.one_of(
    payloads().map(json.dumps),
    st.dictionaries(st.text(max_size=30), JUNK, max_size=5).map(json.dumps),
    st.binary(max_size=200).map(lambda raw: raw.decode("latin-1")),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_any_body_gets_201_or_a_4xx_with_reasons_and_is_stored_whole_or_not_at_all(client, referral_page, body):
    schema = client.get("/api/forms/segnalazione/schema").json()
    before = FormSubmission.objects.count()
    response = client.post("/api/forms/segnalazione/submissions", data=body, content_type="application/json")
    assert response.status_code in {201, 400, 422}, response.content
    event(f"status {response.status_code}")
    answer = response.json()
    if response.status_code == 201:
        submission = FormSubmission.objects.get(reference=answer["reference"])
        assert FormSubmission.objects.count() == before + 1
        # what the server accepted, the published schema accepts too
        jsonschema.validate(json.loads(body), schema)
        assert set(submission.form_data) >= {"person_tax_code", "consent", "reason"}
    else:
        assert FormSubmission.objects.count() == before
        assert answer["error"]
        if response.status_code == 422:
            assert answer["errors"]
            assert all(isinstance(messages, list) and messages for messages in answer["errors"].values())
    # nothing half-stored: every attachment belongs to a stored submission, no referral without one
    assert not SubmissionAttachment.objects.exclude(submission__in=FormSubmission.objects.all()).exists()
    # processing only happens after commit, in the worker (the demo referrals have no submission)
    assert not Referral.objects.filter(submission__isnull=False).exists()
