"""The public directory of the network: a page editors place in the site tree.

``DirectoryPage`` lists the public organisations with a search box, facet filters and a
map, and serves one detail page per public organisation at ``<directory>/<slug>/``
(a ``RoutablePageMixin`` route), with the "report outdated information" form.
"""

import contextlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.images.models import SourceImageIOError

from content.models import BasePage
from network.models.organisations import Organisation

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

    def get_sitemap_urls(self, request=None) -> list[dict]:
        """The directory and, below it, the page of every public organisation (one query)."""
        urls = super().get_sitemap_urls(request)
        base = urls[0]["location"] if urls else None
        if base:
            published = Organisation.objects.published().order_by("name", "pk").values_list("slug", "updated_at")
            urls += [{"location": f"{base}{slug}/", "lastmod": updated_at} for slug, updated_at in published]
        return urls

    # The views are thin: the reads are in ``network.directory`` and ``network.selectors``,
    # the write in ``network.services``. Imported inside, because those modules import the models.

    @path("", name="directory")
    def directory(self, request: HttpRequest) -> HttpResponse:
        """The list: search box, facet filters, a page of results and the map."""
        from network.directory import (
            FACET_NAMES,
            directory_facet_options,
            directory_facets_counted,
            directory_filters,
            directory_results,
        )
        from network.forms import DirectoryFilterForm

        options = directory_facet_options()
        form = DirectoryFilterForm(request.GET, facets=options)
        applied = form.applied()
        filters = directory_filters(
            search=applied.get("q", ""), **{name: applied.get(name, "") for name in FACET_NAMES}
        )
        facets = directory_facets_counted(options, filters)
        form.show_options(facets)
        results = directory_results(filters, page_number=request.GET.get("page"), per_page=self.results_per_page)
        directory_url = self.get_url(request)
        active_filters = []
        for name, value in applied.items():
            if name == "q":
                text = _("Words: “%(words)s”") % {"words": value}
            else:
                label = next((option.label for option in getattr(facets, name) if option.value == value), value)
                text = f"{form.fields[name].label}: {label}"
            rest = {key: applied[key] for key in applied if key != name}
            active_filters.append({"text": text, "url": directory_url + (f"?{urlencode(rest)}" if rest else "")})
        located = self.show_map and any(organisation.map_location for organisation in results)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "results": results,
                "filtered": bool(applied),
                "active_filters": active_filters,
                "directory_url": directory_url,
                "show_map": located,
                "map_tile_url": settings.MAP_TILE_URL,
                "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            },
        )

    @re_path(r"^(?P<slug>[-\w]+)/$", name="organisation")
    def organisation(self, request: HttpRequest, slug: str) -> HttpResponse:
        """One public organisation, with the "report outdated information" form (POST, then redirect)."""
        from forms.abuse import rate_limited
        from network.directory import json_ld_script, organisation_json_ld, public_organisation, published_tax_code
        from network.forms import OutdatedReportForm
        from network.services import outdated_report_create

        organisation = public_organisation(slug=slug)
        if organisation is None:
            raise Http404
        detail_url = self.get_url(request) + self.reverse_subpage("organisation", kwargs={"slug": slug})
        status = 200
        if request.method == "POST":
            form = OutdatedReportForm(request.POST)
            # The forms' per-address limit (FORMS_RATE_LIMIT per FORMS_RATE_WINDOW), counted apart.
            if rate_limited(request, scope="network-report"):
                form.is_valid()
                form.add_error(None, _("Too many submissions from your connection. Please try again in a few minutes."))
                status = 429
            elif form.is_valid():
                if not form.is_spam():
                    outdated_report_create(
                        organisation=organisation,
                        message=form.cleaned_data["message"],
                        reporter_email=form.cleaned_data["reporter_email"],
                    )
                return HttpResponseRedirect(f"{detail_url}?{REPORT_SENT}#report")
        else:
            form = OutdatedReportForm()
        logo_url = ""
        if organisation.logo:
            # A logo whose file is missing on this server: the page goes without it.
            with contextlib.suppress(SourceImageIOError):
                logo_url = request.build_absolute_uri(organisation.logo.get_rendition("max-320x160").url)
        json_ld = organisation_json_ld(organisation, url=request.build_absolute_uri(detail_url), logo_url=logo_url)
        response = self.render(
            request,
            template="network/organisation_page.html",
            context_overrides={
                "organisation": organisation,
                "tax_code": published_tax_code(organisation),
                "logo_url": logo_url,
                "json_ld": json_ld_script(json_ld),
                "report_form": form,
                "report_sent": request.GET.get("report") == "sent" and request.method != "POST",
                "directory_url": self.get_url(request),
                "detail_url": detail_url,
            },
        )
        response.status_code = status
        return response


# The query string the report form redirects to, so the page can thank the visitor.
REPORT_SENT = "report=sent"
