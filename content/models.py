"""Page types of the public site, its site-wide settings and its menus.

The page tree of one language looks like this::

    HomePage
    ├── SectionIndexPage ("Il servizio", "Per le aziende" ...)
    │   └── ContentPage (and further ContentPages)
    ├── ContentPage (privacy, accessibility ...)
    └── NewsIndexPage
        └── NewsPage

The English tree is a translation of the Italian one (Wagtail i18n), made with the
"Translate" action of the admin.
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from content.blocks import BodyStreamBlock, CallToActionBlock, KeyFactBlock, LinkBlock


class BasePage(Page):
    """What every public page has: an introduction shown under the title and in listings.

    To add a page type, subclass ``BasePage``, add its fields to ``content_panels``,
    ``search_fields`` and ``api_fields``, and set ``parent_page_types`` and
    ``subpage_types`` so editors can only create it where it belongs.
    """

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences shown under the title, in listings and in search results."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    class Meta:
        abstract = True


class HomePage(BasePage):
    """The front page: what the service is, key facts, and the next step for each visitor."""

    hero_title = models.CharField(
        _("hero title"), max_length=120, help_text=_("The large sentence at the top of the home page.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional picture beside the hero title. Give it alternative text in the image library."),
    )
    key_facts = StreamField(
        [("fact", KeyFactBlock())],
        verbose_name=_("key facts"),
        blank=True,
        max_num=4,
        help_text=_("Up to four short figures, e.g. the districts served."),
    )
    calls_to_action = StreamField(
        [("call_to_action", CallToActionBlock())],
        verbose_name=_("calls to action"),
        blank=True,
        max_num=3,
        help_text=_("One box for each kind of visitor: referring services, companies, people looking for work."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_image")], heading=_("Hero")),
        FieldPanel("key_facts"),
        FieldPanel("calls_to_action"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("hero_title"), index.SearchField("body")]
    api_fields = [
        *BasePage.api_fields,
        APIField("hero_title"),
        APIField("key_facts"),
        APIField("calls_to_action"),
        APIField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.SectionIndexPage",
        "content.ContentPage",
        "content.NewsIndexPage",
        "network.DirectoryPage",
        "forms.ReferralFormPage",
        "forms.OfferFormPage",
        "forms.ContactFormPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = NewsPage.objects.live().public().descendant_of(self).order_by("-date")[:3]
        return context


class ContentPage(BasePage):
    """A standard page of text, images, FAQs and contacts: most of the site is made of these."""

    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["content.HomePage", "content.SectionIndexPage", "content.ContentPage"]
    subpage_types = ["content.ContentPage", "forms.ReferralFormPage", "forms.OfferFormPage", "forms.ContactFormPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class SectionIndexPage(BasePage):
    """A section of the site ("The service", "For companies") that lists its pages as cards."""

    body = StreamField(
        BodyStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("Optional text shown above the list of pages."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["content.HomePage", "content.SectionIndexPage"]
    subpage_types = [
        "content.ContentPage",
        "content.SectionIndexPage",
        "network.DirectoryPage",
        "forms.ReferralFormPage",
        "forms.OfferFormPage",
        "forms.ContactFormPage",
    ]

    class Meta:
        verbose_name = _("section index")
        verbose_name_plural = _("section indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.get_children().live().public().specific().defer_streamfields()
        return context


class NewsIndexPage(BasePage):
    """The list of news, newest first, ten to a page."""

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.live().public().child_of(self).order_by("-date", "-pk").defer_streamfields()
        context["news"] = Paginator(news, 10).get_page(request.GET.get("page"))
        return context


class NewsPage(BasePage):
    """One news item: a dated announcement (new partnerships, events, calls for companies)."""

    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("Shown on the page and used to sort the news.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("image")]),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body"), index.FilterField("date")]
    api_fields = [*BasePage.api_fields, APIField("date"), APIField("body")]

    parent_page_types = ["content.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Facts about the service shown in the header and footer of every page."""

    service_name = models.CharField(
        _("service name"),
        max_length=120,
        default="SIL",
        help_text=_("Shown in the header, e.g. 'SIL Dalmine e Bergamo'."),
    )
    tagline = models.CharField(
        _("tagline (Italian)"), max_length=160, blank=True, help_text=_("Shown under the service name.")
    )
    tagline_en = models.CharField(_("tagline (English)"), max_length=160, blank=True)
    operator_name = models.CharField(
        _("operator"), max_length=160, blank=True, help_text=_("The agency or cooperative that runs the service.")
    )
    operator_url = models.URLField(_("operator website"), blank=True)
    districts = models.CharField(
        _("districts served"), max_length=250, blank=True, help_text=_("Comma-separated, e.g. 'Dalmine, Bergamo'.")
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    pec = models.EmailField(_("certified e-mail (PEC)"), blank=True)
    opening_hours = RichTextField(_("opening hours (Italian)"), blank=True, features=["bold", "ul"])
    opening_hours_en = RichTextField(_("opening hours (English)"), blank=True, features=["bold", "ul"])
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )
    accessibility_url = models.URLField(
        _("accessibility statement"),
        blank=True,
        help_text=_("Address of the accessibility statement (for public services, the one published on AgID's form)."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("service_name"),
                FieldRowPanel([FieldPanel("tagline"), FieldPanel("tagline_en")]),
                FieldPanel("districts"),
            ],
            heading=_("Service"),
        ),
        MultiFieldPanel([FieldPanel("operator_name"), FieldPanel("operator_url")], heading=_("Operator")),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("pec")]),
                FieldRowPanel([FieldPanel("opening_hours"), FieldPanel("opening_hours_en")]),
            ],
            heading=_("Contacts"),
        ),
        MultiFieldPanel([FieldPanel("privacy_page"), FieldPanel("accessibility_url")], heading=_("Legal")),
    ]

    class Meta:
        verbose_name = _("site settings")

    def localized(self, field: str, language: str) -> str:
        """The English variant of a text field when the visitor reads English and it is filled in."""
        if language == "en" and getattr(self, f"{field}_en", ""):
            return getattr(self, f"{field}_en")
        return getattr(self, field)


class Menu(TranslatableMixin, models.Model):
    """A list of links that staff edit: the main menu in the header or the links in the footer.

    Each language has its own copy (use "Translate" in the admin); a language without one
    shows the Italian menu, with page links pointing at their translations.
    """

    class Slot(models.TextChoices):
        MAIN = "main", _("Main menu (header)")
        FOOTER = "footer", _("Footer links")

    slot = models.CharField(_("position"), max_length=20, choices=Slot.choices)
    items = StreamField([("link", LinkBlock())], verbose_name=_("links"), blank=True, max_num=12)

    panels = [FieldPanel("slot"), FieldPanel("items")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        constraints = [models.UniqueConstraint(fields=["slot", "locale"], name="content_menu_unique_slot_locale")]

    def __str__(self) -> str:
        return f"{self.get_slot_display()} ({self.locale.get_display_name()})"
