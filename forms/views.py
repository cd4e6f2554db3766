"""Public views of the form pages (form, receipt, private status) and the staff-only views.

The page's ``serve`` hands over to ``serve_form_page``; everything it stores goes
through ``services.submission_receive``, the same path as the API.
"""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import SubmissionsListView

from forms import captcha
from forms.abuse import (
    HONEYPOT_FIELD,
    STARTED_FIELD,
    TOKEN_FIELD,
    filled_too_fast,
    honeypot_filled,
    rate_limited,
    started_stamp,
)
from forms.models import FormSubmission, SubmissionAttachment
from forms.services import SubmissionConflictError, new_token, payload_fingerprint, status_url, submission_receive

logger = logging.getLogger(__name__)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """A spreadsheet cell that cannot run as a formula: text starting with = + - @ or a tab gets a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions listing and export, with every exported cell neutralised."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_cell(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return neutralise_cell(super().get_heading(queryset, field))


def serve_form_page(page, request):
    """Show the form; on POST, store the submission once and show the receipt."""
    status = 200
    token = new_token()
    page.use_form_cache = not getattr(request, "is_preview", False)
    problem = ""
    if request.method == "POST":
        token = (request.POST.get(TOKEN_FIELD) or token)[:100]
        form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
        if rate_limited(request, scope="web"):
            status, problem = 429, _("Too many submissions from your connection. Please try again in a few minutes.")
        elif honeypot_filled(request.POST) or filled_too_fast(request.POST.get(STARTED_FIELD, "")):
            problem = _("We could not accept the form. Please check your answers and send it again.")
        elif (
            page.use_captcha
            and not FormSubmission.objects.filter(page=page, token=token).exists()  # a double click is no new try
            and not captcha.solved(
                token=request.POST.get(captcha.TOKEN_FIELD, ""), answer=request.POST.get(captcha.ANSWER_FIELD, "")
            )
        ):
            problem = _("The digits of the security check do not match: type the new ones shown below.")
        else:
            try:
                receipt = submission_receive(
                    page=page,
                    form=form,
                    token=token,
                    source=FormSubmission.Source.WEB,
                    language=get_language() or page.locale.language_code,
                    fingerprint=payload_fingerprint(data=request.POST, files=request.FILES),
                )
            except SubmissionConflictError:
                problem = _("This form was already sent with different answers. Reload the page to send a new one.")
                token = new_token()
            else:
                if receipt.submission is not None:
                    return render_receipt(page, request, receipt.submission)
                status = 400
        if problem:
            form.is_valid()
            form.add_error(None, problem)
            status = max(status, 400)
    else:
        form = page.get_form(page=page, user=request.user)
    form.prepare_widgets()
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "token_field": TOKEN_FIELD,
            "token": token,
            "started_field": STARTED_FIELD,
            "started": started_stamp(),
            "honeypot_field": HONEYPOT_FIELD,
            "captcha": captcha.new_challenge(get_language() or "it") if page.use_captcha else None,
            "captcha_answer_field": captcha.ANSWER_FIELD,
            "captcha_token_field": captcha.TOKEN_FIELD,
        }
    )
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def render_receipt(page, request, submission: FormSubmission):
    context = page.get_context(request)
    context.update({"submission": submission, "status_url": status_url(submission)})
    response = TemplateResponse(request, page.get_landing_page_template(request), context, status=200)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def submission_status(request, key: str):
    """The private status page of a submission: reference, form, date and status, no personal data."""
    submission = FormSubmission.objects.select_related("page").filter(status_key=key).first()
    if submission is None:
        raise Http404
    status = _("Received")
    history = []
    referral = getattr(submission, "referral", None) if submission.kind == "referral" else None
    if referral is not None:
        from cases.selectors import referral_public_history

        status = referral.get_status_display()
        history = referral_public_history(referral=referral)
    context = {"submission": submission, "status": status, "history": history}
    response = render(request, "forms/status.html", context)
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
def attachment_download(request, pk: int):
    """An attachment, to staff who may see the submissions of its form (Wagtail's rule)."""
    attachment = get_object_or_404(SubmissionAttachment.objects.select_related("submission"), pk=pk)
    if not get_forms_for_user(request.user).filter(pk=attachment.submission.page_id).exists():
        # Wagtail turns the refusal into a redirect without a log line: log it here (ids only).
        logger.warning("form attachment %s refused: user %s may not see the form's submissions", pk, request.user.pk)
        raise PermissionDenied
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response
