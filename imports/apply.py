"""Writing an analysed file to the database, and taking it back out (undo).

Everything here runs inside one transaction opened by ``imports.services``: a failure
anywhere (an exception, a killed worker, a lost connection) leaves no trace of the
import. Two paths write the same rows and records:

- PostgreSQL: the rows are ``COPY``-ed into temporary staging tables and written with a
  few set-based statements (``INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING``,
  ``UPDATE ... FROM``). This is what makes a 100,000-row file take seconds, not minutes.
- any other database (SQLite in development and in most tests): the ORM's
  ``bulk_create`` / ``bulk_update``.

Every created or updated object gets an ``ImportRecord`` with the values it had before
and the values the import wrote, which is what undo needs.
"""

import json
import uuid
from collections.abc import Callable

from django.db import connection, models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from imports.models import ImportJob, ImportRecord, RecordAction
from imports.resources import LOCATION_FIELDS, NEW, UPDATE, Analysis, RowOutcome
from network import municipalities
from network.models import Contact, Location, Organisation, OrganisationKind

ORGANISATION = "network.organisation"
CONTACT = "network.contact"
ORG_FIELDS = (
    "name",
    "alternate_name",
    "kind",
    "vat_number",
    "tax_code",
    "rea_number",
    "ateco_code",
    "sector",
    "employees",
    "size_band",
    "website",
    "email",
    "pec",
    "phone",
)


class ConcurrentChangeError(Exception):
    """Someone changed the same organisations while the import ran; nothing was written."""


def _jsonable(values: dict) -> dict:
    return {key: value for key, value in values.items() if key != "municipality_code"}


class SlugMaker:
    """Unique slugs for new organisations without one query per row."""

    def __init__(self) -> None:
        self.taken = set(Organisation.objects.values_list("slug", flat=True))

    def __call__(self, name: str) -> str:
        base = slugify(name)[:100] or "organisation"
        slug, number = base, 1
        while slug in self.taken:
            number += 1
            slug = f"{base}-{number}"
        self.taken.add(slug)
        return slug


def _organisation_row(values: dict) -> dict:
    row = {name: values[name] for name in ORG_FIELDS if values.get(name) not in (None, "")}
    row.setdefault("kind", OrganisationKind.COMPANY.value)
    return row


def _location_row(values: dict) -> dict | None:
    if not values.get("municipality"):
        return None
    return {name: values.get(name, "") for name in (*LOCATION_FIELDS, "municipality_code")}


# --- organisations: ORM path ---------------------------------------------------------------


def apply_organisations(job: ImportJob, analysis: Analysis, progress: Callable[[float], None]) -> dict:
    new = [row for row in analysis.rows if row.action == NEW]
    updates = [row for row in analysis.rows if row.action == UPDATE]
    if connection.vendor == "postgresql":
        return _apply_organisations_pg(job, new, updates, progress)
    slugs = SlugMaker()
    created = 0
    for start in range(0, len(new), 1000):
        batch = new[start : start + 1000]
        objects = []
        for row in batch:
            fields = _organisation_row(row.values)
            sector = fields.pop("sector", None)
            objects.append(Organisation(**fields, sector_id=sector, slug=slugs(fields["name"])))
        Organisation.objects.bulk_create(objects)
        locations, records = [], []
        for row, organisation in zip(batch, objects, strict=True):
            location = _location_row(row.values)
            after = _jsonable(_organisation_row(row.values))
            if location:
                locations.append(Location(organisation_id=organisation.pk, sort_order=0, **location))
                after.update({name: location[name] for name in LOCATION_FIELDS})
            records.append(
                ImportRecord(
                    job=job,
                    model=ORGANISATION,
                    object_id=organisation.pk,
                    action=RecordAction.CREATED,
                    row_number=row.row_number,
                    after=after,
                )
            )
        Location.objects.bulk_create(locations)
        ImportRecord.objects.bulk_create(records)
        created += len(batch)
        progress(created / max(1, len(new) + len(updates)))
    for row in updates:
        _update_organisation_orm(job, row)
    return {"created": created, "updated": len(updates)}


