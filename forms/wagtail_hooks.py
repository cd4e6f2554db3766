from django.urls import path
from wagtail import hooks

from forms.views import attachment_download


@hooks.register("register_admin_urls")
def register_attachment_url():
    return [path("forms/attachments/<int:pk>/", attachment_download, name="forms_attachment")]
