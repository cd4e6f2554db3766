"""URL map: admin and machine endpoints unprefixed, public pages under a language prefix.

Italian pages have no prefix (``/``), English ones live under ``/en/``.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from content.views import AllLanguagesSitemap, robots_txt, search
from core.views import healthz
from forms.views import submission_status

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/hsds/", include("network.api_urls")),
    path("api/forms/", include("forms.urls")),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(_("search/"), search, name="search"),
    path(_("forms/status/<str:key>/"), submission_status, name="forms_status"),
    path(_("referrers/"), include("cases.referrer_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