def _update_organisation_orm(job: ImportJob, row: RowOutcome) -> None:
    changes = {name: pair for name, pair in row.changes.items() if name != "location_id"}
    own = {name: pair[1] for name, pair in changes.items() if name in ORG_FIELDS}
    if "sector" in own:
        own["sector_id"] = own.pop("sector")
    if own:
        Organisation.objects.filter(pk=row.target_id).update(**own, updated_at=timezone.now())
    before = {name: pair[0] for name, pair in changes.items()}
    after = {name: pair[1] for name, pair in changes.items()}
    location_changes = {name: pair[1] for name, pair in changes.items() if name in LOCATION_FIELDS}
    if location_changes:
        location_id = row.changes.get("location_id", [None])[0]
        if location_id:
            if "municipality" in location_changes:
                location_changes["municipality_code"] = row.values.get("municipality_code", "")
            Location.objects.filter(pk=location_id).update(**location_changes)
            before["location_id"] = after["location_id"] = location_id
        else:
            location = Location.objects.create(organisation_id=row.target_id, sort_order=0, **_location_row(row.values))
            before["location_id"], after["location_id"] = None, location.pk
    ImportRecord.objects.create(
        job=job,
        model=ORGANISATION,
        object_id=row.target_id,
        action=RecordAction.UPDATED,
        row_number=row.row_number,
        before=before,
        after=after,
    )


# --- organisations: PostgreSQL path --------------------------------------------------------


def _constant_columns(
    model: type[models.Model], staged: set[str], overrides: dict | None = None
) -> tuple[list[str], list[str], list]:
    """Columns of ``model`` not in the staging table, with the SQL and parameters of their defaults."""
    columns, expressions, params = [], [], []
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key or model_field.column in staged:
            continue
        columns.append(connection.ops.quote_name(model_field.column))
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            expressions.append("now()")
        else:
            expressions.append("%s")
            value = (overrides or {}).get(model_field.name, model_field.get_default())
            params.append(model_field.get_db_prep_save(value, connection))
    return columns, expressions, params


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


ORG_STAGE_COLUMNS = [
    ("row_number", "integer"),
    ("uuid", "uuid"),
    ("slug", "varchar(120)"),
    ("name", "varchar(200)"),
    ("alternate_name", "varchar(200)"),
    ("kind", "varchar(30)"),
    ("vat_number", "varchar(11)"),
    ("tax_code", "varchar(16)"),
    ("rea_number", "varchar(12)"),
    ("ateco_code", "varchar(8)"),
    ("sector_id", "bigint"),
    ("employees", "integer"),
    ("size_band", "varchar(10)"),
    ("website", "varchar(200)"),
    ("email", "varchar(254)"),
    ("pec", "varchar(254)"),
    ("phone", "varchar(40)"),
]
LOC_STAGE_COLUMNS = [
    ("org_uuid", "uuid"),
    ("org_id", "bigint"),
    ("uuid", "uuid"),
    ("address", "varchar(200)"),
    ("municipality", "varchar(120)"),
    ("municipality_code", "varchar(6)"),
    ("province", "varchar(2)"),
    ("postcode", "varchar(5)"),
]


