"""Admin screens of the imports: history, upload, column mapping, preview and confirm,
progress, result with the rejected rows, undo.

They are plain views gathered in one Wagtail ``ViewSet`` (menu item, URLs under
/admin/imports/), because the flow is a wizard over one job rather than the
create/edit/delete of a model. Every view needs the "can import" permission; the work
itself is in ``imports.services``.
"""

import functools
import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from imports import services
from imports.forms import ConfirmForm, MappingForm, UploadForm
from imports.models import ImportJob, ImportStatus, InvalidTransitionError
from imports.report import rejected_rows_file
from imports.resources import RESOURCES

PERMISSION = "imports.can_import"
FIELD_LABELS_CACHE: dict[str, dict[str, str]] = {}

logger = logging.getLogger(__name__)


def can_import(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def import_permission_required(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_import(request.user):
            # Wagtail turns the refusal into a redirect without a log line: log it here (ids only).
            logger.warning("import screen refused: user %s lacks the import permission", request.user.pk)
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _render(request, template: str, title: str, context: dict, subtitle: str = "") -> TemplateResponse:
    breadcrumbs = [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse("imports:index"), "label": _("Imports")},
    ]
    if subtitle:
        breadcrumbs.append({"url": "", "label": subtitle})
    return TemplateResponse(
        request,
        template,
        {
            "page_title": title,
            "header_title": f"{title}: {subtitle}" if subtitle else title,
            "header_icon": "upload",
            "breadcrumbs_items": breadcrumbs,
            **context,
        },
    )


def _labels(resource: str) -> dict[str, str]:
    return dict(RESOURCES[resource].targets()) if resource in RESOURCES else {}


@import_permission_required
def index(request):
    jobs = ImportJob.objects.select_related("created_by", "preset").order_by("-created_at", "-pk")
    page = Paginator(jobs, 30).get_page(request.GET.get("p"))
    return _render(request, "imports/index.html", _("Imports"), {"page": page, "jobs": page.object_list})


class LimitedUploadHandler(FileUploadHandler):
    """Stops reading an upload as soon as it passes the size limit, instead of storing 2 GB first."""

    def __init__(self, request=None, limit: int = 0):
        super().__init__(request)
        self.limit, self.received, self.too_large, self.declared = limit, 0, False, 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):  # noqa: N803
        self.declared = content_length or 0

    def new_file(self, *args, **kwargs):
        # The form's other fields (the CSRF token among them) come before the file and are
        # parsed by now; a body declared far over the limit stops here, unread.
        super().new_file(*args, **kwargs)
        if self.declared > self.limit + 64 * 1024:
            self.too_large = True
            raise StopUpload(connection_reset=True)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt
@import_permission_required
def upload(request):
    """The size is checked while reading the body; CSRF is checked right after (see Django's upload handlers)."""
    limit = settings.SIL_IMPORTS_MAX_UPLOAD_BYTES
    guard = LimitedUploadHandler(request, limit)
    if request.method == "POST":
        request.upload_handlers.insert(0, guard)
    return _upload(request, guard)


