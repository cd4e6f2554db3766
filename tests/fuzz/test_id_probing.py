"""Ids of other people's records, in every admin URL that takes one, are refused and logged.

Issue 8 ("Bad input"): a staff member must not reach another district's records by typing
ids into URLs. The URLs are not listed by hand: every admin URL of the case-work apps
(cases, jobs, form attachments, imports, outcomes, privacy) is read from Django's
resolver, so a new URL with an id fails ``test_every_admin_url_with_an_id_is_covered``
until it gets a row in ``RECORDS``. Each one is then requested, GET and POST, by a
coordinator of another district with the ids of a record of district A: the answer is a
403 or a 404, logged at WARNING, with none of the person's data in the body or the log.

Also here: the referrer portal with another referrer's reference, and the public status
page of a submission with a random key.
"""

from __future__ import annotations

import base64
import json
import logging
import secrets
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cases.models import CaseReport, ReferrerSignIn, TimelineEntry
from forms.models import FormSubmission, SubmissionAttachment
from tests.factories.auth import login_staff
from tests.factories.cases import CaseFactory, ReferralFactory, staff_user
from tests.factories.jobs import EmployerContactFactory, JobOfferFactory
from tests.factories.network import DistrictFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# The admin URLs of these apps are probed; a new app with personal data belongs here too.
PROBED_PREFIXES = ("cases/", "jobs/", "forms/", "imports/", "outcomes/", "privacy/")
FIRST, LAST, REFERENCE = "Ermenegilda", "Zuccarello-Probe", "SIL-PROBE0001"
SECRETS = (FIRST, LAST, REFERENCE, "ZCCRNG80A41A794K")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _probed(route: str) -> bool:
    return route.startswith("admin/") and route.removeprefix("admin/").startswith(PROBED_PREFIXES)


