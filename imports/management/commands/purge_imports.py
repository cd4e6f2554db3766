"""``manage.py purge_imports``: delete uploaded lists past IMPORTS_RETENTION_DAYS (run daily from cron)."""

from django.core.management.base import BaseCommand

from imports.services import purge_expired_files


class Command(BaseCommand):
    help = "Delete uploaded import files older than the retention period (the history stays)."

    def handle(self, *args, **options):
        self.stdout.write(f"{purge_expired_files()} uploaded files deleted")
