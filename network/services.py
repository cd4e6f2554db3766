"""Writes of the network app. Views, forms and the admin call these; they never save models directly."""

from network.models import Organisation, OutdatedReport


def outdated_report_create(*, organisation: Organisation, message: str, reporter_email: str = "") -> OutdatedReport:
    """Record a visitor's note that something on an organisation's public page is wrong.

    It lands in the admin with the status "new" for the network editors to check.
    """
    return OutdatedReport.objects.create(
        organisation=organisation, message=message.strip(), reporter_email=reporter_email.strip()
    )


__all__ = ["outdated_report_create"]
