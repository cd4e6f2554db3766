"""Write the whole public directory to a folder as HSDS 3.0 JSON and as the HSDS tabular package.

Used by ``manage.py export_hsds``. The objects come from ``network.hsds``, exactly as the
API serves them, so the same publication rules hold: public organisations only, the
fields each agreed to publish, no contact persons (``contacts.csv`` has its header and no
rows). What is written::

    OUTPUT_DIR/
        organizations.json      fully nested organisations, with full services
        services.json           fully nested services, each with its organisation
        taxonomies.json, taxonomy_terms.json, profile.json
        tabular/*.csv           one CSV per HSDS table (columns as in HSDS's tabular.json)
        tabular/datapackage.json  the Frictionless data package describing the CSVs
        hsds_tabular.zip        the tabular folder, zipped

Organisations are read in batches by primary key (keyset pagination), each batch with
its relations prefetched, and every file is written as the batches go: memory stays
flat however large the directory is.
"""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone

from network import hsds
from network.models import District, Organisation, Taxonomy

DEFAULT_BATCH_SIZE = 500

# The HSDS tables we write: (table, file, [(column, type, format)], required columns).
# Columns and types follow HSDS 3.0's compiled/tabular.json; every column of a table is
# written, even the ones we never fill, so the files load into any HSDS tool.
UUID, STRING, NUMBER, DATE, DATETIME = (
    ("string", "uuid"),
    ("string", ""),
    ("number", ""),
    ("date", ""),
    ("datetime", ""),
)
EMAIL, URI = ("string", "email"), ("string", "uri")

TABLES: dict[str, tuple[str, list[tuple[str, tuple[str, str]]], tuple[str, ...]]] = {
    "organization": (
        "organizations.csv",
        [
            ("id", UUID),
            ("name", STRING),
            ("alternate_name", STRING),
            ("description", STRING),
            ("email", EMAIL),
            ("website", URI),
            ("tax_status", STRING),
            ("tax_id", STRING),
            ("year_incorporated", NUMBER),
            ("legal_status", STRING),
            ("logo", STRING),
            ("uri", URI),
            ("parent_organization_id", UUID),
        ],
        ("id", "name", "description"),
    ),
    "organization_identifier": (
        "organization_identifiers.csv",
        [
            ("id", UUID),
            ("organization_id", UUID),
            ("identifier_scheme", STRING),
            ("identifier_type", STRING),
            ("identifier", STRING),
        ],
        ("id", "organization_id", "identifier_type", "identifier"),
    ),
    "service": (
        "services.csv",
        [
            ("id", UUID),
            ("organization_id", UUID),
            ("program_id", UUID),
            ("name", STRING),
            ("alternate_name", STRING),
            ("description", STRING),
            ("url", URI),
            ("email", EMAIL),
            ("status", STRING),
            ("interpretation_services", STRING),
            ("application_process", STRING),
            ("fees_description", STRING),
            ("wait_time", STRING),
            ("fees", STRING),
            ("accreditations", STRING),
            ("eligibility_description", STRING),
            ("minimum_age", NUMBER),
            ("maximum_age", NUMBER),
            ("assured_date", DATE),
            ("assurer_email", EMAIL),
            ("licenses", STRING),
            ("alert", STRING),
            ("last_modified", DATETIME),
        ],
        ("id", "organization_id", "name", "status"),
    ),
    "location": (
        "locations.csv",
        [
            ("id", UUID),
            ("location_type", STRING),
            ("url", URI),
            ("organization_id", UUID),
            ("name", STRING),
            ("alternate_name", STRING),
            ("description", STRING),
            ("transportation", STRING),
            ("latitude", NUMBER),
            ("longitude", NUMBER),
            ("external_identifier", STRING),
            ("external_identifier_type", STRING),
        ],
        ("id", "location_type"),
    ),
    "address": (
        "addresses.csv",
        [
            ("id", UUID),
            ("location_id", UUID),
            ("attention", STRING),
            ("address_1", STRING),
            ("address_2", STRING),
            ("city", STRING),
            ("region", STRING),
            ("state_province", STRING),
            ("postal_code", STRING),
            ("country", STRING),
            ("address_type", STRING),
        ],
        ("id", "address_1", "city", "state_province", "postal_code", "country", "address_type"),
    ),
    "phone": (
        "phones.csv",
        [
            ("id", UUID),
            ("location_id", UUID),
            ("service_id", UUID),
            ("organization_id", UUID),
            ("contact_id", UUID),
            ("service_at_location_id", UUID),
            ("number", STRING),
            ("extension", NUMBER),
            ("type", STRING),
            ("description", STRING),
        ],
        ("id", "number"),
    ),
    "service_at_location": (
        "service_at_location.csv",
        [("id", UUID), ("service_id", UUID), ("location_id", UUID), ("description", STRING)],
        ("id", "service_id", "location_id"),
    ),
    "contact": (
        "contacts.csv",
        [
            ("id", UUID),
            ("organization_id", UUID),
            ("service_id", UUID),
            ("service_at_location_id", UUID),
            ("location_id", UUID),
            ("name", STRING),
            ("title", STRING),
            ("department", STRING),
            ("email", EMAIL),
        ],
        ("id",),
    ),
    "attribute": (
        "attributes.csv",
        [
            ("id", UUID),
            ("link_id", UUID),
            ("taxonomy_term_id", UUID),
            ("link_type", STRING),
            ("link_entity", STRING),
            ("value", STRING),
        ],
        ("id", "link_id", "taxonomy_term_id", "link_entity"),
    ),
    "taxonomy": (
        "taxonomies.csv",
        [("id", UUID), ("name", STRING), ("description", STRING), ("uri", URI), ("version", STRING)],
        ("id", "name", "description"),
    ),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        [
            ("id", UUID),
            ("code", STRING),
            ("name", STRING),
            ("description", STRING),
            ("parent_id", UUID),
            ("taxonomy", STRING),
            ("language", STRING),
            ("taxonomy_id", UUID),
            ("term_uri", URI),
        ],
        ("id", "name", "description"),
    ),
}

