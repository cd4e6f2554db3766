"""Signing staff into the admin in tests.

Every test that opens an admin page as a staff member goes through ``login_staff``, so the
second factor the admin requires is handled in one place: the user gets a TOTP device if
they have none, and the session is marked verified exactly as django-otp's ``login`` does.
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def totp_code(device: TOTPDevice) -> str:
    """The code the user's authenticator app would show now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def login_staff(client, user):
    """Log ``user`` in on the test ``client`` with password and second factor both done."""
    device = totp_device(user)
    Client.force_login(client, user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


class StaffClient(Client):
    """A test client whose ``force_login`` also does the second factor (for Wagtail's page test helpers)."""

    def force_login(self, user, backend=None):
        return login_staff(self, user)
