"""The people we serve and their paths: person, referral, case, evaluation, individual
project and plan, internship, employment, timeline, plus who may see them (staff
districts) and the audit log of every view and change.

State changes live in ``cases.services`` (never in ``save()`` or signals) and reads that
depend on who is asking live in ``cases.selectors``. ``__str__`` of records about a
person is a reference, never a name, so that names do not leak into logs or messages.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from cases.fields import EncryptedPositiveSmallIntegerField, EncryptedTextField
from forms.models import private_storage


class Category(models.TextChoices):
    DISABILITY_68_99 = "l68_99", _("Disabled under Law 68/1999")
    DISADVANTAGED_381_91 = "l381_91", _("Disadvantaged under Law 381/1991, art. 4")
    GENERIC = "generic", _("Generic disadvantage")


class Role(models.TextChoices):
    """Roles on a case team; each has a group of the same meaning (see migration 0003)."""

    CASE_MANAGER = "case_manager", _("Case manager")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    CAREER_COUNSELLOR = "career_counsellor", _("Career counsellor")
    EDUCATOR = "educator", _("Educator")
    COMPANY_PROMOTER = "company_promoter", _("Company promoter")


class StaffProfile(models.Model):
    """The districts a staff member works in: districts are the unit of permission."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cases_profile", verbose_name=_("user")
    )
    districts = models.ManyToManyField(
        "network.District",
        blank=True,
        related_name="+",
        verbose_name=_("districts"),
        help_text=_("The staff member sees the referrals, people and cases of these districts only."),
    )

    panels = [FieldPanel("user"), FieldPanel("districts")]

    class Meta:
        verbose_name = _("staff district membership")
        verbose_name_plural = _("staff district memberships")

    def __str__(self) -> str:
        return self.user.get_username()


