"""URLs of the form API (``/api/forms/``); the status page is in config/urls.py (language prefix)."""

from django.urls import path, re_path

from forms import api

urlpatterns = [
    path("", api.form_list, name="forms_api_list"),
    path("openapi.json", api.openapi_document, name="forms_api_openapi"),
    # Any segment reaches the views (not only slug characters), so an odd slug is the API's JSON 404.
    path("<str:slug>/schema", api.form_schema, name="forms_api_schema"),
    path("<str:slug>/submissions", api.form_submit, name="forms_api_submit"),
    re_path(r"^.*$", api.not_found),
]