def _apply_organisations_pg(job, new: list[RowOutcome], updates: list[RowOutcome], progress) -> dict:
    total = max(1, len(new) + len(updates))
    slugs = SlugMaker() if new else None
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg 3 cursor: COPY support
        cursor.execute(
            "CREATE TEMP TABLE imports_stage_org ("
            + ", ".join(f"{name} {kind}" for name, kind in ORG_STAGE_COLUMNS)
            + ", after jsonb) ON COMMIT DROP"
        )
        cursor.execute(
            "CREATE TEMP TABLE imports_stage_loc ("
            + ", ".join(f"{name} {kind}" for name, kind in LOC_STAGE_COLUMNS)
            + ") ON COMMIT DROP"
        )
        org_columns = [name for name, _kind in ORG_STAGE_COLUMNS]
        org_uuids = [uuid.uuid4() for _row in new]

        def org_rows():
            # Generated while COPY streams them: 100,000 rows are never all in memory twice.
            for row, org_uuid in zip(new, org_uuids, strict=True):
                fields = _organisation_row(row.values)
                fields["sector_id"] = fields.pop("sector", None)
                after = _jsonable(_organisation_row(row.values))
                location = _location_row(row.values)
                if location:
                    after.update({name: location[name] for name in LOCATION_FIELDS})
                base = {"row_number": row.row_number, "uuid": org_uuid, "slug": slugs(fields["name"])}
                yield [
                    base.get(name, fields.get(name, None if name in ("sector_id", "employees") else ""))
                    for name in org_columns
                ] + [json.dumps(after)]

        _copy(raw, "imports_stage_org", [*org_columns, "after"], org_rows())
        progress(0.3 * len(new) / total)
        staged = set(org_columns) - {"row_number"}
        constant_columns, constant_sql, params = _constant_columns(Organisation, staged)
        inserted_columns = [name for name in org_columns if name != "row_number"]
        cursor.execute(
            f"""
            WITH inserted AS (
                INSERT INTO network_organisation ({", ".join(inserted_columns + constant_columns)})
                SELECT {", ".join(inserted_columns + constant_sql)} FROM imports_stage_org
                ON CONFLICT DO NOTHING
                RETURNING id, uuid
            )
            INSERT INTO imports_importrecord (job_id, model, object_id, action, row_number, before, after)
            SELECT %s, %s, inserted.id, %s, s.row_number, '{{}}'::jsonb, s.after
            FROM inserted JOIN imports_stage_org s ON s.uuid = inserted.uuid
            """,  # noqa: S608 - column names come from the model
            [*params, job.pk, ORGANISATION, RecordAction.CREATED],
        )
        if cursor.rowcount != len(new):
            raise ConcurrentChangeError(
                _(
                    "%(count)d new organisations clashed with ones saved meanwhile (same VAT number or address "
                    "name): nothing was imported. Preview the file again."
                )
                % {"count": len(new) - cursor.rowcount}
            )
        progress(0.6 * len(new) / total)

        # Locations of new organisations, and of updated ones that had none.
        def loc_rows():
            for row, org_uuid in zip(new, org_uuids, strict=True):
                location = _location_row(row.values)
                if location:
                    yield [org_uuid, None, uuid.uuid4(), *(location[name] for name, _k in LOC_STAGE_COLUMNS[3:])]
            for row in updates:
                location = _location_row(row.values)
                if row.changes.get("location_id", [1])[0] is None and location:
                    yield [None, row.target_id, uuid.uuid4(), *(location[name] for name, _k in LOC_STAGE_COLUMNS[3:])]

        loc_columns = [name for name, _kind in LOC_STAGE_COLUMNS]
        _copy(raw, "imports_stage_loc", loc_columns, loc_rows())
        cursor.execute(
            "UPDATE imports_stage_loc l SET org_id = o.id FROM network_organisation o "
            "WHERE l.org_id IS NULL AND o.uuid = l.org_uuid"
        )
        loc_staged = {"organisation_id", "uuid", *LOCATION_FIELDS, "municipality_code"}
        constant_columns, constant_sql, params = _constant_columns(Location, loc_staged, {"sort_order": 0})
        cursor.execute(
            f"""
            INSERT INTO network_location (organisation_id, uuid, {", ".join(LOCATION_FIELDS)}, municipality_code,
                                          {", ".join(constant_columns)})
            SELECT org_id, uuid, {", ".join(LOCATION_FIELDS)}, municipality_code, {", ".join(constant_sql)}
            FROM imports_stage_loc
            """,  # noqa: S608
            params,
        )
        if updates:
            _update_organisations_pg(cursor, raw, job, updates)
        progress(1.0)
    return {"created": len(new), "updated": len(updates)}


