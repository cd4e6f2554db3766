"""Validate our JSON against the HSDS 3.0 schemas kept beside the repository (../shared/hsds-3.0).

The per-object schemas refer to each other by file name (``"$ref": "phone.json"``), so
they are loaded into one ``referencing`` registry under a common base URI and each
validation starts from a ``$ref`` to the wanted file: relative references then resolve
to their neighbours. Formats (uuid, email, date-time) are checked too.
"""

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HSDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "hsds-3.0"
BASE_URI = "https://hsds.invalid/schema/"


@cache
def registry() -> Registry:
    resources = []
    for path in [*HSDS_DIR.glob("*.json"), *HSDS_DIR.glob("compiled/*.json")]:
        if path.name == "openapi.json":
            continue
        name = path.relative_to(HSDS_DIR).as_posix()
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((BASE_URI + name, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def _format_checker() -> FormatChecker:
    """jsonschema's checker, plus "uri" and "date-time", whose optional libraries are not installed."""
    checker = FormatChecker()

    @checker.checks("uri")
    def is_uri(value) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme and (parts.netloc or parts.path)) and " " not in value

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value) -> bool:
        if not isinstance(value, str):
            return True
        return "T" in value and datetime.fromisoformat(value).tzinfo is not None

    return checker


@cache
def validator(schema_name: str) -> Draft202012Validator:
    """A validator for ``organization.json``, ``compiled/service.json`` and so on."""
    return Draft202012Validator({"$ref": BASE_URI + schema_name}, registry=registry(), format_checker=_format_checker())


def errors(schema_name: str, instance) -> list[str]:
    return [
        f"{'/'.join(str(part) for part in error.absolute_path)}: {error.message}"
        for error in validator(schema_name).iter_errors(instance)
    ]


def assert_valid(schema_name: str, instance) -> None:
    found = errors(schema_name, instance)
    assert not found, f"{schema_name}: " + "; ".join(found[:10])


PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def assert_valid_page(item_schema: str, body: dict) -> None:
    """An HSDS page: the envelope of openapi.json's Page plus ``contents`` items valid against ``item_schema``."""
    assert set(body) == PAGE_KEYS, sorted(body)
    for key in ("total_items", "total_pages", "page_number", "size"):
        assert type(body[key]) is int, key
    for key in ("first_page", "last_page", "empty"):
        assert isinstance(body[key], bool), key
    assert body["size"] == len(body["contents"])
    assert body["empty"] == (not body["contents"])
    for item in body["contents"]:
        assert_valid(item_schema, item)