def _admin_patterns(resolver=None, prefix=""):
    """Every URL pattern under /admin/ of the probed apps: (route, name, id parameters)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            for sub_route, name, params in _admin_patterns(pattern, route):
                yield sub_route, (namespace + name if name else name), params
        elif isinstance(pattern, URLPattern) and _probed(route):
            yield route, pattern.name or "", tuple(pattern.pattern.regex.groupindex)


def _id_patterns() -> dict[str, tuple[str, tuple[str, ...]]]:
    return {name: (route, params) for route, name, params in _admin_patterns() if params}


# For each admin URL with an id: the kwargs that name a record of district A, built from the
# ``world`` fixture. Extra non-id parameters (a file format) get a fixed valid value.
RECORDS = {
    "cases_referral": lambda w: {"pk": w["referral"].pk},
    "cases_case": lambda w: {"pk": w["case"].pk},
    "cases_report_pdf": lambda w: {"case_pk": w["case"].pk, "pk": w["report"].pk},
    "cases_document": lambda w: {"case_pk": w["case"].pk, "pk": w["entry"].pk},
    "jobs_matching_case": lambda w: {"pk": w["case"].pk},
    "jobs_matching_confirm": lambda w: {"pk": w["case"].pk},
    "jobs_work_profile": lambda w: {"pk": w["case"].pk},
    "jobs_matching_offer": lambda w: {"pk": w["offer"].pk},
    "jobs_contacts": lambda w: {"pk": w["employer"].pk},
    "jobs_contact_add": lambda w: {"pk": w["employer"].pk},
    "privacy_person_export": lambda w: {"pk": w["case"].person.pk},
    "privacy_person_erase": lambda w: {"pk": w["case"].person.pk},
    "forms_attachment": lambda w: {"pk": w["attachment"].pk},
    "wagtailforms:list_submissions": lambda w: {"page_id": w["attachment"].submission.page_id},
    "wagtailforms:list_submissions_results": lambda w: {"page_id": w["attachment"].submission.page_id},
    "wagtailforms:delete_submissions": lambda w: {"page_id": w["attachment"].submission.page_id},
    "imports:job": lambda w: {"job_id": w["import_job"].pk},
    "imports:mapping": lambda w: {"job_id": w["import_job"].pk},
    "imports:status": lambda w: {"job_id": w["import_job"].pk},
    "imports:run_again": lambda w: {"job_id": w["import_job"].pk},
    "imports:undo": lambda w: {"job_id": w["import_job"].pk},
    "imports:rejected": lambda w: {"job_id": w["import_job"].pk, "file_format": "csv"},
}

# Organisations (and their employer contacts) are the network's shared directory, not
# district records: every job developer works with every employer. These URLs may answer
# 200 to another district, but must still show none of district A's person's data.
NETWORK_WIDE = {"jobs_contacts", "jobs_contact_add"}
# Wagtail's own form-submission screens refuse with a redirect and no log line; they are
# Wagtail's views, not ours, so they are only checked for the refusal and the data.
UNLOGGED_BY_WAGTAIL = {
    "wagtailforms:list_submissions",
    "wagtailforms:list_submissions_results",
    "wagtailforms:delete_submissions",
}


def test_every_admin_url_with_an_id_is_covered():
    found = _id_patterns()
    assert found, "the resolver walk found no admin URL with an id: the walk is broken"
    missing = sorted(set(found) - set(RECORDS))
    assert not missing, f"admin URLs with an id that nobody probes: add them to RECORDS: {missing}"
    stale = sorted(set(RECORDS) - set(found))
    assert not stale, f"RECORDS names URLs that no longer exist: {stale}"


@pytest.fixture
def world(seeded_site, settings, django_capture_on_commit_callbacks):
    """District A's records (one person's case, report, document entry, referral, attachment...)."""
    settings.SIL_FORMS_MIN_FILL_SECONDS = 0
    cache.clear()
    district_a = DistrictFactory(name="Ambito A di prova", slug="ambito-a-prova")
    district_b = DistrictFactory(name="Ambito B di prova", slug="ambito-b-prova")
    manager = staff_user("manager-a", district_a)
    case = CaseFactory(
        person__first_name=FIRST, person__last_name=LAST, person__tax_code=SECRETS[3], person__district=district_a
    )
    report = CaseReport.objects.create(
        case=case, kind=CaseReport.Kind.PROGRESS, author=manager, written_on=date.today(), summary=f"{FIRST} {LAST}"
    )
    entry = TimelineEntry.objects.create(
        case=case, kind=TimelineEntry.Kind.NOTE, occurred_at=timezone.now(), text=f"{FIRST} {LAST}", author=manager
    )
    referral = ReferralFactory(reference=REFERENCE, first_name=FIRST, last_name=LAST, district=district_a)
    from tests.forms.conftest import VALID_REFERRAL

    payload = {
        **VALID_REFERRAL,
        "person_first_name": FIRST,
        "person_last_name": LAST,
        "relazione_allegata": {"filename": "r.pdf", "content_base64": base64.b64encode(PDF).decode()},
    }
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=False):
        answer = Client().post(
            "/api/forms/segnalazione/submissions", data=json.dumps(payload), content_type="application/json"
        )
    assert answer.status_code == 201, answer.content
    attachment = SubmissionAttachment.objects.select_related("submission").get()
    from imports import services as import_services

    import_job = import_services.job_create(
        data=b"name,vat_number\nDitta Prova srl,00743110157\n",
        file_name="aziende.csv",
        resource="organisations",
        user=manager,
    )
    employer = OrganisationFactory()
    EmployerContactFactory(organisation=employer)
    return {
        "district_a": district_a,
        "outsider": staff_user("outsider-b", district_b, coordinator=True),
        "case": case,
        "report": report,
        "entry": entry,
        "referral": referral,
        "attachment": attachment,
        "import_job": import_job,
        "offer": JobOfferFactory(district=district_a, contact_name=f"{FIRST} {LAST}"),
        "employer": employer,
    }


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _assert_refused(response, url: str, method: str, *, shared: bool = False) -> None:
    status = response.status_code
    if shared:
        assert status < 500, f"{method} {url} answered {status}"
    elif status == 302:  # Wagtail's admin answers some refusals by sending the user back to the dashboard
        assert response.url in ("/admin/", reverse("wagtailadmin_home")), f"{method} {url} redirected to {response.url}"
    else:
        # 405: the other method of a GET-only or POST-only view (both are probed).
        assert status in (403, 404, 405), f"{method} {url} answered {status}, not a refusal"
    body = _body(response).decode("utf-8", "replace")
    for secret in SECRETS:
        assert secret not in body, f"{method} {url} shows {secret!r} to another district"


def test_another_districts_ids_are_refused_in_every_admin_url(client, world, caplog):
    login_staff(client, world["outsider"])
    probed, unlogged = 0, []
    for name, (_route, _params) in sorted(_id_patterns().items()):
        url = reverse(name, kwargs=RECORDS[name](world))
        for method in ("get", "post"):
            caplog.clear()
            with caplog.at_level(logging.WARNING):
                response = getattr(client, method)(url)
            _assert_refused(response, url, method.upper(), shared=name in NETWORK_WIDE)
            probed += 1
            if name in NETWORK_WIDE or name in UNLOGGED_BY_WAGTAIL:
                continue
            warnings = [record for record in caplog.records if record.levelno >= logging.WARNING]
            if not warnings:
                unlogged.append(f"{method.upper()} {url} {response.status_code}")
            logged = " ".join(record.getMessage() for record in warnings)
            assert not any(secret in logged for secret in SECRETS), f"{method.upper()} {url} logged personal data"
    assert probed == 2 * len(RECORDS)
    assert not unlogged, f"refused without a WARNING log line: {unlogged}"
    # Nothing was changed by the refused POSTs: the person is still there, not erased.
    world["case"].person.refresh_from_db()
    assert world["case"].person.last_name == LAST
    assert FormSubmission.objects.filter(pk=world["attachment"].submission_id).exists()


# --- the referrer portal and the public status page -----------------------------------------


def test_the_referrer_portal_refuses_another_referrers_reference(client, db, caplog):
    from cases.referrer_access import COOKIE_NAME, set_session_cookie

    mine = ReferralFactory(referrer_email="mia@comune.example.it")
    theirs = ReferralFactory(referrer_email="altro@cps.example.it", first_name=FIRST, last_name=LAST)
    sign_in = ReferrerSignIn.objects.create(
        email="mia@comune.example.it",
        token_hash=secrets.token_hex(32),
        expires_at=timezone.now(),
        used_at=timezone.now(),
    )
    from django.http import HttpResponse

    carrier = HttpResponse()
    set_session_cookie(carrier, sign_in=sign_in)
    client.cookies[COOKIE_NAME] = carrier.cookies[COOKIE_NAME].value
    assert client.get(reverse("cases_referrer_referral", args=[mine.reference])).status_code == 200
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("cases_referrer_referral", args=[theirs.reference]))
    assert response.status_code == 404
    body = response.content.decode()
    # The reference itself comes back only inside the 404 page's own language links (the URL
    # the visitor typed); nothing of the referral does.
    assert LAST not in body
    assert FIRST not in body
    assert theirs.referrer_email not in body
    assert any(record.levelno >= logging.WARNING for record in caplog.records)


def test_the_public_status_page_with_a_random_key_is_a_logged_404(client, seeded_site, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("forms_status", args=[secrets.token_urlsafe(24)]))
    assert response.status_code == 404
    assert any(record.name == "django.request" and record.levelno == logging.WARNING for record in caplog.records)
