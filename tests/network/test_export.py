"""``manage.py export_hsds``: HSDS JSON and tabular files valid against the HSDS 3.0 schemas,
with nothing the public may not see."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.export import TABLES, export_directory
from tests.network.hsds_data import SECRETS, directory_fixture, make_organisations  # noqa: F401 - a fixture
from tests.network.hsds_schemas import BASE_URI, assert_valid, errors

TABLE_SCHEMAS = {table: f"compiled/tabular.json#/properties/{table}/items" for table in TABLES}


def export(tmp_path, **options):
    out = io.StringIO()
    call_command("export_hsds", str(tmp_path / "hsds"), stdout=out, **options)
    return tmp_path / "hsds", out.getvalue()


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def typed_row(table, row):
    """A CSV row as the JSON object the HSDS table schema describes: empty cells absent, numbers as numbers."""
    kinds = {name: kind for name, (kind, _format) in TABLES[table][1]}
    required = TABLES[table][2]
    item = {}
    for name, value in row.items():
        if value == "" and name not in required:
            continue
        item[name] = float(value) if kinds[name] == "number" else value
    return item


def test_the_json_files_are_valid_hsds(tmp_path, directory):
    out_dir, report = export(tmp_path)
    assert "HSDS export written" in report
    organisations = json.loads((out_dir / "organizations.json").read_text(encoding="utf-8"))
    assert sorted(org["name"] for org in organisations) == [
        "Cooperativa Sociale Il Ponte",
        "Ditta Individuale Fiorista",
        "Officina Meccanica Brembana S.r.l.",
        "Studio Riservato",
    ]
    for org in organisations:
        assert_valid("compiled/organization.json", org)
        assert org["contacts"] == []
    services = json.loads((out_dir / "services.json").read_text(encoding="utf-8"))
    assert len(services) == 3
    for service in services:
        assert_valid("compiled/service.json", service)
    for taxonomy in json.loads((out_dir / "taxonomies.json").read_text(encoding="utf-8")):
        assert_valid("taxonomy.json", taxonomy)
    for term in json.loads((out_dir / "taxonomy_terms.json").read_text(encoding="utf-8")):
        assert_valid("taxonomy_term.json", term)
    assert json.loads((out_dir / "profile.json").read_text(encoding="utf-8"))["hsds_version"] == "3.0"


def test_the_tabular_package_is_valid_hsds(tmp_path, directory):
    out_dir, _ = export(tmp_path)
    tabular = out_dir / "tabular"
    package = json.loads((tabular / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert {resource["path"] for resource in package["resources"]} == {spec[0] for spec in TABLES.values()}
    ids_by_table = {}
    for resource in package["resources"]:
        rows = read_csv(tabular / resource["path"])
        with (tabular / resource["path"]).open(encoding="utf-8") as stream:
            header = next(csv.reader(stream))
        assert header == [spec["name"] for spec in resource["schema"]["fields"]], resource["name"]
        for row in rows:
            found = errors(TABLE_SCHEMAS[resource["name"]], typed_row(resource["name"], row))
            assert not found, (resource["name"], found)
            for spec in resource["schema"]["fields"]:
                if spec.get("constraints", {}).get("required"):
                    assert row[spec["name"]], (resource["name"], spec["name"])
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)), f"duplicate ids in {resource['path']}"
        ids_by_table[resource["name"]] = set(ids)
    # Every foreign key points at a row of the package.
    for resource in package["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            (column,) = key["fields"]
            target = ids_by_table[key["reference"]["resource"]]
            for row in read_csv(tabular / resource["path"]):
                assert row[column] in target, (resource["name"], column)
    assert len(ids_by_table["organization"]) == 4
    assert len(ids_by_table["service"]) == 3
    assert ids_by_table["contact"] == set()
    with zipfile.ZipFile(out_dir / "hsds_tabular.zip") as archive:
        assert sorted(archive.namelist()) == sorted(["datapackage.json", *(spec[0] for spec in TABLES.values())])
        assert archive.read("organizations.csv") == (tabular / "organizations.csv").read_bytes()


def test_the_schema_paths_used_for_tables_exist():
    """A typo in a table name would make the row validation above vacuous."""
    from tests.network.hsds_schemas import registry

    resolver = registry().resolver(base_uri=BASE_URI)
    for table in TABLES:
        resolved = resolver.lookup(f"compiled/tabular.json#/properties/{table}/items").contents
        assert "id" in resolved["properties"], table


def test_nothing_private_is_exported(tmp_path, directory):
    out_dir, _ = export(tmp_path)
    texts = [
        path.read_text(encoding="utf-8") for path in out_dir.rglob("*") if path.is_file() and path.suffix != ".zip"
    ]
    with zipfile.ZipFile(out_dir / "hsds_tabular.zip") as archive:
        texts += [archive.read(name).decode("utf-8") for name in archive.namelist()]
    text = "\n".join(texts)
    for secret in SECRETS:
        assert secret not in text, secret
    assert "Officina Meccanica Brembana" in text
    assert "info@officina.example.org" in text


def test_batches_cover_everything_with_constant_queries(tmp_path, db):
    make_organisations(7)
    with CaptureQueriesContext(connection) as small:
        export_directory(tmp_path / "a", batch_size=100)
    make_organisations(13)
    with CaptureQueriesContext(connection) as large:
        summary = export_directory(tmp_path / "b", batch_size=100)
    assert summary.rows["organization"] == 20
    assert len(large) == len(small)
    # Small batches: every organisation once, in several rounds of queries.
    summary = export_directory(tmp_path / "c", batch_size=3)
    assert summary.rows["organization"] == 20
    assert summary.rows["service"] == 40
    ids = [row["id"] for row in read_csv(tmp_path / "c" / "tabular" / "organizations.csv")]
    assert len(set(ids)) == 20


def test_bad_arguments(tmp_path, db):
    with pytest.raises(CommandError):
        call_command("export_hsds", str(tmp_path), batch_size=0)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(CommandError):
        call_command("export_hsds", str(a_file))


def test_the_demo_network_is_valid_hsds_in_the_export_and_the_api(client, seeded_site, tmp_path):
    """The demo's few hundred organisations of every kind: real-looking data, not just the fixtures."""
    out_dir, _ = export(tmp_path)
    organisations = json.loads((out_dir / "organizations.json").read_text(encoding="utf-8"))
    assert len(organisations) > 100
    for org in organisations:
        assert_valid("compiled/organization.json", org)
    for service in json.loads((out_dir / "services.json").read_text(encoding="utf-8")):
        assert_valid("compiled/service.json", service)
    for table, (filename, _columns, _required) in TABLES.items():
        for row in read_csv(out_dir / "tabular" / filename):
            found = errors(TABLE_SCHEMAS[table], typed_row(table, row))
            assert not found, (table, found)
    body = client.get("/api/hsds/organizations", {"full_service": "true", "per_page": 200}).json()
    assert body["total_items"] == len(organisations)
    for org in body["contents"]:
        assert_valid("compiled/organization.json", org)
