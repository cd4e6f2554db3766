"""``manage.py apply_retention [--dry-run]``: the nightly retention job, by hand, with its counts."""

from django.core.management.base import BaseCommand

from privacy.retention import FAILED, retention_apply


class Command(BaseCommand):
    help = "Delete or anonymise what is past its retention period (see the record of processing)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would go, change nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        counts = retention_apply(dry_run=dry_run)
        width = max(len(name) for name in counts)
        for name, count in counts.items():
            self.stdout.write(f"{name.ljust(width)}  {'FAILED' if count == FAILED else count}")
        if dry_run:
            self.stdout.write("dry run: nothing was changed")
        if FAILED in counts.values():
            self.stderr.write("some kinds failed: see the log")
            raise SystemExit(1)
