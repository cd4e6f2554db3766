"""Load the demo case work alone: staff per role and people at every stage.

``seed_demo`` runs the same seeder (``cases.demo.seed_cases``) with the rest of the demo;
this command is for a database whose demo site was loaded before case work existed.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.demo import seed_cases


class Command(BaseCommand):
    help = "Load demo case work: demo users for every role and a few dozen people at every stage."

    def handle(self, *args, **options):
        if not settings.SEED_DEMO_ALLOWED:
            raise CommandError("Demo data is not allowed with these settings (SEED_DEMO_ALLOWED is false).")
        created = len(seed_cases().created)
        self.stdout.write(f"Demo case work: {created} items created." if created else "Demo case work already present.")
