"""What an import leaves behind: the job (its file, mapping, state and report), the
per-object records that make it reversible, and the named column mappings staff reuse.

The job is the unit staff see in the history; its ``status`` moves only through
``ImportJob.TRANSITIONS`` so that a page reload, a retried task or a second click can
never run a step twice or skip one.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def import_storage() -> Storage:
    """Private storage for uploaded lists, never under the public MEDIA_URL.

    The project's ``private`` storage when there is one, else a folder of our own under var/.
    """
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(location=settings.VAR_DIR / "private", base_url=None)


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded, being read")
    PARSED = "parsed", _("Columns to map")
    PREVIEWING = "previewing", _("Preview in progress")
    PREVIEWED = "previewed", _("Previewed")
    CONFIRMED = "confirmed", _("Confirmed, waiting")
    IMPORTING = "importing", _("Importing")
    IMPORTED = "imported", _("Imported")
    FAILED = "failed", _("Failed")
    UNDOING = "undoing", _("Undo in progress")
    UNDONE = "undone", _("Undone")


class ImportPolicy(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", _("All or nothing: import only if every row is valid")
    SKIP_INVALID = "skip_invalid", _("Skip invalid rows and import the others")


class InvalidTransitionError(Exception):
    """A step was asked for in a state that does not allow it (e.g. undo before import)."""


class MappingPreset(models.Model):
    """A named column mapping for files that always come from the same source.

    ``mapping`` maps a normalised header (see ``imports.mapping.header_key``) to a target
    field, so the preset still applies when the columns come in another order.
    """

    name = models.CharField(_("name"), max_length=120, help_text=_("E.g. “Camera di commercio, export annuale”."))
    resource = models.CharField(_("list type"), max_length=40)
    mapping = models.JSONField(_("mapping"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("column mapping preset")
        verbose_name_plural = _("column mapping presets")
        constraints = [models.UniqueConstraint(fields=["resource", "name"], name="imports_preset_unique_name")]

    def __str__(self) -> str:
        return self.name


class ImportJob(models.Model):
    """One uploaded file and everything done with it, from upload to (possibly) undo."""

    TRANSITIONS: dict[str, set[str]] = {
        ImportStatus.UPLOADED: {ImportStatus.PARSED, ImportStatus.FAILED},
        ImportStatus.PARSED: {ImportStatus.PREVIEWING, ImportStatus.FAILED},
        ImportStatus.PREVIEWING: {ImportStatus.PREVIEWED, ImportStatus.FAILED, ImportStatus.PARSED},
        ImportStatus.PREVIEWED: {ImportStatus.CONFIRMED, ImportStatus.PREVIEWING, ImportStatus.PARSED},
        ImportStatus.CONFIRMED: {ImportStatus.IMPORTING, ImportStatus.FAILED},
        ImportStatus.IMPORTING: {ImportStatus.IMPORTED, ImportStatus.FAILED},
        ImportStatus.IMPORTED: {ImportStatus.UNDOING, ImportStatus.UNDONE},
        ImportStatus.UNDOING: {ImportStatus.UNDONE, ImportStatus.IMPORTED},
        ImportStatus.FAILED: {ImportStatus.CONFIRMED, ImportStatus.PARSED},
        ImportStatus.UNDONE: set(),
    }

    resource = models.CharField(_("list type"), max_length=40)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    policy = models.CharField(
        _("policy"), max_length=20, choices=ImportPolicy.choices, default=ImportPolicy.ALL_OR_NOTHING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now, db_index=True)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", storage=import_storage, max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    file_format = models.CharField(_("format"), max_length=10, blank=True)
    file_deleted_at = models.DateTimeField(_("file deleted"), null=True, blank=True)
    preset = models.ForeignKey(
        MappingPreset, verbose_name=_("preset"), null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    # What reading the file found: header row, column headers, detected encoding/separator.
    headers = models.JSONField(_("columns"), default=list, blank=True)
    header_row = models.PositiveIntegerField(default=1)
    source_details = models.JSONField(default=dict, blank=True)
    mapping = models.JSONField(_("mapping"), default=dict, blank=True)  # column index (str) -> field name
    # Name-only matches staff confirmed: file row number (str) -> organisation id.
    confirmed_matches = models.JSONField(default=dict, blank=True)

    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    count_new = models.PositiveIntegerField(_("new"), default=0)
    count_updated = models.PositiveIntegerField(_("updated"), default=0)
    count_unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    count_invalid = models.PositiveIntegerField(_("invalid"), default=0)
    count_to_confirm = models.PositiveIntegerField(_("to confirm"), default=0)
    report = models.JSONField(default=dict, blank=True)  # preview/import report: errors, changes, name matches
    error_reason = models.TextField(_("reason of failure"), blank=True)
    undo_report = models.JSONField(default=dict, blank=True)

    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        permissions = [("can_import", _("Can import partner lists"))]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @property
    def percent(self) -> int:
        if self.status in {ImportStatus.IMPORTED, ImportStatus.PREVIEWED, ImportStatus.UNDONE}:
            return 100
        if not self.total_rows:
            return 0
        return min(100, int(self.rows_done * 100 / self.total_rows))

    @property
    def is_running(self) -> bool:
        return self.status in {
            ImportStatus.UPLOADED,
            ImportStatus.PREVIEWING,
            ImportStatus.CONFIRMED,
            ImportStatus.IMPORTING,
            ImportStatus.UNDOING,
        }


class RecordAction(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")


class ImportRecord(models.Model):
    """One object an import created or changed, with what undo needs.

    ``before`` holds the previous values of the fields the import changed; ``after`` the
    values it wrote. Undo restores ``before`` only where the object still holds ``after``:
    a field someone edited since is left alone and reported.
    """

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="records")
    model = models.CharField(max_length=60)  # "network.organisation", "network.contact"
    object_id = models.BigIntegerField()
    action = models.CharField(max_length=10, choices=RecordAction.choices)
    row_number = models.PositiveIntegerField(default=0)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["job", "action"], name="imports_record_job_action")]

    def __str__(self) -> str:
        return f"{self.action} {self.model}#{self.object_id}"