def _update_organisations_pg(cursor, raw, job, updates: list[RowOutcome]) -> None:
    """One ``UPDATE ... FROM`` per table: a NULL in the staging row keeps the current value."""
    update_columns = [("sector_id" if name == "sector" else name) for name in ORG_FIELDS]
    types = dict(ORG_STAGE_COLUMNS)
    cursor.execute(
        "CREATE TEMP TABLE imports_stage_upd (id bigint, row_number integer, location_id bigint, "
        + ", ".join(f"{name} {types[name]}" for name in update_columns)
        + ", loc_address varchar(200), loc_municipality varchar(120), loc_municipality_code varchar(6), "
        "loc_province varchar(2), loc_postcode varchar(5), new_location_uuid uuid, before jsonb, after jsonb) "
        "ON COMMIT DROP"
    )
    rows = []
    for row in updates:
        changes = {name: pair for name, pair in row.changes.items() if name != "location_id"}
        location_id = row.changes.get("location_id", [None])[0]
        before = {name: pair[0] for name, pair in changes.items()}
        after = {name: pair[1] for name, pair in changes.items()}
        location_values = [None] * 5
        if any(name in changes for name in LOCATION_FIELDS):
            if location_id:
                before["location_id"] = after["location_id"] = location_id
                location_values = (
                    [changes.get(name, [None, None])[1] for name in ("address", "municipality")]
                    + [row.values.get("municipality_code") if "municipality" in changes else None]
                    + [changes.get(name, [None, None])[1] for name in ("province", "postcode")]
                )
            else:
                before["location_id"] = None
        values = [changes.get(name, [None, None])[1] for name in ORG_FIELDS]
        rows.append(
            [
                row.target_id,
                row.row_number,
                location_id,
                *values,
                *location_values,
                None,
                json.dumps(before),
                json.dumps(after),
            ]
        )
    columns = [
        "id",
        "row_number",
        "location_id",
        *update_columns,
        "loc_address",
        "loc_municipality",
        "loc_municipality_code",
        "loc_province",
        "loc_postcode",
        "new_location_uuid",
        "before",
        "after",
    ]
    _copy(raw, "imports_stage_upd", columns, rows)
    assignments = ", ".join(f"{name} = COALESCE(u.{name}, o.{name})" for name in update_columns)
    cursor.execute(
        f"UPDATE network_organisation o SET {assignments}, updated_at = now() FROM imports_stage_upd u "  # noqa: S608
        "WHERE o.id = u.id"
    )
    location_assignments = ", ".join(
        f"{name} = COALESCE(u.loc_{name}, l.{name})" for name in (*LOCATION_FIELDS, "municipality_code")
    )
    cursor.execute(
        f"UPDATE network_location l SET {location_assignments} FROM imports_stage_upd u "  # noqa: S608
        "WHERE u.location_id IS NOT NULL AND l.id = u.location_id"
    )
    # Updated organisations that had no location got one above: record its id for undo.
    cursor.execute(
        """
        INSERT INTO imports_importrecord (job_id, model, object_id, action, row_number, before, after)
        SELECT %s, %s, u.id, %s, u.row_number, u.before,
               CASE WHEN u.before ? 'location_id' AND u.before->'location_id' = 'null'::jsonb
                    THEN u.after || jsonb_build_object('location_id', (
                        SELECT min(l.id) FROM network_location l WHERE l.organisation_id = u.id))
                    ELSE u.after END
        FROM imports_stage_upd u
        """,
        [job.pk, ORGANISATION, RecordAction.UPDATED],
    )


# --- contacts --------------------------------------------------------------------------------


def apply_contacts(job: ImportJob, analysis: Analysis, progress: Callable[[float], None]) -> dict:
    fields = ("name", "title", "department", "email", "phone")
    new = [row for row in analysis.rows if row.action == NEW]
    contacts = [
        Contact(
            organisation_id=row.values["organisation_id"], sort_order=0, **{n: row.values.get(n, "") for n in fields}
        )
        for row in new
    ]
    Contact.objects.bulk_create(contacts)
    records = [
        ImportRecord(
            job=job,
            model=CONTACT,
            object_id=contact.pk,
            action=RecordAction.CREATED,
            row_number=row.row_number,
            after={n: row.values.get(n, "") for n in fields},
        )
        for row, contact in zip(new, contacts, strict=True)
    ]
    updates = [row for row in analysis.rows if row.action == UPDATE]
    for row in updates:
        Contact.objects.filter(pk=row.target_id).update(**{name: pair[1] for name, pair in row.changes.items()})
        records.append(
            ImportRecord(
                job=job,
                model=CONTACT,
                object_id=row.target_id,
                action=RecordAction.UPDATED,
                row_number=row.row_number,
                before={name: pair[0] for name, pair in row.changes.items()},
                after={name: pair[1] for name, pair in row.changes.items()},
            )
        )
    ImportRecord.objects.bulk_create(records)
    progress(1.0)
    return {"created": len(new), "updated": len(updates)}


