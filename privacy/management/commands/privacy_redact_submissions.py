"""Blank the person's answers in referral submissions stored before they were blanked at intake."""

from django.core.management.base import BaseCommand

from privacy.redaction import referral_submissions_redact


class Command(BaseCommand):
    help = "Blank names, tax code, category and reason in processed referral form submissions (see privacy.redaction)."

    def handle(self, *args, **options):
        count = referral_submissions_redact()
        self.stdout.write(f"{count} referral submissions redacted.")
