"""``manage.py demo_otp <username>``: print the current second-factor code of a demo account.

For `make run` only: it refuses unless the settings allow demo data (SEED_DEMO_ALLOWED), so
it can never read a real staff member's key on a production server.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo staff account (development settings only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        if not settings.SEED_DEMO_ALLOWED:
            raise CommandError("demo_otp only runs with development or test settings (SEED_DEMO_ALLOWED is off).")
        user = get_user_model().objects.filter(username=options["username"]).first()
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() if user else None
        if device is None:
            raise CommandError(
                f"No demo account {options['username']!r} with a second factor: run `manage.py seed_demo`."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
