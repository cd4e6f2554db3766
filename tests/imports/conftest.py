import importlib

import pytest
from django.contrib.auth.models import Group


def network_editors() -> Group:
    """The "Network editors" group as the data migrations leave it.

    Transactional tests (worker, browser) empty the tables when they finish, data
    migrations included; running the two migrations' functions again restores the group
    whatever ran before.
    """
    from django.apps import apps

    for module in (
        "network.migrations.0002_network_editors_and_taxonomies",
        "imports.migrations.0002_network_editors_can_import",
    ):
        importlib.import_module(module).forwards(apps, None)
    return Group.objects.get(name="Network editors")


@pytest.fixture
def editor(db, django_user_model):
    """A member of "Network editors": the group the data migration gives "can import"."""
    user = django_user_model.objects.create_user(username="rete", password="una-password-lunga-2026")
    user.groups.add(network_editors())
    return user


@pytest.fixture(autouse=True)
def english_messages():
    """Assertions read the English messages; the Italian ones are checked by the translation test."""
    from django.utils import translation

    with translation.override("en"):
        yield
