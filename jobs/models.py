"""Job offers and internship places that companies send through the offer form."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobOffer(models.Model):
    """An offer from a company, linked to its network organisation by VAT number.

    When no organisation of the network has the VAT number, ``needs_review`` is set so
    staff can add the company to the network (or correct the number) and link it.
    """

    class Kind(models.TextChoices):
        JOB = "job", _("Job offer")
        INTERNSHIP = "internship", _("Internship place")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")

    reference = models.CharField(_("reference code"), max_length=20, unique=True)
    submission = models.OneToOneField(
        "forms.FormSubmission", verbose_name=_("form submission"), on_delete=models.PROTECT, related_name="job_offer"
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
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    company_name = models.CharField(_("company name"), max_length=200)
    vat_number = models.CharField(_("VAT number"), max_length=11)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    role = models.CharField(_("role"), max_length=200)
    place_of_work = models.CharField(_("place of work"), max_length=100)
    weekly_hours = models.PositiveSmallIntegerField(_("hours per week"))
    contract_type = models.CharField(_("type of contract"), max_length=20)
    requirements = models.TextField(_("requirements"), blank=True)
    counts_towards_quota = models.BooleanField(_("counts towards the Law 68/1999 quota"), default=False)
    received_at = models.DateTimeField(_("received at"))

    class Meta:
        verbose_name = _("job offer")
        verbose_name_plural = _("job offers")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.reference} · {self.role}"
