"""``manage.py import_partners FILE``: the screens' pipeline, for scripted imports.

The mapping comes from a preset (``--preset``) or from the header suggestions; the job
is recorded like one made in the admin (it shows in the history and can be undone
there). It runs in this process, not on a Celery worker.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from imports import services
from imports.mapping import suggest_mapping
from imports.models import ImportPolicy, ImportStatus, MappingPreset
from imports.resources import RESOURCES

MAX_PRINTED_ERRORS = 200


class Command(BaseCommand):
    help = "Import a list of partners (CSV, XLSX, ODS): preview, then import unless --dry-run."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Preview only: print what would change.")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the valid rows even if some are invalid."
        )
        parser.add_argument("--preset", default="", help="Name of a saved column-mapping preset.")
        parser.add_argument("--resource", default="organisations", choices=sorted(RESOURCES))
        parser.add_argument("--user", default="", help="Username recorded as the one who imported.")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        preset = None
        if options["preset"]:
            preset = MappingPreset.objects.filter(resource=options["resource"], name=options["preset"]).first()
            if preset is None:
                raise CommandError(f"No preset called {options['preset']!r} for {options['resource']}")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user {options['user']!r}")
        job = services.job_create(
            data=path.read_bytes(), file_name=path.name, resource=options["resource"], user=user, preset=preset
        )
        if job.status == ImportStatus.FAILED:
            raise CommandError(f"import {job.pk}: {job.error_reason}")
        mapping = suggest_mapping(job.resource, job.headers, preset.mapping if preset else None)
        labels = dict(RESOURCES[job.resource].targets())
        self.stdout.write(f"import {job.pk}: {job.file_name}, header in row {job.header_row}, {job.total_rows} rows")
        for index, name in sorted(mapping.items()):
            self.stdout.write(f"  {job.headers[index]!r} -> {labels[name]}")
        services.job_set_mapping(job=job, mapping=mapping)
        services.job_request_preview(job=job, inline=True)
        if job.status != ImportStatus.PREVIEWED:
            raise CommandError(f"import {job.pk}: {job.error_reason or job.status}")
        self._print_report(job, "preview")
        if options["dry_run"]:
            return
        policy = ImportPolicy.SKIP_INVALID if options["skip_invalid"] else ImportPolicy.ALL_OR_NOTHING
        services.job_confirm(job=job, policy=policy, confirmed={}, inline=True)
        if job.status != ImportStatus.IMPORTED:
            raise CommandError(f"import {job.pk} failed: {job.error_reason}")
        self._print_report(job, "imported")
        self.stdout.write(self.style.SUCCESS(f"import {job.pk}: done in {job.duration.total_seconds():.1f} s"))

    def _print_report(self, job, title: str) -> None:
        self.stdout.write(
            f"{title}: {job.count_new} new, {job.count_updated} updated, {job.count_unchanged} unchanged, "
            f"{job.count_invalid} invalid, {job.count_to_confirm} same name to confirm (left out)"
        )
        errors = job.report.get("errors", [])
        for row, column, reason in errors[:MAX_PRINTED_ERRORS]:
            self.stdout.write(f"  row {row}, {column}: {reason}")
        if len(errors) > MAX_PRINTED_ERRORS:
            self.stdout.write(f"  ... and {len(errors) - MAX_PRINTED_ERRORS} more")
