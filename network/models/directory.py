"""The public directory of the network: a page editors place in the site tree.

``DirectoryPage`` lists the public organisations with a search box, facet filters and a
map, and serves one detail page per public organisation at ``<directory>/<slug>/``
(a ``RoutablePageMixin`` route), with the "report outdated information" form.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin

from content.models import BasePage

__all__ = ["DirectoryPage"]


class DirectoryPage(RoutablePageMixin, BasePage):
    """The searchable directory of the network's public organisations, with a map and a page for each.

    Editors place it once per language (e.g. "La rete" under the home page) and write the
    introduction; the organisations themselves are managed under Rete in the admin, and
    only those marked public appear, with the details they agreed to publish.
    """

    results_per_page = models.PositiveSmallIntegerField(
        _("results per page"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(50)],
        help_text=_("How many organisations each page of results lists (5 to 50)."),
    )
    show_map = models.BooleanField(
        _("show the map"),
        default=True,
        help_text=_("A map of the listed organisations beside the results. The list works without it."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldPanel("results_per_page"), FieldPanel("show_map")], heading=_("Results")),
    ]

    parent_page_types = ["content.HomePage", "content.SectionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("network directory")
        verbose_name_plural = _("network directories")