@csrf_protect
def _upload(request, guard: LimitedUploadHandler):
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if guard.too_large:
            job = services.refuse_oversized(
                file_name=_("(file over the limit)"),
                size=int(request.META.get("CONTENT_LENGTH") or guard.received),
                resource=request.POST.get("resource") if request.POST.get("resource") in RESOURCES else "organisations",
                user=request.user,
            )
            messages.error(request, job.error_reason)
            return redirect("imports:job", job.pk)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            job = services.job_create(
                data=upload_file.read(),
                file_name=upload_file.name,
                resource=form.cleaned_data["resource"],
                user=request.user,
                preset=form.cleaned_data["preset"],
                inline=False,
            )
            if job.status == ImportStatus.FAILED:
                messages.error(request, job.error_reason)
            return redirect("imports:job", job.pk)
    else:
        form = UploadForm()
    return _render(
        request,
        "imports/upload.html",
        _("New import"),
        {"form": form, "limit_mb": settings.SIL_IMPORTS_MAX_UPLOAD_BYTES // 2**20},
        subtitle=_("Upload"),
    )


@import_permission_required
def mapping(request, job_id: int):
    job = get_object_or_404(ImportJob, pk=job_id)
    if job.status not in {ImportStatus.PARSED, ImportStatus.PREVIEWED, ImportStatus.FAILED} or not job.headers:
        return redirect("imports:job", job.pk)
    samples = job.source_details.get("samples", [])
    form = MappingForm(request.POST or None, job=job, samples=samples)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_set_mapping(
                job=job,
                mapping=form.cleaned_data["mapping"],
                preset_name=form.cleaned_data["preset_name"],
                user=request.user,
            )
            services.job_request_preview(job=job)
        except InvalidTransitionError:
            messages.error(request, _("This import has moved on meanwhile: here is where it stands."))
        return redirect("imports:job", job.pk)
    separators = {"comma": _("comma"), "semicolon": _("semicolon"), "tab": _("tab"), "pipe": _("vertical bar")}
    return _render(
        request,
        "imports/mapping.html",
        _("Map the columns"),
        {"job": job, "form": form, "separator": separators.get(job.source_details.get("separator", ""), "")},
        subtitle=job.file_name,
    )


@import_permission_required
def job_detail(request, job_id: int):
    job = get_object_or_404(ImportJob.objects.select_related("created_by", "preset", "undone_by"), pk=job_id)
    if job.status == ImportStatus.PARSED:
        return redirect("imports:mapping", job.pk)  # read: the next step is the column mapping
    context = {
        "job": job,
        "labels": _labels(job.resource),
        "resource_label": RESOURCES[job.resource].label if job.resource in RESOURCES else job.resource,
        "stalled": services.is_stalled(job),
        "errors": job.report.get("errors", [])[:200],
        "more_errors": max(0, len(job.report.get("errors", [])) - 200),
        "changes": [
            (update["row"], update["name"], _labels(job.resource).get(name, name), pair[0], pair[1])
            for update in job.report.get("updates", [])[:100]
            for name, pair in update["changes"].items()
        ],
        "can_run_again": job.status == ImportStatus.FAILED and bool(job.file) and job.confirmed_at is not None,
    }
    if job.status == ImportStatus.PREVIEWED:
        form = ConfirmForm(request.POST or None, to_confirm=job.report.get("to_confirm", []))
        if request.method == "POST" and form.is_valid():
            try:
                services.job_confirm(job=job, policy=form.cleaned_data["policy"], confirmed=form.confirmed_matches())
            except InvalidTransitionError:
                messages.error(request, _("This import has moved on meanwhile: here is where it stands."))
            return redirect("imports:job", job.pk)
        context["form"] = form
    return _render(request, "imports/job.html", _("Import"), context, subtitle=job.file_name)


@import_permission_required
def job_status(request, job_id: int):
    """What the progress bar polls: read from the database, so it survives reloads and restarts."""
    job = get_object_or_404(ImportJob, pk=job_id)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": str(job.get_status_display()),
            "rows_done": job.rows_done,
            "total_rows": job.total_rows,
            "percent": job.percent,
            "running": job.is_running,
            "stalled": services.is_stalled(job),
        },
        headers={"Cache-Control": "no-store"},
    )


@require_POST
@import_permission_required
def run_again(request, job_id: int):
    job = get_object_or_404(ImportJob, pk=job_id)
    try:
        if services.is_stalled(job):
            services.job_restart_stalled(job=job)
        else:
            services.job_confirm(job=job, policy=job.policy)
    except InvalidTransitionError:
        messages.error(request, _("This import cannot be run again from where it stands."))
    return redirect("imports:job", job.pk)


@import_permission_required
def undo(request, job_id: int):
    job = get_object_or_404(ImportJob, pk=job_id)
    if job.status != ImportStatus.IMPORTED:
        return redirect("imports:job", job.pk)
    if request.method == "POST":
        try:
            services.job_request_undo(job=job, user=request.user)
        except InvalidTransitionError:
            messages.error(request, _("This import has moved on meanwhile: here is where it stands."))
        return redirect("imports:job", job.pk)
    return _render(request, "imports/undo.html", _("Undo the import"), {"job": job}, subtitle=job.file_name)


@import_permission_required
def rejected(request, job_id: int, file_format: str):
    job = get_object_or_404(ImportJob, pk=job_id)
    if file_format not in ("xlsx", "csv", "ods") or not job.report.get("errors"):
        raise Http404
    content_types = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "csv": "text/csv; charset=utf-8",
    }
    response = HttpResponse(rejected_rows_file(job, file_format), content_type=content_types[file_format])
    # The file name carries the job number only: never a name from the list.
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-rejected-rows.{file_format}"'
    return response


class ImportsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


class ImportViewSet(ViewSet):
    """The import screens, under /admin/imports/, with a menu item for those who can import."""

    name = "imports"
    icon = "upload"
    menu_label = gettext_lazy("Imports")
    menu_name = "imports"
    menu_order = 210
    add_to_admin_menu = True
    menu_item_class = ImportsMenuItem

    @property
    def menu_url(self):
        return reverse("imports:index")

    def get_urlpatterns(self):
        return [
            path("", index, name="index"),
            path("new/", upload, name="upload"),
            path("<int:job_id>/", job_detail, name="job"),
            path("<int:job_id>/columns/", mapping, name="mapping"),
            path("<int:job_id>/status.json", job_status, name="status"),
            path("<int:job_id>/run-again/", run_again, name="run_again"),
            path("<int:job_id>/undo/", undo, name="undo"),
            path("<int:job_id>/rejected.<str:file_format>", rejected, name="rejected"),
        ]


import_viewset = ImportViewSet()
