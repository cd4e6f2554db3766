"""Schemathesis fuzzes the directory and form APIs against their own OpenAPI documents.

Issue 8 asks for proof that the public APIs never answer with a 5xx and never break what
their OpenAPI documents promise. Each test loads the document the app serves, then lets
schemathesis generate requests for every operation and send them to the real Django app
through WSGI (no server, no network), on the demo seed so that lists and details return
real records. Every check schemathesis has runs: no server error, status codes, content
types and response bodies as documented, plus its negative-data checks.

The run is bounded (``max_examples``) and derandomised, so CI is reproducible and takes
about a minute. The form rate limit is switched off for the run (``SIL_FORMS_RATE_LIMIT=0``):
with hundreds of submissions from one address the fuzzer would only see 429 after the
first twenty. The 429 answer itself is documented and tested in tests/forms.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from forms.models import FormPage
from network.models import Organisation, Service, Taxonomy, TaxonomyTerm

pytestmark = [pytest.mark.django_db]

FUZZ_SETTINGS = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _mix_in(values: list[str]):
    """A path-parameter hook: half the time a real id (or slug) of the seed, else the fuzzer's own."""

    def hook(context, path_parameters):
        if not isinstance(path_parameters, dict) or len(path_parameters) != 1 or not values:
            return st.just(path_parameters)
        name = next(iter(path_parameters))
        return st.one_of(
            st.just(path_parameters),
            st.sampled_from(values).map(lambda value: {**path_parameters, name: value}),
        )

    return hook


@pytest.fixture
def wsgi_app():
    """The real WSGI app, kept from closing the test's database connection after each request.

    Django's test client does the same: the request signals would otherwise close the
    connection that holds the test transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def hsds_schema(seeded_site, wsgi_app):
    ids = [
        *map(str, Organisation.objects.published().values_list("uuid", flat=True)),
        *map(str, Service.objects.filter(organisation__is_public=True).values_list("uuid", flat=True)),
        *map(str, Taxonomy.objects.values_list("uuid", flat=True)),
        *map(str, TaxonomyTerm.objects.values_list("uuid", flat=True)),
    ]
    schema = schemathesis.openapi.from_wsgi("/api/hsds/openapi.json", wsgi_app)
    schema.hook("flatmap_path_parameters")(_mix_in(ids))
    return schema


@pytest.fixture
def forms_schema(seeded_site, wsgi_app, settings):
    settings.SIL_FORMS_RATE_LIMIT = 0
    slugs = list(FormPage.objects.live().public().values_list("slug", flat=True))
    schema = schemathesis.openapi.from_wsgi("/api/forms/openapi.json", wsgi_app)
    schema.hook("flatmap_path_parameters")(_mix_in(slugs))
    return schema


def _fuzz(schema) -> int:
    """Fuzz every operation with valid and with invalid data; return how many operations ran.

    One Hypothesis run per operation and mode, inside this test: the seed is loaded once
    per API rather than once per operation (schemathesis' pytest integration, lazy or not,
    either reseeds per operation or does not run under pytest 9).
    """
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        modes = [GenerationMode.POSITIVE]
        if any(True for _ in operation.iter_parameters()) or operation.body:
            modes.append(GenerationMode.NEGATIVE)  # without parameters or body, there is nothing to break
        for mode in modes:

            @FUZZ_SETTINGS
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                case.call_and_validate(excluded_checks=[positive_data_acceptance])

            check()
    return len(operations)


def test_directory_api_keeps_its_openapi_promises(hsds_schema):
    assert _fuzz(hsds_schema) == 11


def test_form_api_keeps_its_openapi_promises(forms_schema):
    assert _fuzz(forms_schema) == 3
