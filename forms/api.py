"""The headless form server: list the forms, describe one as JSON Schema, accept submissions.

Submissions go through the same Django form and the same ``submission_receive`` as the
HTML page, so both accept exactly the same data. Every answer is JSON: 400 for a body
that is not JSON (or a wrong content type), 404 for an unknown or unpublished form,
409 for a reused ``Idempotency-Key``, 422 with field errors, 429 when rate-limited.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from urllib.parse import urljoin

from django import forms as django_forms
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from forms.abuse import rate_limited
from forms.core_fields import CORE_FIELDS, GROUPS
from forms.forms import GROUP_MAX_ROWS, RepeatableGroupField, column_key, editor_field_name
from forms.models import FormPage, FormSubmission
from forms.services import SubmissionConflictError, new_token, payload_fingerprint, status_url, submission_receive
from forms.uploads import ATTACHMENT_FIELDS

LANGUAGES = {code for code, _name in settings.LANGUAGES}
SLUG_CACHE_SECONDS = 30
SLUG_VERSION_KEY = "forms:slug-version"  # changes whenever a page is published, unpublished, moved or deleted
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
FILE_SCHEMA = {
    "type": "object",
    "properties": {
        "filename": {"type": "string", "minLength": 1, "maxLength": 255},
        "content_base64": {"type": "string", "contentEncoding": "base64"},
    },
    "required": ["filename", "content_base64"],
    "additionalProperties": False,
}
EDITOR_FIELD_SCHEMAS = {
    "singleline": {"type": "string", "maxLength": 255},
    "multiline": {"type": "string"},
    "email": {"type": "string", "format": "email"},
    "number": {"type": ["number", "string"]},
    "url": {"type": "string", "format": "uri"},
    "checkbox": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "hidden": {"type": "string"},
}


def _error(status: int, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _unknown_language(request) -> JsonResponse | None:
    """A 400 for ``?lang=`` naming a language we do not have: better than answering in another one."""
    if "lang" in request.GET and request.GET["lang"] not in LANGUAGES:
        return _error(400, f"Unknown lang: use one of {', '.join(sorted(LANGUAGES))}.")
    return None


def _language(request) -> str:
    requested = request.GET.get("lang", "")
    if requested in LANGUAGES:
        return requested
    return translation.get_language_from_request(request, check_path=False) or settings.LANGUAGE_CODE


def _absolute(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


def _live_forms():
    return FormPage.objects.live().public().specific()


def _find_form(slug: str, language: str) -> FormPage | None:
    page = _live_forms().filter(slug=slug).first()
    if page is None:
        return None
    if page.locale.language_code != language:
        locale = Locale.objects.filter(language_code=language).first()
        translated = page.get_translation_or_none(locale) if locale else None
        if translated is not None and translated.live:
            return translated.specific
    return page


def _form_for(slug: str, language: str) -> FormPage | None:
    """The live form with this slug (in any language), in ``language`` when it is translated.

    Which page a slug means is cached for a short while (see ``cache_key``); the page itself
    is always read again, and only if it is still live.
    """
    key = cache_key(slug, language)
    # One round trip for both: this runs on every API request.
    cached = cache.get_many([SLUG_VERSION_KEY, key])
    version = cached.get(SLUG_VERSION_KEY)
    if version is None:
        version = cache.get_or_set(SLUG_VERSION_KEY, 1, timeout=None)
    found = cached.get(key)
    if found is None or found[0] != version:  # the version changes when a page is (un)published or moved
        page = _find_form(slug, language)
        found = (version, page.specific_class._meta.label, page.pk) if page is not None else (version, "", 0)
        cache.set(key, found, timeout=SLUG_CACHE_SECONDS)
    _version, label, pk = found
    if not pk:
        return None
    page = apps.get_model(label).objects.filter(pk=pk, live=True).select_related("locale").first()
    if page is not None:
        page.use_form_cache = True
    return page


def cache_key(slug: str, language: str) -> str:
    """Where the page a slug means is cached, with the slug version it was found under."""
    digest = hashlib.sha256(slug.encode()).hexdigest()[:32]
    return f"forms:slug:{language}:{digest}"


def forget_slugs(**kwargs) -> None:
    try:
        cache.incr(SLUG_VERSION_KEY)
    except ValueError:
        cache.set(SLUG_VERSION_KEY, 2, timeout=None)


def _summary(page: FormPage) -> dict:
    return {
        "slug": page.slug,
        "title": page.title,
        "kind": page.specific_class.kind,
        "language": page.locale.language_code,
        "introduction": page.introduction,
        "schema_url": _absolute(reverse("forms_api_schema", args=[page.slug])),
        "submit_url": _absolute(reverse("forms_api_submit", args=[page.slug])),
        "html_url": page.full_url,
    }


@require_GET
def form_list(request) -> JsonResponse:
    if refused := _unknown_language(request):
        return refused
    language = _language(request)
    pages = _live_forms().filter(locale__language_code=language).order_by("path")
    return JsonResponse({"language": language, "items": [_summary(page) for page in pages]})


def _field_schema(page: FormPage, name: str, field, editor_fields: dict) -> dict:
    core = next((core for core in CORE_FIELDS[page.specific_class.kind] if core.name == name), None)
    if core is not None:
        return core.json_schema()
    editor = editor_fields[name]
    if editor.field_type in ATTACHMENT_FIELDS:
        return FILE_SCHEMA
    if isinstance(field, RepeatableGroupField):
        return {
            "type": "array",
            "maxItems": GROUP_MAX_ROWS,
            "items": {
                "type": "object",
                "properties": {column_key(column): {"type": "string", "maxLength": 200} for column in field.columns},
                "additionalProperties": False,
            },
        }
    if isinstance(field, django_forms.MultipleChoiceField):
        return {"type": "array", "items": {"type": "string", "enum": [value for value, _label in field.choices]}}
    if isinstance(field, django_forms.ChoiceField):
        return {"type": "string", "enum": [value for value, _label in field.choices]}
    return dict(EDITOR_FIELD_SCHEMAS.get(editor.field_type, {"type": "string"}))


def _widget(page, name, field, editor_fields) -> str:
    core = next((core for core in CORE_FIELDS[page.specific_class.kind] if core.name == name), None)
    if core is not None:
        return core.widget
    editor = editor_fields[name]
    return "file" if editor.field_type in ATTACHMENT_FIELDS else editor.field_type


def form_schema_document(page: FormPage) -> dict:
    """JSON Schema of a submission plus ``x-ui`` hints: labels, help, order, widgets, choices, groups."""
    with translation.override(page.locale.language_code):
        form = page.get_form()
        editor_fields = {editor_field_name(field.clean_name): field for field in page.get_form_fields()}
        groups = type(form).groups
        properties, required, ui = {}, [], {}
        for name, field in form.fields.items():
            schema = _field_schema(page, name, field, editor_fields)
            schema["title"] = str(field.label)
            if field.help_text:
                schema["description"] = strip_tags(str(field.help_text))
            properties[name] = schema
            is_required = getattr(field, "group_required", field.required)
            if is_required:
                required.append(name)
            else:  # an optional field may be sent as null, meaning "not given"
                properties[name] = {"anyOf": [schema, {"type": "null"}], "title": schema.pop("title")}
                if "description" in schema:
                    properties[name]["description"] = schema.pop("description")
            hints = {
                "label": str(field.label),
                "help": strip_tags(str(field.help_text or "")),
                "widget": _widget(page, name, field, editor_fields),
                "group": groups.get(name, str(_("Further questions"))),
                "required": is_required,
            }
            if hasattr(field, "choices") and not isinstance(field, RepeatableGroupField):
                hints["choices"] = [{"value": str(v), "label": str(label)} for v, label in field.choices if v != ""]
            if isinstance(field, RepeatableGroupField):
                hints["columns"] = [{"name": column_key(column), "label": column} for column in field.columns]
            if autocomplete := field.widget.attrs.get("autocomplete"):
                hints["autocomplete"] = autocomplete
            if accept := getattr(field, "accept", ""):
                hints["accept"] = accept
            ui[name] = hints
        return {
            "$schema": JSON_SCHEMA_DIALECT,
            "$id": _absolute(reverse("forms_api_schema", args=[page.slug])),
            "title": page.title,
            "description": page.introduction,
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
            "x-form": {
                **_summary(page),
                "privacy_notice_html": page.privacy_notice,
                "privacy_notice_version": page.privacy_notice_version,
                "idempotency": _(
                    "Send a unique Idempotency-Key header with each submission; "
                    "sending it again returns the same answer."
                ),
            },
            "x-ui": {"order": list(form.fields), "fields": ui, "groups": [str(g) for g in GROUPS.values()]},
        }


@require_GET
def form_schema(request, slug: str) -> JsonResponse:
    if refused := _unknown_language(request):
        return refused
    page = _form_for(slug, _language(request))
    if page is None:
        return _error(404, "No published form with this slug.")
    return JsonResponse(form_schema_document(page))


class PayloadError(Exception):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("invalid payload")
        self.errors = errors


def _text(value) -> str:
    """A JSON string as form input; numbers are refused, as the schema says ``type: string``."""
    if not isinstance(value, str):
        raise TypeError
    value.encode("utf-8")  # lone surrogates in JSON would fail only when stored: refuse them here
    return value


def _number(value, *, integer: bool) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float | str) or (integer and not isinstance(value, int)):
        raise TypeError
    return _text(value) if isinstance(value, str) else str(value)


def json_to_form_input(form_class, payload: dict) -> tuple[dict, MultiValueDict]:
    """Turn a JSON submission into the data and files the Django form reads; type errors are field errors."""
    base_fields = form_class.base_fields
    errors: dict[str, list[str]] = {}
    data: MultiValueDict = MultiValueDict()
    files: MultiValueDict = MultiValueDict()
    for key in payload:
        if key not in base_fields:
            errors[str(key)] = [_("Unknown field.")]
    for name, field in base_fields.items():
        value = payload.get(name)
        if value is None:
            continue
        try:
            if isinstance(field, django_forms.BooleanField):
                if not isinstance(value, bool):
                    raise TypeError
                if value:
                    data[name] = "on"
            elif isinstance(field, RepeatableGroupField):
                if not isinstance(value, list) or len(value) > GROUP_MAX_ROWS:
                    raise TypeError
                data[f"{name}-TOTAL_FORMS"] = str(len(value))
                data[f"{name}-INITIAL_FORMS"] = "0"
                keys = {column_key(column) for column in field.columns}
                for index, row in enumerate(value):
                    if not isinstance(row, dict) or set(row) - keys:
                        raise TypeError
                    for key, cell in row.items():
                        data[f"{name}-{index}-{key}"] = _text(cell)
            elif isinstance(field, django_forms.MultipleChoiceField):
                if not isinstance(value, list):
                    raise TypeError
                data.setlist(name, [_text(item) for item in value])
            elif isinstance(field, django_forms.FileField):
                if not isinstance(value, dict) or set(value) != {"filename", "content_base64"}:
                    raise TypeError
                content = base64.b64decode(_text(value["content_base64"]), validate=True)
                filename = _text(value["filename"])[:255] or "file"
                files[name] = SimpleUploadedFile(filename, content, "application/octet-stream")
            elif isinstance(field, django_forms.IntegerField):
                data[name] = _number(value, integer=True)
            elif isinstance(field, django_forms.DecimalField | django_forms.FloatField):
                data[name] = _number(value, integer=False)
            else:
                data[name] = _text(value)
        except (TypeError, ValueError, UnicodeEncodeError, binascii.Error):
            errors[name] = [_("This value has the wrong type.")]
    if errors:
        raise PayloadError(errors)
    return data, files


@csrf_exempt
@require_http_methods(["POST"])
def form_submit(request, slug: str) -> JsonResponse:
    if refused := _unknown_language(request):
        return refused
    page = _form_for(slug, _language(request))
    if page is None:
        return _error(404, "No published form with this slug.")
    token = request.headers.get("Idempotency-Key", "").strip()
    if len(token) > 100:
        return _error(400, "The Idempotency-Key header is longer than 100 characters.")
    content_type = request.content_type or ""
    if content_type == "application/json":
        try:
            payload = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return _error(400, "The body is not valid JSON.")
        if not isinstance(payload, dict):
            return _error(400, "The body must be a JSON object.")
        fingerprint_data, fingerprint_files = {"json": json.dumps(payload, sort_keys=True, default=str)}, {}
    elif content_type == "multipart/form-data":
        payload = None
        fingerprint_data, fingerprint_files = request.POST, request.FILES
    else:
        return _error(400, "Send the submission as application/json or multipart/form-data.")
    if rate_limited(request, scope="api"):
        return _error(429, "Too many submissions from this address; try again later.")
    with translation.override(page.locale.language_code):
        form_class = page.get_form_class()
        if payload is not None:
            try:
                data, files = json_to_form_input(form_class, payload)
            except PayloadError as error:
                return JsonResponse({"error": "Some fields are not valid.", "errors": error.errors}, status=422)
        else:
            unknown = sorted(set(request.POST) - set(form_class.base_fields) - _formset_keys(form_class))
            if unknown:
                return JsonResponse(
                    {"error": "Some fields are not valid.", "errors": {key: [_("Unknown field.")] for key in unknown}},
                    status=422,
                )
            data, files = request.POST, request.FILES
        form = form_class(data, files, page=page, user=None)
        try:
            receipt = submission_receive(
                page=page,
                form=form,
                token=token or new_token(),
                source=FormSubmission.Source.API,
                language=page.locale.language_code,
                fingerprint=payload_fingerprint(data=fingerprint_data, files=fingerprint_files),
            )
        except SubmissionConflictError:
            return _error(409, "This Idempotency-Key was already used for a different submission.")
        if receipt.submission is None:
            errors = {("_form" if name == "__all__" else name): messages for name, messages in receipt.errors.items()}
            return JsonResponse({"error": "Some fields are not valid.", "errors": errors}, status=422)
    submission = receipt.submission
    response = JsonResponse(
        {
            "reference": submission.reference,
            "status_url": status_url(submission),
            "submitted_at": submission.submit_time.isoformat(),
            "replayed": not receipt.created,
        },
        status=201,
    )
    response["Location"] = status_url(submission)
    return response


def _formset_keys(form_class) -> set[str]:
    """Names a multipart client may send for repeatable groups (``group-0-column``, management fields)."""
    keys: set[str] = set()
    for name, field in form_class.base_fields.items():
        if isinstance(field, RepeatableGroupField):
            keys |= {
                f"{name}-{suffix}" for suffix in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
            }
            keys |= {
                f"{name}-{index}-{column_key(column)}" for index in range(GROUP_MAX_ROWS) for column in field.columns
            }
    return keys


def not_found(request, *args, **kwargs) -> JsonResponse:
    """Any other address under ``/api/forms/``: a JSON 404 instead of the site's HTML page."""
    return _error(404, "There is no such endpoint: see /api/forms/openapi.json.")


