"""The record of processing activities (GDPR art. 30), kept in code next to the models it describes.

Why in code: the register must follow the product. A test (``tests/privacy/test_processing.py``)
walks every concrete model of the project's apps and fails when one with personal-looking
fields is neither listed here nor in ``NOT_PERSONAL`` with a reason; the retention periods
are read from the same settings as the nightly job (``privacy.retention``), so the text the
coordinators read and what the job deletes cannot disagree.

The register describes; it does not decide. Who the controller is (the municipalities of
the districts, the operator under contract, or both) and the final periods are for the
controller's data protection officer to confirm: the defaults are explained in the README.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Categories of data (GDPR art. 9 and 10), as codes; ``CATEGORY_LABELS`` for the screen.
COMMON = "common"
SPECIAL = "special"
JUDICIAL = "judicial"
CATEGORY_LABELS = {
    COMMON: _("Common data"),
    SPECIAL: _("Special categories (art. 9 GDPR): health and disability"),
    JUDICIAL: _("Judicial data (art. 10 GDPR)"),
}

# What happens at the end of the period.
DELETED = "deleted"
ANONYMISED = "anonymised"
MANUAL = "manual"
END_LABELS = {
    DELETED: _("Deleted"),
    ANONYMISED: _("Anonymised"),
    MANUAL: _("Reviewed and deleted by staff"),
}

# Legal bases written once, reused by the entries.
BASIS_PUBLIC_TASK = _(
    "Art. 6(1)(e) GDPR: a task in the public interest, the work-inclusion service the municipalities of the "
    "districts entrust to the operator under contract."
)
BASIS_SPECIAL = _(
    "Art. 9(2)(b) GDPR (employment and social protection law: L. 68/1999, targeted placement of disabled "
    "people; L. 381/1991, art. 4, disadvantaged people), art. 9(2)(g) with art. 2-sexies D.Lgs. 196/2003 "
    "(social and welfare services) and art. 9(2)(h) GDPR (assessment of working capacity, social care)."
)
BASIS_JUDICIAL = _(
    "Art. 10 GDPR and art. 2-octies D.Lgs. 196/2003: only whether the person is under alternative measures "
    "to detention, as L. 381/1991, art. 4 requires to recognise the disadvantage; never the offence."
)
BASIS_SECURITY = _(
    "Art. 6(1)(e) and art. 32 GDPR: securing the service and being able to show who did what (accountability, "
    "art. 5(2))."
)


def _years(count: int) -> str:
    return ngettext("%(count)d year", "%(count)d years", count) % {"count": count}


def _months(count: int) -> str:
    return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}


def _days(count: int) -> str:
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


def _hours(count: int) -> str:
    return ngettext("%(count)d hour", "%(count)d hours", count) % {"count": count}


@dataclass(frozen=True)
class Processing:
    """One processing activity: which models, whose data, what, why, on which basis, for how long."""

    key: str
    title: Promise
    models: tuple[str, ...]
    subjects: Promise
    categories: tuple[str, ...]
    data: Promise
    purpose: Promise
    legal_basis: tuple[Promise, ...]
    recipients: Promise
    #: The period, as text built from the settings when it is read (so it follows them).
    retention: Callable[[], str]
    at_end: str
    #: Whether the nightly job (``privacy.tasks.apply_retention``) applies the period.
    automatic: bool = True
    #: Shown only when at least one of its models is installed (e.g. django-axes).
    optional: bool = False
    notes: Promise | str = field(default="")

    @property
    def installed_models(self) -> list:
        found = []
        for label in self.models:
            try:
                found.append(apps.get_model(label))
            except (LookupError, ValueError):
                continue
        return found

    @property
    def model_names(self) -> list[str]:
        """What the screen shows for the models: their plural names, in the admin's language."""
        return [str(model._meta.verbose_name_plural) for model in self.installed_models]

    @property
    def category_labels(self) -> list:
        return [CATEGORY_LABELS[code] for code in self.categories]

    @property
    def at_end_label(self):
        return END_LABELS[self.at_end]

    @property
    def retention_text(self) -> str:
        return self.retention()


def _case_retention() -> str:
    return _(
        "%(period)s after the person's last path closes (the whole record: every case, referral and note). "
        "Someone referred but never taken in: %(rejected)s after the decision."
    ) % {
        "period": _years(settings.RETENTION_CLOSED_CASE_YEARS),
        "rejected": _months(settings.RETENTION_REJECTED_REFERRAL_MONTHS),
    }


def _referral_retention() -> str:
    return _(
        "Not eligible or withdrawn: %(rejected)s after the decision. Accepted: as the case (%(period)s after the "
        "person's last path closes)."
    ) % {
        "rejected": _months(settings.RETENTION_REJECTED_REFERRAL_MONTHS),
        "period": _years(settings.RETENTION_CLOSED_CASE_YEARS),
    }