# --- undo ------------------------------------------------------------------------------------


def _same(current, recorded) -> bool:
    if current is None:
        current = ""
    if recorded is None:
        recorded = ""
    return str(current) == str(recorded)


def undo_job(job: ImportJob) -> dict:
    """Remove what the job created and restore what it updated, where nobody changed it since.

    Returns ``{"removed": n, "restored": n, "kept": [...]}``; each kept item says which
    object and which fields were edited after the import and so were left as they are.
    """
    removed = restored = 0
    kept: list[dict] = []
    models_by_key = {ORGANISATION: Organisation, CONTACT: Contact}
    for model_key, model in models_by_key.items():
        records = list(job.records.filter(model=model_key).order_by("pk"))
        if not records:
            continue
        ids = [record.object_id for record in records]
        current = {}
        for start in range(0, len(ids), 2000):
            for values in model.objects.filter(pk__in=ids[start : start + 2000]).values():
                current[values["id"]] = values
        location_ids = [record.after.get("location_id") for record in records if record.after.get("location_id")]
        locations = (
            {values["id"]: values for values in Location.objects.filter(pk__in=location_ids).values()}
            if model is Organisation
            else {}
        )
        first_location = {}
        if model is Organisation:
            for values in Location.objects.filter(organisation_id__in=ids).order_by("sort_order", "pk").values():
                first_location.setdefault(values["organisation_id"], values)
        to_delete = []
        for record in records:
            now = current.get(record.object_id)
            if now is None:
                continue  # deleted by someone since: nothing to take back
            location = locations.get(record.after.get("location_id")) or first_location.get(record.object_id, {})
            edited = []
            for name, value in record.after.items():
                if name == "location_id":
                    continue
                holder = location if name in LOCATION_FIELDS and model is Organisation else now
                key = "sector_id" if name == "sector" else name
                if not _same(holder.get(key), value):
                    edited.append(name)
            label = now.get("name", "")
            if record.action == RecordAction.CREATED:
                if edited:
                    kept.append({"id": record.object_id, "name": label, "fields": edited, "action": "created"})
                else:
                    to_delete.append(record.object_id)
                continue
            own = {}
            location_restore = {}
            for name, value in record.before.items():
                if name == "location_id" or name in edited:
                    continue
                if name in LOCATION_FIELDS and model is Organisation:
                    location_restore[name] = value or ""
                else:
                    own["sector_id" if name == "sector" else name] = (
                        value
                        if value != ""
                        or name
                        not in (
                            "employees",
                            "sector",
                        )
                        else None
                    )
            if own:
                model.objects.filter(pk=record.object_id).update(**own)
            if location_restore and record.before.get("location_id"):
                if "municipality" in location_restore:
                    found = municipalities.find_municipality(
                        location_restore["municipality"], location_restore.get("province", "")
                    )
                    location_restore["municipality_code"] = found.code if found else ""
                Location.objects.filter(pk=record.before["location_id"]).update(**location_restore)
            elif (
                record.before.get("location_id", 0) is None
                and record.after.get("location_id")
                and not any(name in edited for name in LOCATION_FIELDS)
            ):
                Location.objects.filter(pk=record.after["location_id"]).delete()
            restored += 1
            if edited:
                kept.append({"id": record.object_id, "name": label, "fields": edited, "action": "updated"})
        for start in range(0, len(to_delete), 2000):
            model.objects.filter(pk__in=to_delete[start : start + 2000]).delete()
        removed += len(to_delete)
    return {"removed": removed, "restored": restored, "kept": kept}
