from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsConfig(AppConfig):
    """The form server: referral, offer and contact forms, on the site and headless, with durable intake."""

    name = "forms"
    verbose_name = _("Forms")

    def ready(self):
        from corsheaders.signals import check_request_enabled
        from django.db.models.signals import post_save

        from forms import checks  # noqa: F401 - registers the system checks
        from forms.cors import cors_allowed, forget_origins

        check_request_enabled.connect(cors_allowed, dispatch_uid="forms_cors_allowed")
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from forms.api import forget_slugs

        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(forget_slugs, dispatch_uid=f"forms_forget_slugs_{id(signal)}")
        from django.db.models.signals import post_delete
        from wagtail.models import Page

        post_delete.connect(forget_slugs, sender=Page, dispatch_uid="forms_forget_slugs_delete")
        post_save.connect(forget_origins, sender="forms.FormsSettings", dispatch_uid="forms_cors_forget")
