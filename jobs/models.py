"""Job development: offers and internship places, the company promoter's contacts with
employers, and what each person looks for in a job (the matching profile).

Offers come from the offer form or are typed in by staff; their state changes live in
``jobs.services``. Contacts are logged on network organisations.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from network.fields import VatNumberField


class Schedule(models.TextChoices):
    """Parts of the week a job needs, or a person is available for."""

    MORNING = "morning", _("Mornings")
    AFTERNOON = "afternoon", _("Afternoons")
    EVENING = "evening", _("Evenings")
    NIGHT = "night", _("Nights")
    WEEKEND = "weekend", _("Weekends")


class Education(models.IntegerChoices):
    """Italian education levels, ordered so that a higher value satisfies a lower requirement."""

    NONE = 0, _("No qualification")
    LOWER_SECONDARY = 1, _("Lower secondary school (licenza media)")
    VOCATIONAL = 2, _("Vocational qualification")
    UPPER_SECONDARY = 3, _("Upper secondary diploma")
    DEGREE = 4, _("University degree")


class JobOffer(models.Model):
    """An offer from a company, linked to its network organisation by VAT number.

    When no organisation of the network has the VAT number, ``needs_review`` is set so
    staff can add the company to the network (or correct the number) and link it.
    """

    class Kind(models.TextChoices):
        JOB = "job", _("Job offer")
        INTERNSHIP = "internship", _("Internship place")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(_("reference code"), max_length=20, unique=True)
    submission = models.OneToOneField(
        "forms.FormSubmission",
        verbose_name=_("form submission"),
        on_delete=models.PROTECT,
        related_name="job_offer",
        null=True,
        blank=True,
        help_text=_("The submission this offer came from; empty when typed in by staff."),
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_offers",
    )
    needs_review = models.BooleanField(
        _("needs review"), default=False, help_text=_("No organisation of the network has this VAT number.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    status_reason = models.TextField(_("reason"), blank=True, help_text=_("Why the offer was closed."))
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    filled_at = models.DateTimeField(_("filled at"), null=True, blank=True)
    district = models.ForeignKey(
        "network.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The district of the place of work; its staff handle the offer."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    company_name = models.CharField(_("company name"), max_length=200)
    vat_number = VatNumberField(_("VAT number"), max_length=11)  # staff may type "IT 0074…": stored as 11 digits
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    role = models.CharField(_("role"), max_length=200)
    place_of_work = models.CharField(_("place of work"), max_length=100)
    place_of_work_code = models.CharField(_("ISTAT code of the place of work"), max_length=6, blank=True)
    weekly_hours = models.PositiveSmallIntegerField(_("hours per week"))
    schedule = models.JSONField(
        _("schedule"), default=list, blank=True, help_text=_("The parts of the week the job needs.")
    )
    positions = models.PositiveSmallIntegerField(_("positions"), default=1)
    positions_filled = models.PositiveSmallIntegerField(
        _("positions filled"), default=0, help_text=_("People placed so far; the offer is filled when all are.")
    )
    requires_driving_licence = models.BooleanField(_("driving licence required"), default=False)
    min_education = models.PositiveSmallIntegerField(
        _("minimum education"), choices=Education.choices, null=True, blank=True
    )
    contract_type = models.CharField(_("type of contract"), max_length=20)
    requirements = models.TextField(_("requirements"), blank=True)
    counts_towards_quota = models.BooleanField(_("counts towards the Law 68/1999 quota"), default=False)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The staff member who typed the offer in; empty for the offer form."),
    )

    class Meta:
        verbose_name = _("job offer")
        verbose_name_plural = _("job offers")
        ordering = ["-received_at"]
        # The duplicate check looks offers up by company (VAT number) for every listed row.
        indexes = [models.Index(fields=["vat_number", "received_at"], name="jobs_offer_vat_received")]

    def __str__(self) -> str:
        return f"{self.reference} · {self.role}"


class EmployerContact(models.Model):
    """One contact of a company promoter with an organisation of the network.

    The log of these contacts is what job development is measured on: the date of the last
    contact per organisation, contacts per promoter per week, days to first employer contact.
    """

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        CALL = "call", _("Phone call")
        EMAIL = "email", _("E-mail")
        EVENT = "event", _("Event")

    class Outcome(models.TextChoices):
        OFFER = "offer", _("Offer or internship place received")
        INTERESTED = "interested", _("Interested, to follow up")
        NOT_NOW = "not_now", _("Not interested for now")
        NO_ANSWER = "no_answer", _("No answer")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="employer_contacts",
    )
    promoter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("company promoter"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("About the company only: no data of the people we serve.")
    )
    next_step = models.CharField(_("next step"), max_length=200, blank=True)
    next_step_on = models.DateField(_("next step on"), null=True, blank=True)
    offer = models.ForeignKey(
        JobOffer,
        verbose_name=_("resulting offer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("employer contact")
        verbose_name_plural = _("employer contacts")
        ordering = ["-occurred_on", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-occurred_on"]),
            models.Index(fields=["promoter", "occurred_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d/%m/%Y}"


class WorkProfile(models.Model):
    """What a person looks for and brings to a job: the matching reads it against offers."""

    person = models.OneToOneField(
        "cases.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="work_profile"
    )
    preferred_sectors = models.ManyToManyField(
        "network.TaxonomyTerm",
        verbose_name=_("preferred sectors"),
        blank=True,
        related_name="+",
        help_text=_("ATECO sections the person would like to work in."),
    )
    wants_job = models.BooleanField(_("looks for a job"), default=True)
    wants_internship = models.BooleanField(_("open to an internship"), default=True)
    max_distance_km = models.PositiveSmallIntegerField(_("maximum distance (km)"), default=25)
    min_weekly_hours = models.PositiveSmallIntegerField(_("minimum hours per week"), default=0)
    max_weekly_hours = models.PositiveSmallIntegerField(_("maximum hours per week"), default=40)
    schedule = models.JSONField(
        _("available"), default=list, blank=True, help_text=_("The parts of the week the person can work.")
    )
    has_driving_licence = models.BooleanField(_("has a driving licence"), default=False)
    education = models.PositiveSmallIntegerField(
        _("education"), choices=Education.choices, default=Education.LOWER_SECONDARY
    )
    skills = models.TextField(_("skills and experience"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("work profile")
        verbose_name_plural = _("work profiles")

    def __str__(self) -> str:
        return f"WP-{self.person_id}"


@register_setting(icon="clipboard-list")
class JobsSettings(BaseGenericSetting):
    """Rules of job development that staff may change without a release."""

    not_contacted_after_days = models.PositiveSmallIntegerField(
        _("employers not contacted after (days)"),
        default=90,
        help_text=_("Organisations with no contact for longer than this are listed as to be contacted."),
    )

    duplicate_window_days = models.PositiveSmallIntegerField(
        _("possible duplicate offers within (days)"),
        default=60,
        help_text=_(
            "New or open offers of the same company for a similar role received within this many days "
            "of each other are flagged as possible duplicates."
        ),
    )

    panels = [FieldPanel("not_contacted_after_days"), FieldPanel("duplicate_window_days")]

    class Meta:
        verbose_name = _("job development settings")


class Match(models.Model):
    """A suggestion of the matching that the company promoter confirmed.

    It links the case to the offer (or to the host, for an internship found without an
    offer) and to the internship or employment it created, and keeps the score and its
    reasons as they were when confirmed, so that the dashboard can count the offers filled
    through the service and anyone can see later why the match was made.
    """

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="matches")
    offer = models.ForeignKey(
        JobOffer, verbose_name=_("offer"), null=True, blank=True, on_delete=models.PROTECT, related_name="matches"
    )
    host = models.ForeignKey(
        "network.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=JobOffer.Kind.choices)
    score = models.SmallIntegerField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True, help_text=_("The reasons of the score."))
    internship = models.OneToOneField(
        "cases.Internship", null=True, blank=True, on_delete=models.SET_NULL, related_name="match"
    )
    employment = models.OneToOneField(
        "cases.Employment", null=True, blank=True, on_delete=models.SET_NULL, related_name="match"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("confirmed match")
        verbose_name_plural = _("confirmed matches")
        ordering = ["-confirmed_at", "-pk"]

    def __str__(self) -> str:
        return f"M-{self.pk}"
