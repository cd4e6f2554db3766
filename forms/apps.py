from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsConfig(AppConfig):
    """The form server: referral, offer and contact forms, on the site and headless, with durable intake."""

    name = "forms"
    verbose_name = _("Forms")

    def ready(self):
        from corsheaders.signals import check_request_enabled
        from django.db.models.signals import post_save

        from forms.cors import cors_allowed, forget_origins

        check_request_enabled.connect(cors_allowed, dispatch_uid="forms_cors_allowed")
        post_save.connect(forget_origins, sender="forms.FormsSettings", dispatch_uid="forms_cors_forget")