FOREIGN_KEYS = {
    "organization_identifier": [("organization_id", "organization")],
    "service": [("organization_id", "organization")],
    "location": [("organization_id", "organization")],
    "address": [("location_id", "location")],
    "service_at_location": [("service_id", "service"), ("location_id", "location")],
    "attribute": [("taxonomy_term_id", "taxonomy_term")],
    "taxonomy_term": [("taxonomy_id", "taxonomy")],
}


@dataclass
class ExportSummary:
    """What was written, for the command's report."""

    output_dir: Path
    rows: dict[str, int] = field(default_factory=dict)


class _JsonArray:
    """A JSON array written one item at a time."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream, self.first = stream, True
        stream.write("[")

    def add(self, item: dict[str, Any]) -> None:
        self.stream.write("\n" if self.first else ",\n")
        self.stream.write(json.dumps(item, ensure_ascii=False))
        self.first = False

    def close(self) -> None:
        self.stream.write("\n]\n")


def public_organisation_batches(batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[list[Organisation]]:
    """Every public organisation, ``batch_size`` at a time, relations prefetched per batch."""
    last_pk = 0
    while True:
        queryset: QuerySet[Organisation] = Organisation.objects.published().filter(pk__gt=last_pk).order_by("pk")
        batch = list(hsds.organisations_for_serialising(queryset)[:batch_size])
        if not batch:
            return
        yield batch
        last_pk = batch[-1].pk


def export_directory(output_dir: Path, *, batch_size: int = DEFAULT_BATCH_SIZE) -> ExportSummary:
    """Write the public directory into ``output_dir`` (created if missing, files overwritten)."""
    tabular_dir = output_dir / "tabular"
    tabular_dir.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary(output_dir=output_dir, rows=dict.fromkeys(TABLES, 0))

    with ExitStack() as stack:

        def open_text(path: Path) -> IO[str]:
            return stack.enter_context(path.open("w", encoding="utf-8", newline=""))

        writers = {}
        for table, (filename, columns, _required) in TABLES.items():
            writer = csv.DictWriter(open_text(tabular_dir / filename), fieldnames=[name for name, _ in columns])
            writer.writeheader()
            writers[table] = writer

        def write_row(table: str, item: dict[str, Any]) -> None:
            columns = writers[table].fieldnames
            writers[table].writerow({column: _cell(item.get(column)) for column in columns})
            summary.rows[table] += 1

        organisations_json = _JsonArray(open_text(output_dir / "organizations.json"))
        services_json = _JsonArray(open_text(output_dir / "services.json"))
        for batch in public_organisation_batches(batch_size):
            for org in batch:
                data = hsds.organization_dict(org, services="full")
                organisations_json.add(data)
                _write_organisation_rows(data, write_row)
                for service in data["services"]:
                    services_json.add({**service, "organization": hsds.organization_basic(org)})
        organisations_json.close()
        services_json.close()

        taxonomies = [hsds.taxonomy_dict(taxonomy) for taxonomy in Taxonomy.objects.order_by("name", "pk")]
        taxonomies += [hsds.profile_taxonomy_dict(taxonomy) for taxonomy in hsds.PROFILE_TAXONOMIES]
        terms = [
            hsds.taxonomy_term_dict(term)
            for term in hsds.TERM_QUERYSET.order_by("taxonomy__name", "taxonomy_id", "sort_order", "pk")
        ]
        terms += hsds.profile_term_dicts(District.objects.order_by("name"))
        for name, items, table in (("taxonomies", taxonomies, "taxonomy"), ("taxonomy_terms", terms, "taxonomy_term")):
            array = _JsonArray(open_text(output_dir / f"{name}.json"))
            for item in items:
                array.add(item)
                write_row(table, item)
            array.close()
        json.dump(hsds.profile_document(), open_text(output_dir / "profile.json"), ensure_ascii=False, indent=2)

    datapackage = tabular_dir / "datapackage.json"
    datapackage.write_text(json.dumps(datapackage_descriptor(), ensure_ascii=False, indent=2), encoding="utf-8")
    with zipfile.ZipFile(output_dir / "hsds_tabular.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for filename in ["datapackage.json", *(spec[0] for spec in TABLES.values())]:
            archive.write(tabular_dir / filename, arcname=filename)
    return summary


def _write_organisation_rows(data: dict[str, Any], write_row) -> None:
    """Flatten one nested organisation into the rows of the HSDS tables."""
    write_row("organization", data)
    for identifier in data["organization_identifiers"]:
        write_row("organization_identifier", identifier)
    for phone in data["phones"]:
        write_row("phone", phone)
    for attribute in data["attributes"]:
        write_row("attribute", attribute)
    for location in data["locations"]:
        write_row("location", location)
        for address in location["addresses"]:
            write_row("address", address)
    for service in data["services"]:
        write_row("service", service)
        for phone in service["phones"]:
            write_row("phone", phone)
        for link in service["service_at_locations"]:
            write_row("service_at_location", link)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def datapackage_descriptor() -> dict[str, Any]:
    """The Frictionless data package of the CSV files (one tabular-data-resource per table)."""
    resources = []
    for table, (filename, columns, required) in TABLES.items():
        fields = []
        for name, (kind, format_) in columns:
            spec: dict[str, Any] = {"name": name, "type": kind}
            if format_:
                spec["format"] = format_
            # A CSV cannot tell an empty text from a missing one: HSDS requires a description,
            # but ours may be empty, so only the columns we always fill are marked required.
            if name in required and name != "description":
                spec["constraints"] = {"required": True}
            fields.append(spec)
        schema: dict[str, Any] = {"fields": fields, "primaryKey": ["id"]}
        if table in FOREIGN_KEYS:
            schema["foreignKeys"] = [
                {"fields": [column], "reference": {"resource": target, "fields": ["id"]}}
                for column, target in FOREIGN_KEYS[table]
            ]
        resources.append(
            {
                "name": table,
                "path": filename,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "sil-network-directory",
        "title": "The public directory of the network, HSDS 3.0 tabular format",
        "created": timezone.now().isoformat(timespec="seconds"),
        "hsds_version": hsds.HSDS_VERSION,
        "hsds_profile": hsds.profile_document()["uri"],
        "resources": resources,
    }
