"""Fixtures of the case-management tests: two districts, staff in each, a referral."""

import pytest

from cases.models import Role
from tests.factories.cases import ReferralFactory, staff_user
from tests.factories.network import DistrictFactory, OrganisationFactory


@pytest.fixture
def district(db):
    return DistrictFactory(name="Ambito di Dalmine", slug="dalmine")


@pytest.fixture
def other_district(db):
    return DistrictFactory(name="Ambito di Seriate", slug="seriate")


@pytest.fixture
def manager(district):
    return staff_user("manager", district)


@pytest.fixture
def psychologist(district):
    return staff_user("psychologist", district, role=Role.PSYCHOLOGIST)


@pytest.fixture
def coordinator(district):
    return staff_user("coordinator", district, coordinator=True)


@pytest.fixture
def outsider(other_district):
    """A case manager of another district."""
    return staff_user("outsider", other_district)


@pytest.fixture
def referral(db):
    return ReferralFactory()


@pytest.fixture
def host(db):
    return OrganisationFactory()


@pytest.fixture(autouse=True)
def eager_tasks():
    """E-mails are Celery tasks: run them in the test's thread, as the worker would."""
    from config.celery_app import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False