class Person(models.Model):
    """A beneficiary. Health-related fields are encrypted at rest (see ``cases.fields``)."""

    class L381Detail(models.TextChoices):
        PHYSICAL_PSYCHIC_SENSORY = "disability", _("Physical, psychic or sensory disability")
        PSYCHIATRIC = "psychiatric", _("Former psychiatric patient")
        ADDICTION = "addiction", _("Drug addiction")
        ALCOHOL = "alcohol", _("Alcoholism")
        MINOR = "minor", _("Minor of working age in family difficulty")
        JUSTICE = "justice", _("Person under alternative measures to detention")

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    tax_code = models.CharField(_("tax code"), max_length=16, db_index=True, help_text=_("Codice fiscale."))
    date_of_birth = models.DateField(_("date of birth"))
    municipality = models.CharField(_("municipality of residence"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    district = models.ForeignKey(
        "network.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    category = models.CharField(_("legal category"), max_length=20, choices=Category.choices)
    invalidity_percentage = EncryptedPositiveSmallIntegerField(
        _("invalidity percentage"), blank=True, null=True, help_text=_("L. 68/99 only. Stored encrypted.")
    )
    l381_detail = EncryptedTextField(
        _("L. 381/91 category"), blank=True, choices=L381Detail.choices, help_text=_("Stored encrypted.")
    )
    health_notes = EncryptedTextField(_("health notes"), blank=True, help_text=_("Stored encrypted."))
    family_contact_name = models.CharField(_("family contact"), max_length=200, blank=True)
    family_contact_relation = models.CharField(_("relationship"), max_length=100, blank=True)
    family_contact_phone = models.CharField(_("family contact's phone"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Optimistic lock of the person's record, as on Case: ``services.person_update`` takes the
    # version the user saw and refuses the change when someone else saved the record meanwhile.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name", "date_of_birth"])]

    def __str__(self) -> str:
        return f"P-{self.pk:06d}" if self.pk else "P-new"

    @property
    def reference(self) -> str:
        return str(self)

    @property
    def is_disabled(self) -> bool:
        return self.category == Category.DISABILITY_68_99


class Referral(models.Model):
    """A referral (segnalazione): from the referral form or typed in by staff, the same record.

    It keeps the data as received; ``person`` is the beneficiary record it was linked to on
    acknowledgement. Possible duplicates are computed (``selectors``), never merged.
    """

    Category = Category

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        IN_EVALUATION = "in_evaluation", _("In evaluation")
        ACCEPTED = "accepted", _("Accepted")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    reference = models.CharField(_("reference code"), max_length=20, unique=True)
    submission = models.OneToOneField(
        "forms.FormSubmission",
        verbose_name=_("form submission"),
        on_delete=models.PROTECT,
        related_name="referral",
        null=True,
        blank=True,
        help_text=_("The submission this referral was created from; empty when typed in by staff."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    tax_code = models.CharField(_("tax code"), max_length=16, db_index=True)
    municipality = models.CharField(_("municipality of residence"), max_length=100)
    municipality_code = models.CharField(_("ISTAT code of the municipality"), max_length=6, blank=True)
    category = models.CharField(_("legal category"), max_length=20, choices=Category.choices)
    referring_service = models.CharField(_("referring service"), max_length=200)
    referrer_name = models.CharField(_("referring worker"), max_length=200)
    referrer_email = models.EmailField(_("referring worker's e-mail"))
    referrer_phone = models.CharField(_("referring worker's phone"), max_length=40, blank=True)
    reason = EncryptedTextField(
        _("reason for referral"), help_text=_("May hold health details: stored encrypted, never searched.")
    )
    received_at = models.DateTimeField(_("received at"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals", verbose_name=_("person")
    )
    district = models.ForeignKey(
        "network.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
        help_text=_("Set on acknowledgement; the staff of this district handle the referral."),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(
        _("reason of the decision"),
        blank=True,
        help_text=_("Sent to the referring worker: no health details."),
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["last_name", "first_name", "date_of_birth"])]

    def __str__(self) -> str:
        # Only the reference: the person's name must not end up in logs or admin messages by accident.
        return self.reference


class ReferrerSignIn(models.Model):
    """A one-time sign-in link e-mailed to a referring worker, and the session it opened.

    Referring workers have no account: they prove they own their work e-mail by opening the
    link. Only the SHA-256 of the token is stored, so a copy of the database cannot sign
    anyone in; the link works once and only until ``expires_at``. Signing out sets
    ``ended_at``, which ends the session opened with this link.
    """

    email = models.EmailField(_("e-mail"), db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("link valid until"))
    used_at = models.DateTimeField(_("signed in at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("signed out at"), null=True, blank=True)

    class Meta:
        verbose_name = _("referrer sign-in")
        verbose_name_plural = _("referrer sign-ins")

    def __str__(self) -> str:
        return f"RS-{self.pk}"


class ReferralEvent(models.Model):
    """One step of a referral or its case, as the referring worker sees it on the status page."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(_("step"), max_length=40)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("referral step")
        verbose_name_plural = _("referral steps")

    def __str__(self) -> str:
        return f"{self.referral_id}:{self.step}"


class Case(models.Model):
    """One path of one person in one district, from evaluation to closing (reopenable).

    ``version`` is the optimistic lock: every service that changes a case takes the version
    the user saw and refuses the change if someone else changed the case meanwhile.
    """

    class Stage(models.TextChoices):
        EVALUATION = "evaluation", _("Evaluation")
        PROJECT = "project", _("Individual project")
        INTERVENTIONS = "interventions", _("Interventions")
        MONITORING = "monitoring", _("Monitoring")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        EMPLOYED = "employed", _("Employed")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")
        WITHDRAWN = "withdrawn", _("Withdrawn by the person")
        TRANSFERRED = "transferred", _("Transferred to another service")
        DROPPED_OUT = "dropped_out", _("Dropped out")
        OTHER = "other", _("Other")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases", verbose_name=_("person"))
    referral = models.OneToOneField(
        Referral, on_delete=models.PROTECT, related_name="case", verbose_name=_("referral"), null=True, blank=True
    )
    district = models.ForeignKey(
        "network.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.EVALUATION, db_index=True)
    stage_before_closing = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(_("outcome reason"), blank=True)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    version = models.PositiveIntegerField(default=1)
    next_review_on = models.DateField(
        _("next review"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When the team next reviews the path; set on project approval and at the start of monitoring."),
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="CaseTeamMember", related_name="cases", verbose_name=_("team")
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"C-{self.pk:06d}" if self.pk else "C-new"

    @property
    def reference(self) -> str:
        return str(self)


class CaseTeamMember(models.Model):
    """A staff member on a case team, with their role on it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="cases_one_membership_per_user")]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.user_id}:{self.role}"


class Rating(models.IntegerChoices):
    INSUFFICIENT = 1, _("Insufficient")
    PARTIAL = 2, _("Partial")
    ADEQUATE = 3, _("Adequate")
    GOOD = 4, _("Good")


class Evaluation(models.Model):
    """The multi-professional evaluation: the four work prerequisites, the panel and the decision."""

    class Decision(models.TextChoices):
        ELIGIBLE = "eligible", _("Eligible")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evaluations")
    held_on = models.DateField(_("held on"))
    motivation = models.PositiveSmallIntegerField(_("motivation"), choices=Rating.choices)
    motivation_notes = models.TextField(_("notes on motivation"), blank=True)
    autonomy = models.PositiveSmallIntegerField(_("autonomy"), choices=Rating.choices)
    autonomy_notes = models.TextField(_("notes on autonomy"), blank=True)
    flexibility = models.PositiveSmallIntegerField(_("flexibility"), choices=Rating.choices)
    flexibility_notes = models.TextField(_("notes on flexibility"), blank=True)
    stability = models.PositiveSmallIntegerField(_("stability of psycho-physical conditions"), choices=Rating.choices)
    stability_notes = EncryptedTextField(_("notes on stability"), blank=True, help_text=_("Stored encrypted."))
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("panel"))
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reasons = models.TextField(_("reasons"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"E-{self.pk}"


class InterventionType(models.Model):
    """A kind of intervention in a plan (orientation, training, internship…): a list staff edit."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True, help_text=_("Inactive types stay on old plans."))

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("active")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("intervention type")
        verbose_name_plural = _("intervention types")

    def __str__(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "").startswith("en") and self.name_en else self.name


class IndividualProject(models.Model):
    """The individual project of a case and its plan; approved by the district coordinator."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="project")
    objectives = models.TextField(_("objectives"))
    expected_results = models.TextField(_("expected results"))
    commitments = models.TextField(_("the person's commitments"), blank=True)
    other_supports = models.TextField(_("supports from other services"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("individual project")
        verbose_name_plural = _("individual projects")

    def __str__(self) -> str:
        return f"IP-{self.case_id}"


class PlanItem(models.Model):
    """An intervention planned in an individual project."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    project = models.ForeignKey(IndividualProject, on_delete=models.CASCADE, related_name="items")
    intervention_type = models.ForeignKey(InterventionType, on_delete=models.PROTECT, verbose_name=_("type"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self) -> str:
        return f"PI-{self.pk}"


class Internship(models.Model):
    """A work internship (tirocinio) at a host organisation of the network."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="internships")
    host = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("host organisation")
    )
    agreement_reference = models.CharField(_("agreement reference"), max_length=100, blank=True)
    company_tutor = models.CharField(_("company tutor"), max_length=200)
    sil_tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("SIL tutor")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    weekly_hours = models.PositiveSmallIntegerField(_("weekly hours"))
    monthly_allowance = models.DecimalField(_("monthly allowance (€)"), max_digits=7, decimal_places=2)
    insurance = models.CharField(_("insurance"), max_length=200, help_text=_("INAIL position and liability policy."))
    midterm_check_on = models.DateField(_("mid-term check"), null=True, blank=True)
    final_check_on = models.DateField(_("final check"), null=True, blank=True)
    # The checks as held (the two dates above are the planned ones): recorded through
    # ``services.internship_record_check``.
    midterm_check_held_on = models.DateField(_("mid-term check held on"), null=True, blank=True)
    midterm_check_notes = models.TextField(_("mid-term check outcome"), blank=True)
    final_check_held_on = models.DateField(_("final check held on"), null=True, blank=True)
    final_check_notes = models.TextField(_("final check outcome"), blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("internship")
        verbose_name_plural = _("internships")

    def __str__(self) -> str:
        return f"T-{self.pk}"


class Employment(models.Model):
    """A hiring, with whether it counts towards the employer's L. 68/99 quota and its follow-up."""

    class Contract(models.TextChoices):
        PERMANENT = "permanent", _("Permanent")
        FIXED_TERM = "fixed_term", _("Fixed term")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        OTHER = "other", _("Other")

    class EndReason(models.TextChoices):
        CONTRACT_EXPIRED = "contract_expired", _("Fixed-term contract expired")
        PROBATION = "probation", _("Probation period not passed")
        RESIGNED = "resigned", _("Resigned")
        DISMISSED = "dismissed", _("Dismissed")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="employments")
    employer = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("employer")
    )
    contract_type = models.CharField(_("contract type"), max_length=20, choices=Contract.choices)
    starts_on = models.DateField(_("starts on"))
    weekly_hours = models.PositiveSmallIntegerField(_("weekly hours"))
    counts_towards_quota = models.BooleanField(_("counts towards the L. 68/99 quota"), default=False)
    monitoring_every_weeks = models.PositiveSmallIntegerField(_("post-hire check every (weeks)"), default=4)
    monitoring_until = models.DateField(_("post-hire monitoring until"), null=True, blank=True)
    # Empty while the person still works there; the outcome dashboard measures retention on it.
    ends_on = models.DateField(
        _("the job ended on"), null=True, blank=True, help_text=_("Empty while the person still has this job.")
    )
    # Why it ended, as a category: the dashboard can tell expired contracts from dismissals, and
    # no free text (which could carry health details) sits beside the job.
    end_reason = models.CharField(
        _("why the job ended"), max_length=20, choices=EndReason.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("employment")
        verbose_name_plural = _("employments")

    def __str__(self) -> str:
        return f"H-{self.pk}"


def document_upload_to(instance, filename: str) -> str:
    """A random stored name: the original one may carry the person's name; it is kept in the row."""
    import uuid

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cases/documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{suffix[:5]}"


class TimelineEntry(models.Model):
    """Something that happened on a case. Confidential entries are shown to the case team only."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        CALL = "call", _("Call")
        MEETING = "meeting", _("Meeting")
        COORDINATION = "coordination", _("Coordination table")
        FAMILY = "family", _("Family contact")
        NOTE = "note", _("Note")
        DOCUMENT = "document", _("Document")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("when"))
    text = models.TextField(_("text"))
    confidential = models.BooleanField(
        _("confidential"), default=False, help_text=_("Only the case team can read a confidential entry.")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A private document carried by the entry (see ``cases.documents``): private storage, no
    # public URL, served only by the permission-checked download view.
    document = models.FileField(
        _("document"), storage=private_storage, upload_to=document_upload_to, blank=True, max_length=200
    )
    document_name = models.CharField(_("file name"), max_length=200, blank=True)
    document_type = models.CharField(_("file type"), max_length=100, blank=True)
    document_size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    document_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["case", "-occurred_at"])]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self) -> str:
        return f"TL-{self.pk}"


class CaseReport(models.Model):
    """A report on a case for the person and the referring service: periodic or final.

    Progress reports cover a period and keep the referrer informed during the path; the final
    report (one per case) closes it: the cases that end with a real path cannot be closed
    without it (``services.case_close``). Written and marked delivered through ``cases.reports``;
    the PDF is rendered on demand, never stored, so there is no copy to leak or to keep in sync.
    """

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Progress report")
        FINAL = "final", _("Final report")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    summary = models.TextField(_("summary of the path"), blank=True)
    interventions = models.TextField(_("interventions carried out"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    written_on = models.DateField(_("written on"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    delivered_to_person_on = models.DateField(_("delivered to the person on"), null=True, blank=True)
    delivered_to_person_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delivered_to_referrer_on = models.DateField(_("delivered to the referring service on"), null=True, blank=True)
    delivered_to_referrer_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    REQUIRED_SECTIONS = ("summary", "interventions", "outcomes")

    class Meta:
        ordering = ["-written_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(kind="final"), name="cases_one_final_report")
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"R-{self.pk}"

    @property
    def missing_sections(self) -> list[str]:
        """Labels of the required sections still empty: a report is delivered only when complete."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.REQUIRED_SECTIONS
            if not getattr(self, name).strip()
        ]

    @property
    def is_complete(self) -> bool:
        return not self.missing_sections

    @property
    def is_delivered(self) -> bool:
        return self.delivered_to_person_on is not None or self.delivered_to_referrer_on is not None


class AuditEntry(models.Model):
    """Who viewed or changed which person, referral or case, and when; refused accesses too.

    It holds references and action names only, never values of personal data, so the log
    itself can be read by coordinators without exposing what was looked at.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CHANGE = "change", _("Changed")
        DENIED = "denied", _("Access refused")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("user")
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=20)
    object_id = models.PositiveIntegerField(_("object id"), null=True)
    object_reference = models.CharField(_("object"), max_length=30, blank=True)
    district = models.ForeignKey("network.District", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    detail = models.CharField(_("detail"), max_length=100, blank=True, help_text=_("The operation, never a value."))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_reference}"


class Reminder(models.Model):
    """A reminder e-mail sent by the daily beat task, recorded so that it is sent only once.

    ``due_on`` is the date the reminder is about (review date, internship end, check-in,
    acknowledgement deadline): one reminder per kind, object and due date, whatever the
    number of times the task runs. A moved review date gets its own reminder.
    """

    class Kind(models.TextChoices):
        REFERRAL_OVERDUE = "referral_overdue", _("Referral not acknowledged")
        REVIEW_DUE = "review_due", _("Case review due")
        INTERNSHIP_ENDING = "internship_ending", _("Internship ending")
        POST_HIRE_CHECK = "post_hire_check", _("Post-hire check-in")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveIntegerField(_("object id"))
    due_on = models.DateField(_("due on"))
    sent_on = models.DateField(_("sent on"))
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "due_on"], name="cases_one_reminder_per_due_date")
        ]
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}:{self.due_on}"


@register_setting(icon="folder-open-inverse")
class CasesSettings(BaseGenericSetting):
    """Rules of the case work that staff may change without a release."""

    acknowledge_within_days = models.PositiveSmallIntegerField(
        _("acknowledge referrals within (days)"),
        default=5,
        help_text=_("A referral not acknowledged within this many days is shown as overdue."),
    )

    review_every_days = models.PositiveSmallIntegerField(
        _("review cases every (days)"),
        default=90,
        help_text=_(
            "The next review of a case is set this many days after the project is approved or the monitoring starts."
        ),
    )
    due_within_days = models.PositiveSmallIntegerField(
        _("remind ahead (days)"),
        default=14,
        help_text=_(
            "Reviews, internship ends and post-hire check-ins within this many days are shown on the admin home "
            "and reminded by e-mail."
        ),
    )

    panels = [FieldPanel("acknowledge_within_days"), FieldPanel("review_every_days"), FieldPanel("due_within_days")]

    class Meta:
        verbose_name = _("case settings")
