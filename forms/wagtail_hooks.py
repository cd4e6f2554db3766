from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks

from forms.models import FormSubmission
from forms.views import attachment_download


@hooks.register("register_admin_urls")
def register_attachment_url():
    return [path("forms/attachments/<int:pk>/", attachment_download, name="forms_attachment")]


@hooks.register("before_delete_page")
def keep_pages_with_submissions(request, page):
    """Deleting a form page would delete its submissions (and orphan referrals): refuse, suggest unpublishing."""
    if FormSubmission.objects.filter(page__path__startswith=page.path).exists():
        messages.error(
            request,
            _("This page or a page below it is a form with submissions. Unpublish it instead: submissions are kept."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
