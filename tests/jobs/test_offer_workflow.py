"""The offer workflow: every legal move, every illegal one refused with nothing changed, and
the district rule on who may move an offer."""

import pytest
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from cases.models import Role
from jobs import services
from jobs.models import JobOffer
from tests.factories.cases import staff_user
from tests.factories.jobs import JobOfferFactory
from tests.factories.network import DistrictFactory

pytestmark = pytest.mark.django_db

Status = JobOffer.Status


@pytest.fixture
def district():
    return DistrictFactory()


@pytest.fixture
def promoter(district):
    return staff_user("promotore", district, role=Role.COMPANY_PROMOTER)


def _offer(status, district, **kwargs):
    return JobOfferFactory(status=status, district=district, **kwargs)


def _snapshot(offer):
    offer = JobOffer.objects.get(pk=offer.pk)
    return (offer.status, offer.status_reason, offer.status_changed_at, offer.filled_at, offer.positions_filled)


def test_new_offer_opens_and_the_history_says_who(promoter, district):
    offer = _offer(Status.NEW, district)
    services.offer_open(offer=offer, by=promoter)
    offer.refresh_from_db()
    assert offer.status == Status.OPEN
    assert offer.status_changed_at is not None
    entries = ModelLogEntry.objects.filter(object_id=str(offer.pk), action=services.STATUS_ACTION)
    assert [(entry.user, entry.data) for entry in entries] == [(promoter, {"status": "open"})]


def test_open_offer_fills_and_records_when(promoter, district):
    offer = _offer(Status.OPEN, district, positions=2)
    before = timezone.now()
    services.offer_fill(offer=offer, by=promoter)
    offer.refresh_from_db()
    assert offer.status == Status.FILLED
    assert offer.filled_at >= before
    assert offer.positions_filled == 2


@pytest.mark.parametrize("start", [Status.NEW, Status.OPEN])
def test_new_or_open_offer_closes_with_reason(promoter, district, start):
    offer = _offer(start, district)
    services.offer_close(offer=offer, by=promoter, reason="  L'azienda ha ritirato l'offerta. ")
    offer.refresh_from_db()
    assert offer.status == Status.CLOSED
    assert offer.status_reason == "L'azienda ha ritirato l'offerta."


@pytest.mark.parametrize("start", [Status.CLOSED, Status.FILLED])
def test_finished_offer_reopens_and_forgets_its_outcome(promoter, district, start):
    offer = _offer(start, district, status_reason="x", filled_at=timezone.now(), positions_filled=1)
    services.offer_reopen(offer=offer, by=promoter)
    offer.refresh_from_db()
    assert (offer.status, offer.status_reason, offer.filled_at, offer.positions_filled) == (Status.OPEN, "", None, 0)


def test_close_without_reason_is_refused(promoter, district):
    offer = _offer(Status.OPEN, district)
    before = _snapshot(offer)
    with translation.override("en"), pytest.raises(services.OfferError) as refused:
        services.offer_close(offer=offer, by=promoter, reason="   ")
    assert "reason is required" in refused.value.messages[0]
    assert _snapshot(offer) == before


@pytest.mark.parametrize(
    ("start", "call", "message"),
    [
        (Status.NEW, "fill", "must be opened before"),
        (Status.OPEN, "open", "already open"),
        (Status.FILLED, "fill", "already filled"),
        (Status.FILLED, "close", "cannot be closed"),
        (Status.CLOSED, "fill", "reopen it first"),
        (Status.CLOSED, "close", "already closed"),
        (Status.NEW, "reopen", "open it rather than reopen"),
        (Status.OPEN, "reopen", "already open"),
        (Status.FILLED, "open", "reopen it instead"),
        (Status.CLOSED, "open", "reopen it instead"),
    ],
)
def test_illegal_moves_are_refused_and_change_nothing(promoter, district, start, call, message):
    offer = _offer(start, district)
    before = _snapshot(offer)
    calls = {
        "open": lambda: services.offer_open(offer=offer, by=promoter),
        "fill": lambda: services.offer_fill(offer=offer, by=promoter),
        "close": lambda: services.offer_close(offer=offer, by=promoter, reason="Motivo"),
        "reopen": lambda: services.offer_reopen(offer=offer, by=promoter),
    }
    with translation.override("en"), pytest.raises(services.OfferError) as refused:
        calls[call]()
    assert message in refused.value.messages[0]
    assert _snapshot(offer) == before


def test_offer_without_organisation_cannot_open(promoter, district):
    offer = _offer(Status.NEW, district, organisation=None, needs_review=True)
    with translation.override("en"), pytest.raises(services.OfferError) as refused:
        services.offer_open(offer=offer, by=promoter)
    assert "Link the offer" in refused.value.messages[0]
    assert JobOffer.objects.get(pk=offer.pk).status == Status.NEW


def test_placements_fill_the_offer_at_the_last_position(promoter, district):
    offer = _offer(Status.OPEN, district, positions=2)
    services.offer_record_placement(offer=offer, by=promoter)
    offer.refresh_from_db()
    assert (offer.status, offer.positions_filled, offer.filled_at) == (Status.OPEN, 1, None)
    services.offer_record_placement(offer=offer, by=promoter)
    offer.refresh_from_db()
    assert (offer.status, offer.positions_filled) == (Status.FILLED, 2)
    assert offer.filled_at is not None
    with pytest.raises(services.OfferError):
        services.offer_record_placement(offer=offer, by=promoter)
    assert JobOffer.objects.get(pk=offer.pk).positions_filled == 2


def test_placement_on_a_new_offer_is_refused(promoter, district):
    offer = _offer(Status.NEW, district)
    with pytest.raises(services.OfferError):
        services.offer_record_placement(offer=offer, by=promoter)
    assert _snapshot(offer)[4] == 0


def test_staff_of_another_district_cannot_move_the_offer(district):
    other = staff_user("altro", DistrictFactory(), role=Role.COMPANY_PROMOTER)
    offer = _offer(Status.NEW, district)
    before = _snapshot(offer)
    with translation.override("en"), pytest.raises(services.OfferError) as refused:
        services.offer_open(offer=offer, by=other)
    assert "district you do not work in" in refused.value.messages[0]
    assert _snapshot(offer) == before


def test_offer_without_district_can_be_moved_by_any_promoter(promoter):
    offer = _offer(Status.NEW, None)
    services.offer_open(offer=offer, by=promoter)
    assert JobOffer.objects.get(pk=offer.pk).status == Status.OPEN


def test_staff_without_offer_permission_cannot_move_offers(district):
    educator = staff_user("educatore", district, role=Role.EDUCATOR)
    offer = _offer(Status.NEW, district)
    with pytest.raises(services.OfferError):
        services.offer_open(offer=offer, by=educator)
    assert JobOffer.objects.get(pk=offer.pk).status == Status.NEW


def test_superuser_moves_any_offer(django_user_model, district):
    boss = django_user_model.objects.create_superuser("boss", password="x" * 12)
    offer = _offer(Status.OPEN, district)
    services.offer_close(offer=offer, by=boss, reason="Posizione coperta da altri canali")
    assert JobOffer.objects.get(pk=offer.pk).status == Status.CLOSED


def test_transition_dispatch_reopens_closed_offers(promoter, district):
    offer = _offer(Status.CLOSED, district)
    services.offer_transition(offer=offer, by=promoter, target=Status.OPEN)
    assert JobOffer.objects.get(pk=offer.pk).status == Status.OPEN
    with pytest.raises(services.OfferError):
        services.offer_transition(offer=offer, by=promoter, target="bogus")
