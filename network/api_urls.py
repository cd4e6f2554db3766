"""Addresses of the HSDS API, mounted at ``/api/hsds/`` (outside the language prefixes).

HSDS names its endpoints without a trailing slash (``/services``); a trailing slash is
accepted too, so both spellings answer the same.
"""

from django.urls import path, re_path

from network import api

app_name = "hsds"

urlpatterns = [
    path("", api.api_root, name="root"),
    re_path(r"^profile/?$", api.profile, name="profile"),
    re_path(r"^openapi\.json$", api.openapi, name="openapi"),
    re_path(r"^organizations/?$", api.organization_list, name="organizations"),
    re_path(r"^organizations/(?P<id>[^/]+)/?$", api.organization_detail, name="organization"),
    re_path(r"^services/?$", api.service_list, name="services"),
    re_path(r"^services/(?P<id>[^/]+)/?$", api.service_detail, name="service"),
    re_path(r"^service_at_locations/?$", api.service_at_location_list, name="service_at_locations"),
    re_path(r"^taxonomies/?$", api.taxonomy_list, name="taxonomies"),
    re_path(r"^taxonomies/(?P<id>[^/]+)/?$", api.taxonomy_detail, name="taxonomy"),
    re_path(r"^taxonomy_terms/?$", api.taxonomy_term_list, name="taxonomy_terms"),
    re_path(r"^taxonomy_terms/(?P<id>[^/]+)/?$", api.taxonomy_term_detail, name="taxonomy_term"),
    re_path(r"^.*$", api.not_found),
]
