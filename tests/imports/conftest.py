import pytest
from django.contrib.auth.models import Group


@pytest.fixture
def editor(db, django_user_model):
    """A member of "Network editors": the group the data migration gives "can import"."""
    user = django_user_model.objects.create_user(username="rete", password="una-password-lunga-2026")
    user.groups.add(Group.objects.get(name="Network editors"))
    return user
