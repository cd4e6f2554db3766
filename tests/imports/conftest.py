import pytest
from django.contrib.auth.models import Group


@pytest.fixture
def editor(db, django_user_model):
    """A member of "Network editors": the group the data migration gives "can import"."""
    user = django_user_model.objects.create_user(username="rete", password="una-password-lunga-2026")
    user.groups.add(Group.objects.get(name="Network editors"))
    return user


@pytest.fixture(autouse=True)
def english_messages():
    """Assertions read the English messages; the Italian ones are checked by the translation test."""
    from django.utils import translation

    with translation.override("en"):
        yield
