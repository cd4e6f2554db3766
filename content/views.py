"""Public views that are not pages (search, robots.txt, sitemap) and the admin viewsets."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page
from wagtail.snippets.views.snippets import SnippetViewSet

from content.models import Menu

SEARCH_MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    """Search the live pages of the visitor's language (Wagtail search)."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = Paginator(pages.search(query), 10).get_page(request.GET.get("page"))
    return render(request, "content/search.html", {"query": query, "results": results})


@require_GET
def robots_txt(request):
    return render(request, "content/robots.txt", content_type="text/plain")


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap, extended to the translated trees (they sit beside the site root)."""

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for localized_root in Page.objects.filter(translation_key=root.translation_key):
            pages |= localized_root.get_descendants(inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()


class MenuViewSet(SnippetViewSet):
    """Staff edit the header menu and the footer links here, one copy per language."""

    model = Menu
    icon = "list-ul"
    menu_label = _("Menus")
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["slot", "locale"]
