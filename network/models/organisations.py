"""The network of the service, shaped after Open Referral's HSDS 3.0.

HSDS object            here
---------------------  ----------------------------------------------------------------
organization           ``Organisation`` (with the Italian facts: kind, VAT number, ATECO,
                       headcount and the L. 68/99 quota, districts, partnership)
organization_identifier  the VAT number, tax code and REA number of ``Organisation``
location + address     ``Location`` (one Italian address each, ISTAT municipality)
service                ``Service``
contact                ``Contact`` (staff only: never public)
phone                  the phone numbers of organisations and contacts
taxonomy, taxonomy_term  ``Taxonomy`` and ``TaxonomyTerm`` (roles in the network, ATECO
                       sections and any list staff add), editable in the admin
attribute              the links from an organisation to its terms (roles, sector)

Every object the API publishes has a stable ``uuid`` (HSDS ids are UUIDs); the integer
primary key stays internal. Writes go through ``network.services``.
"""

import uuid
from decimal import ROUND_HALF_DOWN, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from network import municipalities
from network.districts import MUNICIPALITIES_HELP, DistrictAdminForm
from network.fields import VatNumberField
from network.validators import (
    clean_tax_code,
    clean_vat_number,
    validate_ateco_code,
    validate_municipality_codes,
    validate_rea_number,
)

# Keys of the taxonomies the code relies on; staff may add others freely.
ROLES_TAXONOMY = "network-roles"
SECTORS_TAXONOMY = "ateco-sections"

L68_MIN_EMPLOYEES = 15

__all__ = [
    "L68_MIN_EMPLOYEES",
    "ROLES_TAXONOMY",
    "SECTORS_TAXONOMY",
    "Contact",
    "District",
    "Location",
    "LocationType",
    "NetworkSettings",
    "Organisation",
    "OrganisationKind",
    "OutdatedReport",
    "OutdatedReportStatus",
    "PartnershipStatus",
    "Service",
    "ServiceStatus",
    "SizeBand",
    "Taxonomy",
    "TaxonomyTerm",
    "l68_quota",
    "size_band_for",
]


def l68_quota(employees: int | None) -> int:
    """Disabled workers an employer must hire under art. 3 of L. 68/1999.

    15-35 employees: one; 36-50: two; over 50: seven per cent, where a fraction above
    one half counts as a whole worker (DPR 333/2000, art. 3).
    """
    if employees is None or employees < L68_MIN_EMPLOYEES:
        return 0
    if employees <= 35:
        return 1
    if employees <= 50:
        return 2
    return int((Decimal(employees) * Decimal("0.07")).quantize(Decimal(1), rounding=ROUND_HALF_DOWN))


class TranslatedNameMixin:
    """Models with ``name`` (Italian) and ``name_en``: ``label`` is the one for the active language."""

    @property
    def label(self) -> str:
        if (get_language() or "it").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class District(TranslatedNameMixin, models.Model):
    """An *ambito territoriale*: the group of municipalities a case and its staff belong to."""

    name = models.CharField(_("name"), max_length=120, unique=True, help_text=_("E.g. “Ambito di Dalmine”."))
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=_("Used in the directory's filters."))
    lead_municipality = models.CharField(
        _("lead municipality"), max_length=120, blank=True, help_text=_("The municipality that leads the district.")
    )
    # A list rather than a table: a district has a few dozen municipalities, read together
    # (the admin edits them as one list; ``network.selectors.district_for_municipality``).
    municipality_codes = models.JSONField(
        _("municipalities"),
        default=list,
        blank=True,
        validators=[validate_municipality_codes],
        help_text=MUNICIPALITIES_HELP,
    )

    base_form_class = DistrictAdminForm
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("lead_municipality")]),
        FieldPanel("municipality_codes"),
    ]
    search_fields: list = []

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.label


