"""Form pages (referral, offer, contact), their fields, submissions and attachments.

Each form page has a fixed core of typed fields that the domain needs (``core_fields``),
which editors can relabel but not remove, followed by the fields editors add in the page
editor. Submissions are stored once per submission token, with the page revision and a
snapshot of what the submitter saw; their side effects run in Celery tasks (``tasks.py``).
"""

from __future__ import annotations

from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.search import index

from forms.core_fields import CORE_FIELDS

# Per-process caches of built form classes and snapshots, keyed by (page, live revision, language).
_FORM_CLASSES: dict[tuple, type] = {}
_SNAPSHOTS: dict[tuple, dict] = {}

EXTRA_FIELD_CHOICES = (
    ("attachment_pdf", _("Attachment: PDF")),
    ("attachment_image", _("Attachment: image (JPEG or PNG)")),
    ("attachment_document", _("Attachment: PDF or image")),
    ("attachment_signed", _("Attachment: digitally signed PDF or P7M")),
    ("group", _("Repeatable group (one column per line in 'choices')")),
)


def private_storage():
    """Attachments live outside MEDIA_ROOT and have no public URL (see ``PRIVATE_MEDIA_ROOT``)."""
    return storages["private"]


class FormField(AbstractFormField):
    """A question an editor added to a form page, below the fixed core."""

    page = ParentalKey("forms.FormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        verbose_name=_("field type"), max_length=20, choices=FORM_FIELD_CHOICES + EXTRA_FIELD_CHOICES
    )
    field_type.required_on_save = True


class CoreFieldText(models.Model):
    """An editor's own label and help text for one of the fixed core fields of a form."""

    page = ParentalKey("forms.FormPage", on_delete=models.CASCADE, related_name="core_field_texts")
    field_name = models.CharField(
        _("field"),
        max_length=40,
        choices=sorted({(core.name, core.label) for fields in CORE_FIELDS.values() for core in fields}),
        help_text=_("Which fixed field to relabel. Fixed fields cannot be removed."),
    )
    label = models.CharField(_("label"), max_length=255, blank=True)
    help_text = models.CharField(_("help text"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("field_name"), FieldPanel("label")]), FieldPanel("help_text")]

    class Meta:
        verbose_name = _("label of a fixed field")
        verbose_name_plural = _("labels of the fixed fields")
        constraints = [models.UniqueConstraint(fields=["page", "field_name"], name="forms_corefieldtext_unique")]

    def __str__(self) -> str:
        return self.field_name


