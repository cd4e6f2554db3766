"""URLs of the form API (``/api/forms/``); the status page is in config/urls.py (language prefix)."""

from django.urls import path

from forms import api

urlpatterns = [
    path("", api.form_list, name="forms_api_list"),
    path("openapi.json", api.openapi_document, name="forms_api_openapi"),
    path("<slug:slug>/schema", api.form_schema, name="forms_api_schema"),
    path("<slug:slug>/submissions", api.form_submit, name="forms_api_submit"),
]