class Taxonomy(ClusterableModel):
    """A list of terms staff maintain: roles in the network, ATECO sections, service categories."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.SlugField(
        _("key"),
        max_length=60,
        unique=True,
        help_text=_("A short fixed name the software uses (e.g. “network-roles”). Do not change it once in use."),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    uri = models.URLField(_("URI"), blank=True, help_text=_("Where the taxonomy is published, if it has a home."))
    version = models.CharField(_("version"), max_length=40, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("key")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("uri"), FieldPanel("version")]),
        InlinePanel("terms", heading=_("Terms"), label=_("Term")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(TranslatedNameMixin, Orderable):
    """One term of a taxonomy, e.g. “Ospita tirocini” in the roles, “C Manifattura” in the ATECO sections."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = ParentalKey(Taxonomy, on_delete=models.CASCADE, related_name="terms", verbose_name=_("taxonomy"))
    code = models.CharField(_("code"), max_length=40, blank=True, help_text=_("E.g. the ATECO section letter."))
    name = models.CharField(_("name"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children", verbose_name=_("parent")
    )
    term_uri = models.URLField(_("term URI"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "code"], condition=~Q(code=""), name="network_term_code_unique_in_taxonomy"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}".strip()


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    COOPERATIVE_A = "coop_a", _("Type-A social cooperative")
    COOPERATIVE_B = "coop_b", _("Type-B social cooperative")
    PUBLIC_BODY = "public_body", _("Public body")
    SOCIAL_SERVICE = "social_service", _("Social or health service")
    EMPLOYERS_ASSOCIATION = "employers_association", _("Employers' association")
    THIRD_SECTOR = "third_sector", _("Third-sector body")
    TRAINING_BODY = "training_body", _("Training body")


class SizeBand(models.TextChoices):
    MICRO = "micro", _("Micro (fewer than 10 employees)")
    SMALL = "small", _("Small (10-49 employees)")
    MEDIUM = "medium", _("Medium (50-249 employees)")
    LARGE = "large", _("Large (250 or more employees)")


def size_band_for(employees: int) -> str:
    if employees < 10:
        return SizeBand.MICRO
    if employees < 50:
        return SizeBand.SMALL
    if employees < 250:
        return SizeBand.MEDIUM
    return SizeBand.LARGE


class PartnershipStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    ACTIVE = "active", _("Active partner")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")


class OrganisationQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        """What the public may see: organisations marked public."""
        return self.filter(is_public=True)

    def l68_bound(self):
        return self.filter(employees__gte=L68_MIN_EMPLOYEES)

    def verification_older_than(self, days: int):
        cutoff = timezone.localdate() - timezone.timedelta(days=days)
        return self.filter(Q(verified_at__lt=cutoff) | Q(verified_at__isnull=True))


class Organisation(index.Indexed, ClusterableModel):
    """A company, cooperative, institution or service of the network (HSDS ``organization``)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, help_text=_("The registered name (ragione sociale)."))
    alternate_name = models.CharField(
        _("alternate name"), max_length=200, blank=True, help_text=_("The name people know it by, if different.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("The end of its address in the public directory. Left empty, it is made from the name."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What it does, in a few plain sentences (no HTML).")
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    pec = models.EmailField(_("certified e-mail (PEC)"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    vat_number = VatNumberField(
        _("VAT number"),
        max_length=11,
        blank=True,
        help_text=_("Partita IVA, 11 digits. One VAT number belongs to one organisation only."),
    )
    tax_code = models.CharField(
        _("tax code"), max_length=16, blank=True, help_text=_("Codice fiscale, if different from the VAT number.")
    )
    rea_number = models.CharField(
        _("REA number"),
        max_length=12,
        blank=True,
        validators=[validate_rea_number],
        help_text=_("Chamber of commerce registration, e.g. “BG-123456”."),
    )
    ateco_code = models.CharField(
        _("ATECO code"),
        max_length=8,
        blank=True,
        validators=[validate_ateco_code],
        help_text=_("The main economic activity, e.g. “25.62.00”."),
    )
    sector = models.ForeignKey(
        TaxonomyTerm,
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"taxonomy__key": SECTORS_TAXONOMY},
        help_text=_("The ATECO section, used by the directory's filters."),
    )
    employees = models.PositiveIntegerField(
        _("employees"),
        null=True,
        blank=True,
        help_text=_("Headcount for the L. 68/99 quota. The size band follows from it."),
    )
    size_band = models.CharField(
        _("size band"),
        max_length=10,
        choices=SizeBand.choices,
        blank=True,
        help_text=_("Only needed when the exact headcount is not known."),
    )
    has_art11_agreement = models.BooleanField(
        _("art. 11 agreement"),
        default=False,
        help_text=_("It has signed an agreement (convenzione, L. 68/99 art. 11) to meet its quota step by step."),
    )
    art11_agreement_date = models.DateField(_("agreement signed on"), null=True, blank=True)

    roles = models.ManyToManyField(
        TaxonomyTerm,
        verbose_name=_("roles in the network"),
        blank=True,
        related_name="organisations",
        limit_choices_to={"taxonomy__key": ROLES_TAXONOMY},
        help_text=_("What it does with the service: hosts internships, hires, refers people ..."),
    )
    districts = models.ManyToManyField(District, verbose_name=_("districts"), blank=True, related_name="organisations")
    partnership_status = models.CharField(
        _("partnership"), max_length=20, choices=PartnershipStatus.choices, default=PartnershipStatus.PROSPECT
    )
    partner_since = models.DateField(_("partner since"), null=True, blank=True)

    is_public = models.BooleanField(
        _("show in the public directory"),
        default=False,
        help_text=_("Only with the organisation's agreement. Contact persons are never shown."),
    )
    publish_address = models.BooleanField(_("publish addresses"), default=True)
    publish_phone = models.BooleanField(_("publish phone"), default=True)
    publish_email = models.BooleanField(_("publish e-mail"), default=True)
    publish_website = models.BooleanField(_("publish website"), default=True)
    publish_identifiers = models.BooleanField(
        _("publish VAT number and size"), default=False, help_text=_("VAT number, ATECO code and size band.")
    )

    verified_at = models.DateField(
        _("data confirmed on"),
        null=True,
        blank=True,
        help_text=_("When someone last confirmed these data with the organisation (HSDS assured date)."),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last modified"), auto_now=True, db_index=True)

    objects = OrganisationQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("alternate_name"),
        index.SearchField("description"),
        index.FilterField("is_public"),
        index.FilterField("kind"),
        index.FilterField("sector"),
        index.FilterField("partnership_status"),
        index.FilterField("employees"),
        index.FilterField("name"),
        index.FilterField("id"),
        index.FilterField("updated_at"),
        index.FilterField("verified_at"),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("name"), FieldPanel("alternate_name")]),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("slug")]),
                    FieldPanel("description"),
                    FieldPanel("logo"),
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("website"), FieldPanel("phone")]),
                            FieldRowPanel([FieldPanel("email"), FieldPanel("pec")]),
                        ],
                        heading=_("How to reach it"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("vat_number"), FieldPanel("tax_code"), FieldPanel("rea_number")]),
                            FieldRowPanel([FieldPanel("ateco_code"), FieldPanel("sector")]),
                            FieldRowPanel([FieldPanel("employees"), FieldPanel("size_band")]),
                            # Read-only: the quota follows from the saved headcount (L. 68/99 art. 3).
                            HelpPanel(template="network/admin/l68_quota_panel.html", heading=_("L. 68/99 quota")),
                            FieldRowPanel([FieldPanel("has_art11_agreement"), FieldPanel("art11_agreement_date")]),
                        ],
                        heading=_("Identifiers and size"),
                    ),
                ],
                heading=_("Organisation"),
            ),
            ObjectList(
                [
                    FieldPanel("roles", widget=CheckboxSelectMultiple),
                    FieldPanel("districts", widget=CheckboxSelectMultiple),
                    FieldRowPanel([FieldPanel("partnership_status"), FieldPanel("partner_since")]),
                    # Set by the "Confirm data" action, which also writes the history.
                    FieldRowPanel(
                        [FieldPanel("verified_at", read_only=True), FieldPanel("verified_by", read_only=True)]
                    ),
                ],
                heading=_("Network"),
            ),
            ObjectList([InlinePanel("locations", heading=_("Locations"), label=_("Location"))], heading=_("Locations")),
            ObjectList([InlinePanel("services", heading=_("Services"), label=_("Service"))], heading=_("Services")),
            ObjectList(
                [InlinePanel("contacts", heading=_("Contact persons"), label=_("Contact person"))],
                heading=_("Contacts"),
            ),
            ObjectList(
                [
                    FieldPanel("is_public"),
                    FieldRowPanel([FieldPanel("publish_address"), FieldPanel("publish_phone")]),
                    FieldRowPanel([FieldPanel("publish_email"), FieldPanel("publish_website")]),
                    FieldPanel("publish_identifiers"),
                ],
                heading=_("Publication"),
            ),
        ]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["vat_number"],
                condition=~Q(vat_number=""),
                name="network_organisation_vat_number_unique",
                violation_error_message=_("Another organisation already has this VAT number."),
            )
        ]
        indexes = [models.Index(fields=["is_public", "name"], name="network_org_public_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, list] = {}
        self.description = strip_tags(self.description).strip()
        if self.vat_number:
            try:
                self.vat_number = clean_vat_number(self.vat_number)
            except ValidationError as error:
                errors["vat_number"] = error.messages
            else:
                clash = Organisation.objects.filter(vat_number=self.vat_number).exclude(pk=self.pk).first()
                if clash:
                    errors["vat_number"] = [
                        _("“%(other)s” already has this VAT number: open that organisation instead.")
                        % {"other": clash.name}
                    ]
        if self.tax_code:
            try:
                self.tax_code = clean_tax_code(self.tax_code)
            except ValidationError as error:
                errors["tax_code"] = error.messages
        if self.rea_number:
            self.rea_number = self.rea_number.strip().upper()
        if self.employees is not None:
            self.size_band = size_band_for(self.employees)
        if self.art11_agreement_date and not self.has_art11_agreement:
            errors["has_art11_agreement"] = [_("Tick this box if the organisation has signed the agreement.")]
        if not self.slug and self.name:
            self.slug = self._unique_slug()
        if errors:
            raise ValidationError(errors)

    def _unique_slug(self) -> str:
        base = slugify(self.name)[:100] or "organisation"
        slug, number = base, 1
        while Organisation.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    @property
    def l68_bound(self) -> bool:
        return self.employees is not None and self.employees >= L68_MIN_EMPLOYEES

    @property
    def l68_quota(self) -> int:
        return l68_quota(self.employees)

    def verification_is_older_than(self, days: int) -> bool:
        return self.verified_at is None or self.verified_at < timezone.localdate() - timezone.timedelta(days=days)


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("Where it works (physical)")
    POSTAL = "postal", _("Postal address only")


# Roughly the bounding box of Italy, to catch swapped or mistyped coordinates.
ITALY_LATITUDE = (35.0, 47.5)
ITALY_LONGITUDE = (6.0, 19.0)


class Location(Orderable):
    """A place of the organisation with its Italian address (HSDS ``location`` and ``address``)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=160, blank=True, help_text=_("E.g. “Registered office”, “Plant”."))
    location_type = models.CharField(
        _("type"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    address = models.CharField(_("street and number"), max_length=200)
    municipality = models.CharField(
        _("municipality"), max_length=120, help_text=_("As in the ISTAT list, e.g. “Sant'Omobono Terme”.")
    )
    municipality_code = models.CharField(_("ISTAT code"), max_length=6, blank=True, editable=False, db_index=True)
    province = models.CharField(
        _("province"), max_length=2, blank=True, help_text=_("Two letters, e.g. BG. Filled in from the municipality.")
    )
    postcode = models.CharField(_("postcode"), max_length=5, db_index=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("location_type")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("municipality"), FieldPanel("province"), FieldPanel("postcode")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return f"{self.address}, {self.postcode} {self.municipality} ({self.province})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        found = municipalities.find_municipality(self.municipality or "", self.province or "")
        if found is None and self.province and municipalities.find_municipality(self.municipality or ""):
            errors["province"] = _("“%(name)s” is not in the province %(province)s.") % {
                "name": self.municipality,
                "province": self.province.upper(),
            }
        elif found is None:
            errors["municipality"] = _(
                "“%(name)s” is not an Italian municipality in the ISTAT list: check the spelling."
            ) % {"name": self.municipality}
        else:
            self.municipality, self.municipality_code, self.province = found.name, found.code, found.province
            self.postcode = (self.postcode or "").strip()
            if found.postcodes and self.postcode not in found.postcodes:
                errors["postcode"] = _("The postcode of %(name)s is %(postcodes)s.") % {
                    "name": found.name,
                    "postcodes": ", ".join(found.postcodes[:3]) + ("…" if len(found.postcodes) > 3 else ""),
                }
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        elif self.latitude is not None and not (
            ITALY_LATITUDE[0] <= self.latitude <= ITALY_LATITUDE[1]
            and ITALY_LONGITUDE[0] <= self.longitude <= ITALY_LONGITUDE[1]
        ):
            errors["latitude"] = _("These coordinates are outside Italy: check them, or that they are not swapped.")
        if errors:
            raise ValidationError(errors)


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


class Service(Orderable):
    """Something the organisation offers that matters to the service (HSDS ``service``).

    E.g. internship places in logistics, a training course, a job-orientation desk. A
    service is offered at every public location of its organisation.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    eligibility_description = models.TextField(
        _("who it is for"), blank=True, help_text=_("E.g. “People registered under L. 68/99”.")
    )
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("status")]),
        FieldPanel("description"),
        FieldPanel("eligibility_description"),
        FieldRowPanel([FieldPanel("url"), FieldPanel("email")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.description = strip_tags(self.description).strip()
        self.eligibility_description = strip_tags(self.eligibility_description).strip()


class Contact(Orderable):
    """A person the team talks to at the organisation. Staff only: never published."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=160)
    title = models.CharField(_("role"), max_length=160, blank=True, help_text=_("E.g. “HR manager”, “social worker”."))
    department = models.CharField(_("department"), max_length=160, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("title"), FieldPanel("department")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name


class OutdatedReportStatus(models.TextChoices):
    NEW = "new", _("New")
    DONE = "done", _("Handled")


class OutdatedReport(models.Model):
    """A visitor's note, from a directory page, that something about an organisation is wrong."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="outdated_reports", verbose_name=_("organisation")
    )
    message = models.TextField(_("what is wrong"), max_length=2000)
    reporter_email = models.EmailField(_("reporter's e-mail"), blank=True, help_text=_("Only if they want an answer."))
    status = models.CharField(
        _("status"), max_length=10, choices=OutdatedReportStatus.choices, default=OutdatedReportStatus.NEW
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    panels = [FieldPanel("organisation", read_only=True), FieldPanel("message", read_only=True), FieldPanel("status")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outdated-information report")
        verbose_name_plural = _("outdated-information reports")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.created_at:%d/%m/%Y})"


@register_setting(icon="group")
class NetworkSettings(BaseGenericSetting):
    """How the team keeps the network's data fresh."""

    verification_max_age_days = models.PositiveIntegerField(
        _("confirm data every (days)"),
        default=365,
        validators=[MinValueValidator(1)],
        help_text=_("Organisations whose data were confirmed longer ago than this are listed as to be checked."),
    )

    panels = [FieldPanel("verification_max_age_days")]

    class Meta:
        verbose_name = _("network settings")
