"""The "Outcomes" admin screen: permissions, filters, bad periods, charts and the spreadsheets."""

import base64
import csv
import io
import re
import zipfile
from datetime import date

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.users.models import UserProfile

from cases.models import AuditEntry
from tests.factories.auth import login_staff
from tests.outcomes.history import TODAY, build_history

URL = "/admin/outcomes/"


@pytest.fixture
def history(db, django_user_model, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    history = build_history(django_user_model)
    for user in (history.coordinator, history.superuser):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"  # assert on the English msgids, whatever the catalogue holds
        profile.save()
    return history


@pytest.fixture
def coordinator_client(client, history):
    login_staff(client, history.coordinator)
    return client


def test_the_menu_shows_the_dashboard_to_case_staff_only(client, history, django_user_model):
    login_staff(client, history.coordinator)
    assert reverse("outcomes_dashboard") in client.get("/admin/").content.decode()
    editor = django_user_model.objects.create_user(username="editor", password="pw-test-2026", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_staff(client, editor)
    assert reverse("outcomes_dashboard") not in client.get("/admin/").content.decode()
    # Wagtail turns PermissionDenied in the admin into a redirect home with an error message.
    response = client.get(URL)
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert AuditEntry.objects.filter(user=editor, action=AuditEntry.Action.DENIED).exists()


def test_anonymous_users_are_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_coordinator_sees_figures_tables_and_charts_of_their_district(coordinator_client):
    response = coordinator_client.get(URL, {"year": 2025})

    assert response.status_code == 200
    assert response.context["dashboard"].total["received"] == 6
    html = response.content.decode()
    assert "Ambito di Dalmine" in html
    assert "Ambito di Seriate" not in html
    assert "75% (3 of 4)" in html  # still employed after 3 months, in the summary table
    charts = re.findall(
        r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"[^>]*>\s*'
        r'<figcaption class="help">([^<]+)</figcaption>',
        html,
    )
    assert len(charts) == 6
    svg = base64.b64decode(charts[0][0]).decode()
    assert "<svg" in svg
    assert "Referrals by district" in svg  # text kept as text (svg.fonttype "none")
    assert "Ambito di Dalmine" in svg
    assert "<pattern" in svg  # hatching: the series read without colour
    assert charts[0][1] == "Referrals by district"
    # The text alternative, next to the chart, lists every value it draws.
    assert charts[0][2] == "Ambito di Dalmine: Referrals received 6, Referrals answered 5, Referrals accepted 3."
    assert charts[3][1] == "Still employed, of the hires old enough"
    assert "after 12 months: Still employed 100% (1 of 1)" in charts[3][2]


def test_a_quarter_is_one_choice(coordinator_client):
    response = coordinator_client.get(URL, {"year": 2025, "quarter": 1})
    filters = response.context["filters"]
    assert (filters.date_from, filters.date_to) == (date(2025, 1, 1), date(2025, 3, 31))
    assert response.context["dashboard"].total["received"] == 1


def test_default_period_is_the_current_year(coordinator_client):
    filters = coordinator_client.get(URL).context["filters"]
    assert (filters.date_from, filters.date_to) == (date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2025-12-31", "date_to": "2025-01-01"}, "The period is reversed"),
        ({"date_from": "2025-01-01"}, "The period is incomplete"),
        ({"date_to": "2025-01-01"}, "The period is incomplete"),
    ],
)
def test_a_reversed_or_incomplete_period_is_explained_not_computed(coordinator_client, params, message):
    response = coordinator_client.get(URL, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "dashboard" not in response.context


def test_another_district_cannot_be_picked(coordinator_client, history):
    response = coordinator_client.get(URL, {"year": 2025, "district": history.seriate.pk})
    assert response.status_code == 200
    assert "dashboard" not in response.context
    assert response.context["form"].errors["district"]


def test_superuser_sees_every_district(client, history):
    login_staff(client, history.superuser)
    response = client.get(URL, {"year": 2025})
    labels = [row["label"] for row in response.context["dashboard"].by_district]
    assert labels == ["Ambito di Dalmine", "Ambito di Seriate", "No district yet"]
    response = client.get(URL, {"year": 2025, "district": history.seriate.pk})
    assert response.context["dashboard"].total["received"] == 1


def test_xlsx_holds_every_figure(coordinator_client):
    response = coordinator_client.get(URL, {"year": 2025, "download": "xlsx"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="risultati-20250101-20251231.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Summary", "By district", "By category", "By promoter"]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Period from"] == "2025-01-01"
    assert summary["Referrals received"] == 6
    assert summary["Referrals answered"] == 5
    assert summary["Median days to first contact"] == 5
    assert summary["Median days to first employer contact"] == 20
    assert summary["Internships completed"] == 3
    assert summary["People hired"] == 4
    assert (summary["Hires at least 6 months old"], summary["Still employed after 6 months"]) == (3, 2)
    assert summary["Share still employed after 3 months"] == 0.75
    assert summary["Employer contacts"] == 4
    assert summary["Employer contacts per promoter per week"] == round(4 / 2 / (365 / 7), 4)
    assert summary["Offers filled"] == 2
    district_rows = list(book["By district"].iter_rows(values_only=True))
    assert district_rows[0][:2] == ("District", "Referrals received")
    assert district_rows[1][:4] == ("Ambito di Dalmine", 6, 5, 3)
    assert len(district_rows) == 2  # Seriate is not there
    promoters = list(book["By promoter"].iter_rows(min_row=2, values_only=True))
    assert promoters[0][:2] == ("Anna Bianchi", 3)


def test_csv_and_ods(coordinator_client):
    response = coordinator_client.get(URL, {"year": 2025, "download": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Table", "Row", "Indicator", "Value"]
    assert ["Summary", "", "Referrals received", "6"] in rows
    assert ["By district", "Ambito di Dalmine", "Still employed after 3 months", "3"] in rows
    assert ["By category", "Disabled under Law 68/1999", "Referrals received", "1"] in rows
    assert ["By promoter", "bruno", "Employer contacts", "1"] in rows

    response = coordinator_client.get(URL, {"year": 2025, "download": "ods"})
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    content = zipfile.ZipFile(io.BytesIO(response.content)).read("content.xml").decode()
    assert "Ambito di Dalmine" in content
    assert "Anna Bianchi" in content
