"""The referral: a person sent to the service by a referring service.

This is the first record of a case. The case-management issue builds the evaluation,
the individual project and the monitoring on it; here it only holds what the referral
form collects, with status "received", and the form submission it came from.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Referral(models.Model):
    """A referral (segnalazione) received through the referral form."""

    class Category(models.TextChoices):
        DISABILITY_68_99 = "l68_99", _("Disabled under Law 68/1999")
        DISADVANTAGED_381_91 = "l381_91", _("Disadvantaged under Law 381/1991, art. 4")
        GENERIC = "generic", _("Generic disadvantage")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")

    reference = models.CharField(_("reference code"), max_length=20, unique=True)
    submission = models.OneToOneField(
        "forms.FormSubmission",
        verbose_name=_("form submission"),
        on_delete=models.PROTECT,
        related_name="referral",
        help_text=_("The submission this referral was created from; one referral per submission."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    tax_code = models.CharField(_("tax code"), max_length=16)
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

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        # Only the reference: the person's name must not end up in logs or admin messages by accident.
        return self.reference
