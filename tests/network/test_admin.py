"""The network admin: listing filters, search, export, the "Confirm data" action, the
to-be-confirmed list, the dashboard counts, and who may do what."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from network.models import (
    NetworkSettings,
    Organisation,
    OrganisationKind,
    OutdatedReport,
    OutdatedReportStatus,
    PartnershipStatus,
)
from network.services import CONFIRM_ACTION
from network.views import OrganisationFilterSet
from tests.factories.auth import login_staff
from tests.factories.network import (
    ContactFactory,
    DistrictFactory,
    LocationFactory,
    OrganisationFactory,
    OutdatedReportFactory,
    role_term,
    sector_term,
    valid_vat_number,
)

LIST = "wagtailsnippets_network_organisation:list"
TO_CONFIRM = "wagtailsnippets_network_organisation:to_confirm"


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


def _listed(response) -> set[str]:
    return {organisation.name for organisation in response.context["object_list"]}


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


# --- Listing, filters and search -----------------------------------------------------------


@pytest.mark.django_db
def test_listing_shows_the_columns(editor_client):
    district = DistrictFactory(name="Ambito di Dalmine", slug="dalmine")
    organisation = OrganisationFactory(
        name="Torneria Inventata S.r.l.", employees=40, partnership_status=PartnershipStatus.ACTIVE
    )
    organisation.districts.add(district)
    LocationFactory(organisation=organisation)

    response = editor_client.get(_url(LIST))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Torneria Inventata S.r.l." in html
    assert "Dalmine (BG)" in html
    assert "Ambito di Dalmine" in html
    assert "Partner attivo" in html  # Italian UI
    row = html[html.index("Torneria Inventata") :]
    assert ">2<" in row.replace(" ", "").replace("\n", "")  # quota for 40 employees


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=coop_b", {"Coop B"}),
        ("partnership_status=active", {"Coop B"}),
        ("l68_bound=true", {"Grande"}),
        ("l68_bound=false", {"Coop B", "Piccola"}),
        ("is_public=false", {"Piccola"}),
        ("is_public=true", {"Coop B", "Grande"}),
        ("to_be_confirmed=true", {"Grande", "Piccola"}),
        ("to_be_confirmed=false", {"Coop B"}),
    ],
)
def test_each_plain_filter_narrows_the_listing(editor_client, query, expected):
    OrganisationFactory(
        name="Coop B",
        kind=OrganisationKind.COOPERATIVE_B,
        employees=12,
        partnership_status=PartnershipStatus.ACTIVE,
        verified_at=_days_ago(10),
    )
    OrganisationFactory(name="Grande", employees=15, verified_at=_days_ago(400))
    OrganisationFactory(name="Piccola", employees=14, is_public=False, verified_at=None)

    response = editor_client.get(f"{_url(LIST)}?{query}")

    assert response.status_code == 200
    assert _listed(response) == expected


@pytest.mark.django_db
def test_district_sector_and_role_filters(editor_client):
    dalmine = DistrictFactory(name="Ambito di Dalmine", slug="dalmine")
    bergamo = DistrictFactory(name="Ambito di Bergamo", slug="bergamo")
    first = OrganisationFactory(name="Prima", sector=sector_term("C"))
    first.districts.add(dalmine)
    first.roles.add(role_term("tirocini"))
    second = OrganisationFactory(name="Seconda", sector=sector_term("G"))
    second.districts.add(bergamo, dalmine)
    second.roles.add(role_term("assunzioni"))

    def listed(query):
        return _listed(editor_client.get(f"{_url(LIST)}?{query}"))

    assert listed(f"district={bergamo.pk}") == {"Seconda"}
    assert listed(f"district={dalmine.pk}") == {"Prima", "Seconda"}
    assert listed(f"sector={sector_term('C').pk}") == {"Prima"}
    assert listed(f"role={role_term('assunzioni').pk}") == {"Seconda"}
    assert listed(f"role={role_term('tirocini').pk}&district={bergamo.pk}") == set()


@pytest.mark.django_db
def test_search_works_together_with_relation_filters(editor_client):
    dalmine = DistrictFactory(name="Ambito di Dalmine", slug="dalmine")
    inside = OrganisationFactory(name="Falegnameria Fantasia")
    inside.districts.add(dalmine)
    OrganisationFactory(name="Falegnameria Altrove")
    OrganisationFactory(name="Panificio Fantasia")

    response = editor_client.get(f"{_url(LIST)}?q=falegnameria")
    assert _listed(response) == {"Falegnameria Fantasia", "Falegnameria Altrove"}

    response = editor_client.get(f"{_url(LIST)}?q=falegnameria&district={dalmine.pk}&to_be_confirmed=true")
    assert response.status_code == 200
    assert _listed(response) == {"Falegnameria Fantasia"}


@pytest.mark.django_db
def test_an_unknown_filter_value_does_not_break_the_listing(editor_client):
    OrganisationFactory(name="Qualsiasi")
    response = editor_client.get(f"{_url(LIST)}?kind=nonsense&district=999999&l68_bound=maybe")
    assert response.status_code == 200


# --- Export ----------------------------------------------------------------------------------


def _exported_organisation():
    organisation = OrganisationFactory(
        name="Logistica Immaginaria S.p.A.",
        vat_number=valid_vat_number(4242),
        employees=60,
        sector=sector_term("H"),
        has_art11_agreement=True,
        email="info@example.org",
    )
    organisation.districts.add(DistrictFactory(name="Ambito di Seriate", slug="seriate"))
    organisation.roles.add(role_term("tirocini"))
    LocationFactory(organisation=organisation, municipality="Seriate", postcode="24068", municipality_code="016198")
    ContactFactory(organisation=organisation, name="Nome Finto", email="nome.finto@example.org", phone="035 000 111")
    return organisation


@pytest.mark.django_db
def test_csv_export_has_the_identifiers_and_no_contact_persons(editor_client):
    organisation = _exported_organisation()

    response = editor_client.get(f"{_url(LIST)}?export=csv")

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('organisations.csv"')
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == 1
    row = rows[0]
    assert row["Partita IVA"] == organisation.vat_number
    assert row["Dipendenti"] == "60"
    assert row["Quota L. 68/99"] == "4"  # 7% of 60 = 4.2
    assert row["Soggetta alla L. 68/99"] == "sì"
    assert row["Ambiti"] == "Ambito di Seriate"
    assert row["Ruoli nella rete"] == "Ospita tirocini"
    assert row["Settore"].startswith("H ")
    assert row["Comune"] == "Seriate (BG)"
    assert row["Visibile nell'elenco pubblico"] == "sì"
    assert "nome.finto@example.org" not in content
    assert "Nome Finto" not in content
    assert "035 000 111" not in content


@pytest.mark.django_db
def test_xlsx_export_follows_the_filters(editor_client):
    _exported_organisation()
    OrganisationFactory(name="Esclusa dal filtro", kind=OrganisationKind.THIRD_SECTOR)

    response = editor_client.get(f"{_url(LIST)}?export=xlsx&kind=company")

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == "Logistica Immaginaria S.p.A."
    assert not any("nome.finto@example.org" in str(cell) for row in rows for cell in row)


# --- Confirm data -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_confirm_sets_date_and_user_and_writes_the_history(editor_client, network_editor):
    organisation = OrganisationFactory(verified_at=_days_ago(500))
    url = _url("wagtailsnippets_network_organisation:confirm", organisation.pk)

    page = editor_client.get(url)
    assert page.status_code == 200
    assert "Organizzazioni" in page.content.decode()  # breadcrumbs back to the listing
    response = editor_client.post(url)

    assert response.status_code == 302
    assert response["Location"] == _url("wagtailsnippets_network_organisation:edit", organisation.pk)
    organisation.refresh_from_db()
    assert organisation.verified_at == timezone.localdate()
    assert organisation.verified_by == network_editor
    entry = ModelLogEntry.objects.get(action=CONFIRM_ACTION, object_id=str(organisation.pk))
    assert entry.user == network_editor
    history = editor_client.get(_url("wagtailsnippets_network_organisation:history", organisation.pk))
    assert "Dati confermati" in history.content.decode()


@pytest.mark.django_db
def test_edit_view_offers_the_confirm_button(editor_client):
    organisation = OrganisationFactory(employees=36)
    response = editor_client.get(_url("wagtailsnippets_network_organisation:edit", organisation.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert _url("wagtailsnippets_network_organisation:confirm", organisation.pk) in html
    assert "2 lavoratori con disabilità" in html  # the read-only quota panel


@pytest.mark.django_db
def test_confirm_is_refused_without_change_permission(client, plain_staff, django_user_model):
    organisation = OrganisationFactory(verified_at=None)
    url = _url("wagtailsnippets_network_organisation:confirm", organisation.pk)
    viewer = django_user_model.objects.create_user(username="lettore", password="x")
    viewer.user_permissions.add(
        *plain_staff.user_permissions.all(),
        *django_user_model._meta.get_field("user_permissions").related_model.objects.filter(
            codename="view_organisation"
        ),
    )

    for user in (plain_staff, viewer):
        login_staff(client, user)
        response = client.post(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "login" in response["Location"] or response["Location"] == reverse("wagtailadmin_home")

    client.logout()
    assert client.post(url).status_code == 302  # to the login page

    organisation.refresh_from_db()
    assert organisation.verified_at is None
    assert not ModelLogEntry.objects.filter(action=CONFIRM_ACTION).exists()


@pytest.mark.django_db
def test_bulk_confirm_from_the_listing(editor_client, network_editor):
    first, second, untouched = OrganisationFactory.create_batch(3, verified_at=None)
    url = reverse("wagtail_bulk_action", args=("network", "organisation", "confirm_data"))
    query = f"?id={first.pk}&id={second.pk}&next={_url(LIST)}"

    assert editor_client.get(url + query).status_code == 200
    response = editor_client.post(url + query)

    assert response.status_code == 302
    for organisation in (first, second):
        organisation.refresh_from_db()
        assert organisation.verified_at == timezone.localdate()
        assert organisation.verified_by == network_editor
    untouched.refresh_from_db()
    assert untouched.verified_at is None
    assert ModelLogEntry.objects.filter(action=CONFIRM_ACTION).count() == 2


# --- To be confirmed ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_to_be_confirmed_respects_the_configured_age_oldest_first(editor_client):
    settings = NetworkSettings.load()
    settings.verification_max_age_days = 30
    settings.save()
    OrganisationFactory(name="Fresca", verified_at=_days_ago(10))
    OrganisationFactory(name="Vecchia", verified_at=_days_ago(40))
    OrganisationFactory(name="Vecchissima", verified_at=_days_ago(400))
    OrganisationFactory(name="Mai confermata", verified_at=None)

    response = editor_client.get(_url(TO_CONFIRM))

    assert response.status_code == 200
    names = [organisation.name for organisation in response.context["object_list"]]
    assert names == ["Mai confermata", "Vecchissima", "Vecchia"]
    assert "30 giorni" in response.content.decode()

    settings.verification_max_age_days = 365
    settings.save()
    response = editor_client.get(_url(TO_CONFIRM))
    assert [o.name for o in response.context["object_list"]] == ["Mai confermata", "Vecchissima"]
    assert _listed(editor_client.get(f"{_url(LIST)}?to_be_confirmed=true")) == {"Mai confermata", "Vecchissima"}


@pytest.mark.django_db
def test_admin_home_counts_what_needs_attention(editor_client):
    OrganisationFactory.create_batch(3, verified_at=None)
    confirmed = OrganisationFactory(verified_at=timezone.localdate())
    OutdatedReportFactory.create_batch(2, organisation=confirmed)
    OutdatedReportFactory(organisation=confirmed, status=OutdatedReportStatus.DONE)

    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "3 organizzazioni da confermare" in html
    assert "2 nuove segnalazioni di dati non aggiornati" in html
    assert _url(TO_CONFIRM) in html


# --- Reports ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reports_newest_first_filtered_by_status_and_marked_handled(editor_client, network_editor):
    older = OutdatedReportFactory()
    OutdatedReport.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    newer = OutdatedReportFactory()
    done = OutdatedReportFactory(status=OutdatedReportStatus.DONE)
    list_url = _url("wagtailsnippets_network_outdatedreport:list")

    response = editor_client.get(list_url)
    assert [report.pk for report in response.context["object_list"]] == [done.pk, newer.pk, older.pk]
    assert [r.pk for r in editor_client.get(f"{list_url}?status=new").context["object_list"]] == [newer.pk, older.pk]

    url = reverse("wagtail_bulk_action", args=("network", "outdatedreport", "mark_handled"))
    response = editor_client.post(f"{url}?id={older.pk}&id={newer.pk}")
    assert response.status_code == 302
    assert set(OutdatedReport.objects.values_list("status", flat=True)) == {OutdatedReportStatus.DONE}
    assert ModelLogEntry.objects.filter(action="network.report_handled", user=network_editor).count() == 2


# --- Permissions ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_network_editors_see_the_menu_and_every_screen(editor_client):
    organisation = OrganisationFactory()
    home = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Rete" in home
    assert "Da confermare" in home
    for name, args in [
        (LIST, ()),
        (TO_CONFIRM, ()),
        ("wagtailsnippets_network_organisation:add", ()),
        ("wagtailsnippets_network_organisation:edit", (organisation.pk,)),
        ("wagtailsnippets_network_organisation:history", (organisation.pk,)),
        ("wagtailsnippets_network_taxonomy:list", ()),
        ("wagtailsnippets_network_district:list", ()),
        ("wagtailsnippets_network_outdatedreport:list", ()),
        ("wagtailsettings:edit", ("network", "networksettings")),
    ]:
        response = editor_client.get(_url(name, *args), follow=True)  # the settings view redirects to its object
        assert response.status_code == 200, name
        assert response.request["PATH_INFO"] != reverse("wagtailadmin_home"), name


@pytest.mark.django_db
def test_plain_staff_cannot_reach_the_network(client, plain_staff):
    organisation = OrganisationFactory()
    login_staff(client, plain_staff)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Da confermare" not in home
    assert "data-network-summary" not in home
    for name, args in [
        (LIST, ()),
        (TO_CONFIRM, ()),
        ("wagtailsnippets_network_organisation:add", ()),
        ("wagtailsnippets_network_organisation:edit", (organisation.pk,)),
        ("wagtailsnippets_network_organisation:confirm", (organisation.pk,)),
        ("wagtailsnippets_network_taxonomy:list", ()),
        ("wagtailsnippets_network_outdatedreport:list", ()),
    ]:
        response = client.get(_url(name, *args))
        assert response.status_code in (302, 403), name
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home"), name


# --- Create and edit through the admin, with the inline formsets ----------------------------------


def _form_data(**overrides) -> dict:
    fields = {
        "name": "Serramenti Inventati S.r.l.",
        "alternate_name": "",
        "kind": OrganisationKind.COMPANY,
        "slug": "",
        "description": "Serramenti su misura.",
        "website": "",
        "phone": "",
        "email": "",
        "pec": "",
        "vat_number": valid_vat_number(777),
        "tax_code": "",
        "rea_number": "",
        "ateco_code": "",
        "employees": "18",
        "size_band": "",
        "partnership_status": PartnershipStatus.PROSPECT,
        "partner_since": "",
        "art11_agreement_date": "",
        "locations": inline_formset(
            [
                {
                    "name": "Sede",
                    "location_type": "physical",
                    "address": "Via dei Mille 3",
                    "municipality": "Dalmine",
                    "province": "BG",
                    "postcode": "24044",
                    "latitude": "45.65",
                    "longitude": "9.60",
                }
            ]
        ),
        "services": inline_formset([]),
        "contacts": inline_formset(
            [{"name": "Persona Finta", "title": "", "department": "", "email": "", "phone": ""}]
        ),
    }
    fields.update(overrides)
    return nested_form_data(fields)


@pytest.mark.django_db
def test_admin_creates_an_organisation_with_its_inlines(editor_client):
    response = editor_client.post(_url("wagtailsnippets_network_organisation:add"), _form_data())

    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    organisation = Organisation.objects.get()
    assert organisation.slug == "serramenti-inventati-srl"
    location = organisation.locations.get()
    assert location.municipality_code == "016091"
    assert organisation.contacts.count() == 1
    assert organisation.size_band == "small"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"vat_number": "12345678901"}, "vat_number", "non è una partita IVA valida"),
        ({"tax_code": "RSSMRA85T10A562X"}, "tax_code", "non è un codice fiscale valido"),
    ],
)
def test_admin_create_with_a_bad_identifier_shows_the_error_and_saves_nothing(editor_client, overrides, field, message):
    response = editor_client.post(_url("wagtailsnippets_network_organisation:add"), _form_data(**overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_admin_create_with_a_bad_location_saves_nothing(editor_client):
    data = _form_data()
    data["locations-0-municipality"] = "Paese Inesistente"
    response = editor_client.post(_url("wagtailsnippets_network_organisation:add"), data)
    assert response.status_code == 200
    assert "non è un comune italiano" in response.content.decode()
    assert not Organisation.objects.exists()

    data = _form_data()
    data["locations-0-postcode"] = "24100"
    response = editor_client.post(_url("wagtailsnippets_network_organisation:add"), data)
    assert response.status_code == 200
    assert "24044" in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_admin_edit_with_a_duplicate_vat_number_keeps_the_old_data(editor_client):
    OrganisationFactory(name="Prima Titolare", vat_number=valid_vat_number(1))
    organisation = OrganisationFactory(name="Seconda", vat_number=valid_vat_number(2))

    response = editor_client.post(
        _url("wagtailsnippets_network_organisation:edit", organisation.pk),
        _form_data(name="Seconda cambiata", vat_number=valid_vat_number(1)),
    )

    assert response.status_code == 200
    assert "Prima Titolare" in str(response.context["form"].errors["vat_number"])
    organisation.refresh_from_db()
    assert organisation.name == "Seconda"
    assert organisation.vat_number == valid_vat_number(2)
    assert not organisation.locations.exists()


@pytest.mark.django_db
def test_network_editors_can_upload_and_choose_logos(network_editor, plain_staff):
    from wagtail.images.permissions import permission_policy

    for action in ("add", "choose"):
        assert permission_policy.user_has_permission(network_editor, action)
        assert not permission_policy.user_has_permission(plain_staff, action)


@pytest.mark.django_db
def test_network_editors_add_a_role_term_without_code_changes(editor_client):
    """Taxonomies are low-code: a new role is a new inline term in the admin."""
    from network.models import ROLES_TAXONOMY, Taxonomy

    taxonomy = Taxonomy.objects.get(key=ROLES_TAXONOMY)
    terms = [
        {"id": term.pk, "code": term.code, "name": term.name, "name_en": term.name_en, "description": ""}
        for term in taxonomy.terms.all()
    ]
    terms.append({"code": "mentoring", "name": "Affianca un tutor", "name_en": "Provides a mentor", "description": ""})
    data = nested_form_data(
        {
            "name": taxonomy.name,
            "key": taxonomy.key,
            "description": taxonomy.description,
            "uri": "",
            "version": "",
            "terms": inline_formset(terms, initial=len(terms) - 1),
        }
    )

    response = editor_client.post(_url("wagtailsnippets_network_taxonomy:edit", taxonomy.pk), data)

    assert response.status_code == 302
    assert taxonomy.terms.filter(code="mentoring", name="Affianca un tutor").exists()
    assert role_term("mentoring") in OrganisationFilterSet().filters["role"].queryset


@pytest.mark.django_db
def test_active_yes_no_filters_read_in_italian(editor_client):
    OrganisationFactory(employees=20)
    html = " ".join(editor_client.get(f"{_url(LIST)}?l68_bound=true&is_public=false").content.decode().split())
    assert 'Soggetta alla quota L. 68/99 (15 dipendenti o più): </span> <b class="w-ml-1">Sì</b>' in html
    assert 'Nell&#x27;elenco pubblico: </span> <b class="w-ml-1">No</b>' in html


@pytest.mark.django_db
def test_export_leaves_the_quota_blank_when_the_headcount_is_unknown(editor_client):
    OrganisationFactory(name="Ente senza organico", kind=OrganisationKind.PUBLIC_BODY, employees=None)
    content = b"".join(editor_client.get(f"{_url(LIST)}?export=csv").streaming_content).decode()
    row = next(csv.DictReader(io.StringIO(content)))
    assert (row["Quota L. 68/99"], row["Soggetta alla L. 68/99"], row["Dipendenti"]) == ("", "no", "")


@pytest.mark.django_db
def test_listing_queries_do_not_grow_with_the_rows(editor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    district = DistrictFactory(slug="dalmine")

    def make(count):
        for organisation in OrganisationFactory.create_batch(count, sector=sector_term("C")):
            organisation.districts.add(district)
            organisation.roles.add(role_term("tirocini"))
            LocationFactory(organisation=organisation)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(_url(LIST)).status_code == 200
        return len(captured)

    make(3)
    queries()  # the first request also warms per-process caches
    few = queries()
    make(20)
    assert queries() == few