def _submission_retention() -> str:
    return _(
        "%(period)s after it is sent. Its data lives on in the referral or offer created from it; the "
        "reference code stays so that the referrer's status link keeps working."
    ) % {"period": _days(settings.RETENTION_FORM_SUBMISSION_DAYS)}


def _import_retention() -> str:
    return _("The uploaded file: %(period)s after the upload. The job's counts stay.") % {
        "period": _days(settings.SIL_IMPORTS_RETENTION_DAYS)
    }


def _audit_retention() -> str:
    return _("%(period)s, then deleted; history lines of records that no longer exist go at once.") % {
        "period": _years(settings.RETENTION_AUDIT_YEARS)
    }


def _sign_in_retention() -> str:
    from cases.referrer_access import KEEP_SIGN_INS_DAYS

    return _("%(period)s after the link was sent.") % {"period": _days(KEEP_SIGN_INS_DAYS)}


def _reminder_retention() -> str:
    return _("%(period)s after it was sent, unless what it reminded of is still due.") % {
        "period": _days(settings.RETENTION_REMINDER_DAYS)
    }


def _email_retention() -> str:
    return _("%(period)s after it was sent.") % {"period": _days(settings.RETENTION_SENT_EMAIL_DAYS)}


def _session_retention() -> str:
    return _("Until the session expires (%(period)s without use), then deleted the following night.") % {
        "period": _hours(settings.SESSION_COOKIE_AGE // 3600)
    }


def _login_retention() -> str:
    return _("%(period)s after the attempt.") % {"period": _days(settings.RETENTION_LOGIN_LOG_DAYS)}


def _task_result_retention() -> str:
    return _("%(period)s after the task ran.") % {"period": _hours(settings.RETENTION_TASK_RESULT_HOURS)}


def _while_in_use() -> str:
    return str(_("As long as it is needed for the purpose; staff review it and delete it."))


def _staff_retention() -> str:
    return str(
        _(
            "While the person works for the service; a deactivated account is kept as long as the audit log "
            "names it (%(period)s), then an administrator deletes it."
        )
        % {"period": _years(settings.RETENTION_AUDIT_YEARS)}
    )


REGISTER: tuple[Processing, ...] = (
    Processing(
        key="people",
        title=_("People served"),
        models=("cases.Person", "jobs.WorkProfile"),
        subjects=_("Adults the service helps find and keep a job; their family contact when one is given."),
        categories=(COMMON, SPECIAL, JUDICIAL),
        data=_(
            "Identity and contacts, tax code, date of birth, municipality, legal category (L. 68/1999, L. 381/1991 "
            "art. 4, generic disadvantage), invalidity percentage and health notes (stored encrypted), work "
            "preferences and skills."
        ),
        purpose=_(
            "Work inclusion: evaluating the work prerequisites, planning and following the individual project, "
            "internships and job placement, reporting back to the referring service."
        ),
        legal_basis=(BASIS_PUBLIC_TASK, BASIS_SPECIAL, BASIS_JUDICIAL),
        recipients=_(
            "The staff of the person's district (case team, coordinators); the referring service (reports); the "
            "Collocamento Mirato office for L. 68/1999 placements; host organisations and employers, only what an "
            "internship or a hiring needs."
        ),
        retention=_case_retention,
        at_end=ANONYMISED,
        notes=_(
            "Anonymised rather than deleted: an empty record with district and legal category stays so that "
            "published figures do not change."
        ),
    ),
    Processing(
        key="referrals",
        title=_("Referrals"),
        models=("cases.Referral", "cases.ReferralEvent"),
        subjects=_("People referred to the service; the referring workers of social and specialist services."),
        categories=(COMMON, SPECIAL),
        data=_(
            "The personal-data sheet sent by the referrer: identity, tax code, municipality, legal category, the "
            "reason for referral (stored encrypted, may hold health details); the referring worker's name, e-mail "
            "and phone; the steps shown on the status page."
        ),
        purpose=_("Taking in referrals and answering every one of them, as the service's contract requires."),
        legal_basis=(BASIS_PUBLIC_TASK, BASIS_SPECIAL),
        recipients=_("Staff who take in referrals and the staff of the district; the referring worker (the answer)."),
        retention=_referral_retention,
        at_end=ANONYMISED,
    ),
    Processing(
        key="case_work",
        title=_("Case work"),
        models=(
            "cases.Case",
            "cases.CaseTeamMember",
            "cases.Evaluation",
            "cases.IndividualProject",
            "cases.PlanItem",
            "cases.Internship",
            "cases.Employment",
            "cases.TimelineEntry",
            "cases.CaseReport",
            "jobs.Match",
        ),
        subjects=_("People served; the staff on the case team; company tutors of internships."),
        categories=(COMMON, SPECIAL),
        data=_(
            "The evaluation of the work prerequisites (notes on stability stored encrypted), the individual "
            "project and its plan, internships, hirings and post-hire follow-up, timeline notes and documents, "
            "reports to the person and the referrer, the matches proposed to employers."
        ),
        purpose=_("Carrying out and verifying the person's path, as agreed with the person and the referrer."),
        legal_basis=(BASIS_PUBLIC_TASK, BASIS_SPECIAL),
        recipients=_(
            "The case team and the district's coordinators; confidential notes the case team only; the referring "
            "service receives the reports."
        ),
        retention=_case_retention,
        at_end=ANONYMISED,
        notes=_("Texts are blanked and documents deleted; dates and outcomes stay for the figures."),
    ),
    Processing(
        key="form_submissions",
        title=_("Online form submissions"),
        models=("forms.FormSubmission", "forms.SubmissionAttachment", "wagtailforms.FormSubmission"),
        subjects=_(
            "People referred, referring workers, contact persons of companies offering jobs or internships, "
            "anyone writing through the contact form."
        ),
        categories=(COMMON, SPECIAL),
        data=_("The form as sent, with its attachments (private storage, never public)."),
        purpose=_("Receiving referrals, job and internship offers and messages from the public website."),
        legal_basis=(BASIS_PUBLIC_TASK, BASIS_SPECIAL),
        recipients=_("Staff who may see the submissions of the form."),
        retention=_submission_retention,
        at_end=DELETED,
    ),
    Processing(
        key="employers",
        title=_("Job offers and contacts with employers"),
        models=("jobs.JobOffer", "jobs.EmployerContact"),
        subjects=_("Contact persons at companies; company promoters of the service."),
        categories=(COMMON,),
        data=_("Name, e-mail and phone of the company's contact person; notes of the promoter's contacts."),
        purpose=_("Finding jobs and internships for the people served; growing the network."),
        legal_basis=(BASIS_PUBLIC_TASK,),
        recipients=_("Staff of the service."),
        retention=_while_in_use,
        at_end=MANUAL,
        automatic=False,
    ),
    Processing(
        key="network",
        title=_("Network directory"),
        models=(
            "network.Organisation",
            "network.Location",
            "network.Service",
            "network.Contact",
            "network.OutdatedReport",
        ),
        subjects=_(
            "Contact persons at organisations of the network; sole traders; visitors reporting outdated entries."
        ),
        categories=(COMMON,),
        data=_(
            "Name, role, e-mail and phone of contact persons; an organisation's contacts and identifiers when it is "
            "a sole trader; the e-mail of who reports an outdated entry, if they give it."
        ),
        purpose=_("Running and publishing the directory of the network; answering reports of outdated entries."),
        legal_basis=(BASIS_PUBLIC_TASK,),
        recipients=_("Staff; the public, for what the organisation chose to publish (contact persons never)."),
        retention=_while_in_use,
        at_end=MANUAL,
        automatic=False,
    ),
    Processing(
        key="imports",
        title=_("Imports of partner lists"),
        models=("imports.ImportJob", "imports.ImportRecord"),
        subjects=_("Contact persons in the uploaded lists; the staff member who uploaded them."),
        categories=(COMMON,),
        data=_("The uploaded file (private storage) and, for undo, the values each import changed."),
        purpose=_("Loading and updating the network directory from partners' lists."),
        legal_basis=(BASIS_PUBLIC_TASK,),
        recipients=_("Staff who import."),
        retention=_import_retention,
        at_end=DELETED,
        notes=_("The values kept for undo stay with the job until staff delete it."),
    ),
    Processing(
        key="audit",
        title=_("Audit log and history"),
        models=("cases.AuditEntry", "wagtailcore.ModelLogEntry"),
        subjects=_("Staff; people served, by reference code only."),
        categories=(COMMON,),
        data=_("Who viewed or changed which record and when, refused accesses; references, never values."),
        purpose=_("Accountability and the security of the records (art. 5(2) and 32 GDPR)."),
        legal_basis=(BASIS_SECURITY,),
        recipients=_("District coordinators (their districts); administrators."),
        retention=_audit_retention,
        at_end=DELETED,
    ),
    Processing(
        key="referrer_sign_ins",
        title=_("Referrer sign-in links"),
        models=("cases.ReferrerSignIn",),
        subjects=_("Referring workers."),
        categories=(COMMON,),
        data=_("Work e-mail address, when a sign-in link was sent and used (only a fingerprint of the link)."),
        purpose=_("Letting referring workers follow their referrals without an account, securely."),
        legal_basis=(BASIS_PUBLIC_TASK, BASIS_SECURITY),
        recipients=_("Nobody: used by the system only."),
        retention=_sign_in_retention,
        at_end=DELETED,
    ),
    Processing(
        key="reminders",
        title=_("Reminders sent"),
        models=("cases.Reminder",),
        subjects=_("Staff (how many were told); records by id only."),
        categories=(COMMON,),
        data=_("Kind of reminder, record id, due date, sending date."),
        purpose=_("Sending each reminder once."),
        legal_basis=(BASIS_PUBLIC_TASK,),
        recipients=_("Nobody: used by the system only."),
        retention=_reminder_retention,
        at_end=DELETED,
    ),
    Processing(
        key="emails",
        title=_("Outgoing e-mails"),
        models=("core.OutboxEmail",),
        subjects=_("Staff, referring workers and company contacts who receive the service's e-mails."),
        categories=(COMMON,),
        data=_("Recipients' addresses, subject and text (references and links only, never the person's data)."),
        purpose=_("Sending each e-mail once, even when a server fails."),
        legal_basis=(BASIS_PUBLIC_TASK,),
        recipients=_("The service's mail provider."),
        retention=_email_retention,
        at_end=DELETED,
        optional=True,
    ),
    Processing(
        key="staff",
        title=_("Staff accounts"),
        models=(
            "auth.User",
            "wagtailusers.UserProfile",
            "cases.StaffProfile",
            "otp_totp.TOTPDevice",
            "otp_static.StaticDevice",
            "otp_static.StaticToken",
        ),
        subjects=_("Staff of the service and editors of the website."),
        categories=(COMMON,),
        data=_("Name, e-mail, username, password hash, groups and districts, second-factor devices."),
        purpose=_("Access to the admin, limited to what each role needs."),
        legal_basis=(BASIS_SECURITY,),
        recipients=_("Administrators."),
        retention=_staff_retention,
        at_end=MANUAL,
        automatic=False,
    ),
    Processing(
        key="sessions",
        title=_("Sessions"),
        models=("sessions.Session",),
        subjects=_("Staff signed in to the admin."),
        categories=(COMMON,),
        data=_("A session key and the signed-in user's id."),
        purpose=_("Keeping staff signed in securely."),
        legal_basis=(BASIS_SECURITY,),
        recipients=_("Nobody: used by the system only."),
        retention=_session_retention,
        at_end=DELETED,
    ),
    Processing(
        key="login_attempts",
        title=_("Login attempts"),
        models=("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"),
        subjects=_("Anyone who tries to sign in to the admin."),
        categories=(COMMON,),
        data=_("Username tried, network address, browser, time, outcome."),
        purpose=_("Throttling and locking out password guessing; investigating incidents."),
        legal_basis=(BASIS_SECURITY,),
        recipients=_("Administrators."),
        retention=_login_retention,
        at_end=DELETED,
        optional=True,
    ),
    Processing(
        key="task_results",
        title=_("Background task results"),
        models=(),
        subjects=_("None directly: tasks take record ids and return counts."),
        categories=(COMMON,),
        data=_("Task id, state and return value (ids and counts)."),
        purpose=_("Running work outside the web request (e-mails, imports, reminders, retention)."),
        legal_basis=(BASIS_SECURITY,),
        recipients=_("Nobody: used by the system only."),
        retention=_task_result_retention,
        at_end=DELETED,
    ),
)

#: Models of the project's apps whose personal-looking field names do not hold personal data.
NOT_PERSONAL: dict[str, str] = {
    "content.SiteSettings": "the operator's office address, phone and e-mail",
    "network.District": "names of districts",
    "network.Taxonomy": "names of taxonomies",
    "network.TaxonomyTerm": "names of sectors and roles",
    "forms.FormField": "field definitions of the forms",
    "forms.CoreFieldText": "labels of the forms' fixed fields",
    "forms.FormPage": "mailboxes of the service that receive notices",
    "forms.ReferralFormPage": "mailboxes of the service that receive notices",
    "forms.OfferFormPage": "mailboxes of the service that receive notices",
    "forms.ContactFormPage": "mailboxes of the service that receive notices",
    "cases.InterventionType": "names of kinds of intervention",
    "imports.MappingPreset": "names of column mappings",
}


def register_entries() -> list[Processing]:
    """The entries to show: all, except optional ones whose models are not installed."""
    return [entry for entry in REGISTER if not entry.optional or entry.installed_models]


def registered_labels() -> set[str]:
    return {label.lower() for entry in REGISTER for label in entry.models}
