"""``manage.py export_hsds OUTPUT_DIR``: the public directory as HSDS 3.0 JSON and tabular files.

For partners that prefer a file to the API (regional directories, the districts' sites).
The work is done by ``network.export``; this command only parses arguments and reports.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from network.export import DEFAULT_BATCH_SIZE, export_directory


class Command(BaseCommand):
    help = "Write the public network directory into OUTPUT_DIR as HSDS 3.0 JSON, CSV tables and a zip."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output_dir", type=Path, help="Folder to write into (created if missing).")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Organisations read per batch (default {DEFAULT_BATCH_SIZE}); memory grows with it.",
        )

    def handle(self, *args, output_dir: Path, batch_size: int, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if output_dir.exists() and not output_dir.is_dir():
            raise CommandError(f"{output_dir} exists and is not a folder.")
        summary = export_directory(output_dir, batch_size=batch_size)
        counts = ", ".join(f"{table} {count}" for table, count in summary.rows.items())
        self.stdout.write(self.style.SUCCESS(f"HSDS export written to {output_dir}: {counts}."))
