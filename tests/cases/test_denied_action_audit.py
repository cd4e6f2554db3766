"""A refused case action is audited by its name only, never by what a forged POST carried."""

import pytest
from django.urls import reverse

from cases.models import AuditEntry, Case, CaseTeamMember
from tests.factories.auth import login_staff
from tests.factories.cases import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(district, manager):
    case = CaseFactory(person=PersonFactory(district=district), stage=Case.Stage.PROJECT)
    CaseTeamMember.objects.create(case=case, user=manager, role="case_manager")
    return case


@pytest.mark.parametrize(
    ("posted", "logged"),
    [
        ("no_such_action", "case.no_such_action"),
        ("Mario Rossi RSSMRA80A01H501U", "case.unknown"),
    ],
)
def test_a_refused_action_logs_a_known_shaped_name_only(client, case, manager, posted, logged):
    login_staff(client, manager)
    response = client.post(reverse("cases_case", args=[case.pk]), {"action": posted, "version": case.version})

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DENIED, object_id=case.pk)
    assert entry.detail == logged
    assert "Rossi" not in entry.detail
