"""``manage.py restore FOLDER`` (``make restore FROM=FOLDER``): put a backup back.

The work is in ``core.backups``: it verifies the checksums and refuses a target database
that has tables, or file folders that have files, unless ``--force``.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder written by `manage.py backup` into the (empty) database of DATABASE_URL "
        "and the private and media folders."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="The backup folder, e.g. var/backups/sil-20260101T020000Z")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the contents of a database that has tables and write over existing files.",
        )
        parser.add_argument("--private-root", type=Path, help="Unpack the private files here instead.")
        parser.add_argument("--media-root", type=Path, help="Unpack the media files here instead.")

    def handle(self, *args, **options):
        try:
            report = backup_restore(
                source=options["source"],
                force=options["force"],
                private_target=options["private_root"],
                media_target=options["media_root"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored into database {report.database!r}: {report.private_files} private files, "
                f"{report.media_files} media files."
            )
        )
        for note in report.notes:
            self.stdout.write(self.style.WARNING(note))
