"""Writes of the network app. Views, forms and the admin call these; they never save models directly."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from network.models import Organisation, OutdatedReport, OutdatedReportStatus

# Log actions shown in an organisation's and a report's history (registered in wagtail_hooks).
CONFIRM_ACTION = "network.confirm"
REPORT_HANDLED_ACTION = "network.report_handled"


def outdated_report_create(*, organisation: Organisation, message: str, reporter_email: str = "") -> OutdatedReport:
    """Record a visitor's note that something on an organisation's public page is wrong.

    It lands in the admin with the status "new" for the network editors to check.
    """
    return OutdatedReport.objects.create(
        organisation=organisation, message=message.strip(), reporter_email=reporter_email.strip()
    )


@transaction.atomic
def organisation_confirm(*, organisation: Organisation, user: AbstractBaseUser) -> None:
    """Record that ``user`` checked the organisation's data today (HSDS ``assured_date``).

    Only the verification fields are written, so a confirmation never overwrites an edit
    someone else saved in the meantime; the history gets a "Data confirmed" entry.
    """
    organisation.verified_at = timezone.localdate()
    organisation.verified_by = user
    organisation.save(update_fields=["verified_at", "verified_by", "updated_at"])
    log(instance=organisation, action=CONFIRM_ACTION, user=user)


@transaction.atomic
def organisations_confirm(*, organisations: Iterable[Organisation], user: AbstractBaseUser) -> int:
    """Confirm several organisations at once (the listing's bulk action); returns how many."""
    count = 0
    for organisation in organisations:
        organisation_confirm(organisation=organisation, user=user)
        count += 1
    return count


@transaction.atomic
def outdated_report_mark_handled(*, report: OutdatedReport, user: AbstractBaseUser) -> None:
    """Close a visitor's report once staff have checked (and, if needed, fixed) the data."""
    if report.status == OutdatedReportStatus.DONE:
        return
    report.status = OutdatedReportStatus.DONE
    report.save(update_fields=["status"])
    log(instance=report, action=REPORT_HANDLED_ACTION, user=user)


__all__ = [
    "CONFIRM_ACTION",
    "REPORT_HANDLED_ACTION",
    "organisation_confirm",
    "organisations_confirm",
    "outdated_report_create",
    "outdated_report_mark_handled",
]
