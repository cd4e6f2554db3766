"""The people we serve and their paths: person, referral, case, evaluation, individual
project and plan, internship, employment, timeline, plus who may see them (staff
districts) and the audit log of every view and change.

State changes live in ``cases.services`` (never in ``save()`` or signals) and reads that
depend on who is asking live in ``cases.selectors``. ``__str__`` of records about a
person is a reference, never a name, so that names do not leak into logs or messages.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from cases.fields import EncryptedPositiveSmallIntegerField, EncryptedTextField


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
    reason = models.TextField(_("reason for referral"))
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

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("employment")
        verbose_name_plural = _("employments")

    def __str__(self) -> str:
        return f"H-{self.pk}"


class TimelineEntry(models.Model):
    """Something that happened on a case. Confidential entries are shown to the case team only."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        CALL = "call", _("Call")
        MEETING = "meeting", _("Meeting")
        COORDINATION = "coordination", _("Coordination table")
        FAMILY = "family", _("Family contact")
        NOTE = "note", _("Note")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("when"))
    text = models.TextField(_("text"))
    confidential = models.BooleanField(
        _("confidential"), default=False, help_text=_("Only the case team can read a confidential entry.")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["case", "-occurred_at"])]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self) -> str:
        return f"TL-{self.pk}"


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


@register_setting(icon="folder-open-inverse")
class CasesSettings(BaseGenericSetting):
    """Rules of the case work that staff may change without a release."""

    acknowledge_within_days = models.PositiveSmallIntegerField(
        _("acknowledge referrals within (days)"),
        default=5,
        help_text=_("A referral not acknowledged within this many days is shown as overdue."),
    )

    panels = [FieldPanel("acknowledge_within_days")]

    class Meta:
        verbose_name = _("case settings")