class FormPage(AbstractEmailForm):
    """What every form page has. Not created directly: editors create one of its three kinds.

    The staff addresses in "to address" get a notification without personal data for
    every submission (a referral goes to the staff of its district instead, when the
    district of the person's municipality has someone to take it in; see
    ``services._staff_recipients``); the submitter gets a receipt with the reference code.
    """

    kind = ""
    is_creatable = False

    introduction = models.TextField(
        _("introduction"), blank=True, max_length=600, help_text=_("Shown above the form: who it is for.")
    )
    privacy_notice = RichTextField(
        _("privacy notice"),
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown above the consent box. Every submission keeps a copy of the text the submitter saw."),
    )
    privacy_notice_version = models.CharField(
        _("privacy notice version"),
        max_length=40,
        default="1",
        help_text=_("Change it when the privacy notice changes, e.g. '2026-11'. Stored with each submission."),
    )
    use_captcha = models.BooleanField(
        _("ask for a captcha"),
        default=False,
        help_text=_(
            "Before sending, people type the digits of a picture (which they can also listen to). "
            "Turn it on if the form receives spam; it applies to the form on this site, not to the API."
        ),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown with the reference code after a successful submission."),
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FieldPanel("introduction"),
        InlinePanel(
            "core_field_texts",
            label=_("Labels of the fixed fields"),
            help_text=_("The fixed fields are always on the form; here you can change their label and help text."),
        ),
        InlinePanel("form_fields", label=_("Further questions")),
        MultiFieldPanel([FieldPanel("privacy_notice"), FieldPanel("privacy_notice_version")], heading=_("Privacy")),
        FieldPanel("thank_you_text"),
        FieldPanel("use_captcha"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading=_("Staff notification"),
        ),
    ]
    search_fields = [*AbstractEmailForm.search_fields, index.SearchField("introduction")]
    parent_page_types = ["content.HomePage", "content.SectionIndexPage", "content.ContentPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("form page")
        verbose_name_plural = _("form pages")

    # -- the form ------------------------------------------------------------------------

    def core_fields(self):
        return CORE_FIELDS[self.specific_class.kind]

    def core_texts(self) -> dict[str, CoreFieldText]:
        return {text.field_name: text for text in self.core_field_texts.all()}

    # Set by the public views on a page loaded from the database (never on a preview, whose
    # unsaved fields differ from the live ones): the form class and snapshot may then be
    # reused for the same live revision and language.
    use_form_cache = False

    def _form_cache_key(self) -> tuple | None:
        if not self.use_form_cache or not self.live_revision_id:
            return None
        return (self.pk, self.live_revision_id, translation.get_language())

    def get_form_class(self):
        from forms.forms import build_form_class

        key = self._form_cache_key()
        if key is None:
            return build_form_class(self)
        if key not in _FORM_CLASSES:
            if len(_FORM_CLASSES) > 500:
                _FORM_CLASSES.clear()
            _FORM_CLASSES[key] = build_form_class(self)
        return _FORM_CLASSES[key]

    def get_data_fields(self):
        from forms.forms import editor_field_name

        texts = self.core_texts()
        fields = [("reference", _("Reference")), ("submit_time", _("Submission date"))]
        fields += [
            (core.name, (texts.get(core.name) and texts[core.name].label) or str(core.label))
            for core in self.core_fields()
        ]
        fields += [(editor_field_name(field.clean_name), field.label) for field in self.get_form_fields()]
        return fields

    def get_submission_class(self):
        return FormSubmission

    def get_submissions_list_view_class(self):
        from forms.views import SafeSubmissionsListView

        return SafeSubmissionsListView

    def get_template(self, request, *args, **kwargs):
        return "forms/form_page.html"

    def get_landing_page_template(self, request, *args, **kwargs):
        return "forms/form_page_landing.html"

    def snapshot(self) -> dict:
        """What the submitter sees: labels, help texts, choices and the privacy notice."""
        key = self._form_cache_key()
        if key is not None and key in _SNAPSHOTS:
            return _SNAPSHOTS[key]
        snapshot = self._build_snapshot()
        if key is not None:
            if len(_SNAPSHOTS) > 500:
                _SNAPSHOTS.clear()
            _SNAPSHOTS[key] = snapshot
        return snapshot

    def _build_snapshot(self) -> dict:
        form = self.get_form()
        return {
            "title": self.title,
            "language": self.locale.language_code,
            "fields": [
                {
                    "name": name,
                    "label": str(field.label),
                    "help_text": strip_tags(str(field.help_text or "")),
                    "required": field.required,
                    **(
                        {"choices": [[str(v), str(lbl)] for v, lbl in field.choices]}
                        if hasattr(field, "choices")
                        else {}
                    ),
                }
                for name, field in form.fields.items()
                if not name.startswith("_")
            ],
            "privacy_notice": self.privacy_notice,
            "privacy_notice_version": self.privacy_notice_version,
        }

    def serve(self, request, *args, **kwargs):
        from forms.views import serve_form_page

        return serve_form_page(self, request)

    def process_form_submission(self, form):
        # Never used: ``serve`` goes through forms.services, which stores and notifies without personal data.
        raise NotImplementedError("Form pages are submitted through forms.services.submission_receive")


class ReferralFormPage(FormPage):
    """The referral form (scheda di segnalazione) that referring services fill in."""

    kind = "referral"
    template = "forms/form_page.html"

    class Meta:
        verbose_name = _("referral form")
        verbose_name_plural = _("referral forms")


class OfferFormPage(FormPage):
    """The form with which companies offer a job or an internship place."""

    kind = "offer"
    template = "forms/form_page.html"

    class Meta:
        verbose_name = _("job and internship offer form")
        verbose_name_plural = _("job and internship offer forms")


class ContactFormPage(FormPage):
    """A general contact form: a message to the service."""

    kind = "contact"
    template = "forms/form_page.html"

    class Meta:
        verbose_name = _("contact form")
        verbose_name_plural = _("contact forms")


FORM_PAGE_MODELS = {"referral": ReferralFormPage, "offer": OfferFormPage, "contact": ContactFormPage}


class FormSubmission(AbstractFormSubmission):
    """One submission, stored once per (page, token), with what the submitter saw.

    ``token`` is the submission token of the HTML form or the ``Idempotency-Key`` of an
    API call: sending it again returns this submission instead of a new one.
    """

    class Source(models.TextChoices):
        WEB = "web", _("Website")
        API = "api", _("API")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="intake_submissions")
    kind = models.CharField(_("kind"), max_length=20)
    token = models.CharField(_("submission token"), max_length=100)
    payload_hash = models.CharField(_("payload fingerprint"), max_length=64, blank=True)
    reference = models.CharField(_("reference code"), max_length=20, unique=True)
    status_key = models.CharField(_("status link key"), max_length=64, unique=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)
    language = models.CharField(_("language"), max_length=10, default="it")
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("page revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(_("form as the submitter saw it"), encoder=DjangoJSONEncoder, default=dict)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        constraints = [models.UniqueConstraint(fields=["page", "token"], name="forms_submission_unique_token")]
        indexes = [models.Index(fields=["page", "-submit_time"], name="forms_submission_page_time")]

    def __str__(self) -> str:
        return self.reference

    def get_data(self):
        data = {**self.form_data, "reference": self.reference, "submit_time": self.submit_time}
        for attachment in self.attachments.all():
            data[attachment.field_name] = attachment.admin_url
        return data


class SubmissionAttachment(models.Model):
    """A file attached to a submission, in private storage, served only by a permission-checked view."""

    submission = models.ForeignKey(FormSubmission, on_delete=models.CASCADE, related_name="attachments")
    field_name = models.CharField(_("field"), max_length=255)
    file = models.FileField(_("file"), storage=private_storage, upload_to="submissions/%Y/%m/")
    original_name = models.CharField(_("original name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"{self.submission.reference}/{self.pk}"

    @property
    def admin_url(self) -> str:
        from django.urls import reverse

        return reverse("forms_attachment", args=[self.pk])


@register_setting(icon="form")
class FormsSettings(BaseSiteSetting):
    """Which other websites (e.g. the districts') may send submissions to the form API from a browser."""

    allowed_origins = models.TextField(
        _("websites allowed to use the form API"),
        blank=True,
        help_text=_("One origin per line, e.g. https://www.ambito-dalmine.it (scheme and host, no path)."),
    )

    panels = [FieldPanel("allowed_origins")]

    class Meta:
        verbose_name = _("forms settings")

    def origins(self) -> list[str]:
        return [line.strip().rstrip("/") for line in self.allowed_origins.splitlines() if line.strip()]
