"""Fixtures of the network tests: the users the admin is meant for (and one it is not)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from tests.factories.auth import login_staff


@pytest.fixture
def network_editor(db):
    """A member of the "Network editors" group made by the data migration, nothing else."""
    user = get_user_model().objects.create_user(username="redattrice", password="x", first_name="Redattrice")
    user.groups.add(Group.objects.get(name="Network editors"))
    return user


@pytest.fixture
def plain_staff(db):
    """Someone who may open the admin but has no permission on the network."""
    user = get_user_model().objects.create_user(username="operatore", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def editor_client(client, network_editor):
    login_staff(client, network_editor)
    return client