@require_GET
def openapi_document(request) -> JsonResponse:
    """OpenAPI 3.1 description of the form API."""
    error = {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}
    field_errors = {
        "type": "object",
        "properties": {
            "error": {"type": "string"},
            "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        },
        "required": ["error", "errors"],
    }
    slug = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
    lang = {"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "enum": sorted(LANGUAGES)}}

    def json_content(schema):
        return {"application/json": {"schema": schema}}

    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "SIL form server",
            "version": "1.0",
            "description": "Published forms of the service (referral, job and internship offers, contact): "
            "their JSON Schema and their submission. Language from ?lang= or Accept-Language.",
        },
        "servers": [{"url": settings.WAGTAILADMIN_BASE_URL}],
        "paths": {
            "/api/forms/": {
                "get": {
                    "summary": "List the published forms in a language",
                    "parameters": [lang],
                    "responses": {
                        "200": {"description": "The forms", "content": json_content({"type": "object"})},
                        "400": {"description": "Unknown lang", "content": json_content(error)},
                    },
                }
            },
            "/api/forms/{slug}/schema": {
                "get": {
                    "summary": "A form as JSON Schema (2020-12) with x-ui hints",
                    "parameters": [slug, lang],
                    "responses": {
                        "200": {"description": "The schema", "content": json_content({"type": "object"})},
                        "400": {"description": "Unknown lang", "content": json_content(error)},
                        "404": {"description": "Unknown or unpublished form", "content": json_content(error)},
                    },
                }
            },
            "/api/forms/{slug}/submissions": {
                "post": {
                    "summary": "Submit a form",
                    "parameters": [
                        slug,
                        lang,
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": False,
                            "description": "A unique key per submission; a retry with it returns the same answer.",
                            "schema": {"type": "string", "maxLength": 100},
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "description": "See the form's schema; files as {filename, content_base64}.",
                                }
                            },
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "description": "The form's fields as parts; files as file parts.",
                                }
                            },
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "Stored (or already stored with this Idempotency-Key)",
                            "content": json_content(
                                {
                                    "type": "object",
                                    "properties": {
                                        "reference": {"type": "string"},
                                        "status_url": {"type": "string", "format": "uri"},
                                        "submitted_at": {"type": "string", "format": "date-time"},
                                        "replayed": {"type": "boolean"},
                                    },
                                    "required": ["reference", "status_url", "submitted_at", "replayed"],
                                }
                            ),
                        },
                        "400": {
                            "description": "Not JSON, wrong content type, unknown lang or too long an Idempotency-Key",
                            "content": json_content(error),
                        },
                        "404": {"description": "Unknown or unpublished form", "content": json_content(error)},
                        "409": {
                            "description": "Idempotency-Key reused with another payload",
                            "content": json_content(error),
                        },
                        "422": {"description": "Field errors", "content": json_content(field_errors)},
                        "429": {"description": "Too many submissions", "content": json_content(error)},
                    },
                }
            },
        },
    }
    return JsonResponse(document)
