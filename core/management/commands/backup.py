"""``manage.py backup`` (``make backup``): one complete backup folder under BACKUP_DIR.

The work is in ``core.backups``; this command gives it a command line and clear errors.
Run it from cron on the host that can reach the database (see the README's Production section).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump, custom format) and the private and media files into BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="Write under this folder instead of BACKUP_DIR.")

    def handle(self, *args, **options):
        try:
            folder = backup_create(backup_dir=options["dir"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
        self.stdout.write(f"Check it any time with: cd {folder} && sha256sum -c SHA256SUMS")
