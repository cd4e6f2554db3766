"""``manage.py seed_demo``: load the demo site and the demo staff login.

Safe to run again: it adds what is missing and changes nothing that exists. It refuses
to run unless the settings allow it (dev and test settings do, production never).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

# One seeder per app, in dependency order. Each is idempotent and returns a report with
# a ``created`` list; add an app's seeder here when it has demo data.
SEEDERS = [
    "content.demo.seed_site",
    "network.demo.seed_network",
    "network.demo_directory.seed_directory_page",
    "forms.demo.seed_forms",
    "cases.demo.seed_cases",
    "jobs.demo.seed_jobs",
    "jobs.demo_matching.seed_work_profiles",
]


class Command(BaseCommand):
    help = "Load the demo site (Italian and English pages, menus, settings) and the demo staff login."

    def handle(self, *args, **options):
        if not settings.SEED_DEMO_ALLOWED:
            raise CommandError(
                "seed_demo only runs with development or test settings (SEED_DEMO_ALLOWED is off): "
                "it must never write demo data into a production database."
            )
        created = 0
        for dotted_path in SEEDERS:
            created += len(import_string(dotted_path)().created)
        created_user = self._demo_staff()
        from accounts.services import demo_devices_seed

        created += len(demo_devices_seed())  # the demo second factor: `manage.py demo_otp <username>`
        if created or created_user:
            self.stdout.write(self.style.SUCCESS(f"Demo data created: {created} items."))
        else:
            self.stdout.write("Demo data already present: nothing to do.")

    def _demo_staff(self) -> bool:
        login = settings.DEMO_STAFF_LOGIN
        if not login:
            return False
        user_model = get_user_model()
        if user_model.objects.filter(username=login["username"]).exists():
            return False
        user_model.objects.create_superuser(
            username=login["username"], password=login["password"], email="staff@example.org", first_name="Demo"
        )
        return True
