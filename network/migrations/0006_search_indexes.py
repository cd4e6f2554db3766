"""PostgreSQL indexes that keep the directory search fast with tens of thousands of organisations.

Wagtail's database search backend on PostgreSQL matches ``(title || body) @@ query`` on
``wagtailsearch_indexentry`` and joins entries to organisations on
``object_id = id::varchar(50)``. Without indexes on those two expressions every search
scans the whole index table and the organisation table (about 250 ms at 50,000
organisations, see benchmarks/directory_search.py); with them the match is a GIN index
lookup and the join and the count read a small index. The modelsearch package
documents the first index but Wagtail's own migrations do not create it.

Other databases (SQLite in development) use other search tables: nothing to do there.
"""

from django.db import migrations

INDEXES = [
    (
        "network_search_title_body_gin",
        "CREATE INDEX IF NOT EXISTS network_search_title_body_gin "
        "ON wagtailsearch_indexentry USING gin ((title || body))",
    ),
    # Partial and covering: counts of public organisations (search, district, role and kind
    # filters) become index-only scans instead of reading the whole, wide organisation table.
    (
        "network_org_public_id_text",
        "CREATE INDEX IF NOT EXISTS network_org_public_id_text "
        "ON network_organisation (((id)::varchar(50))) INCLUDE (id, kind) WHERE is_public",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in INDEXES:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0005_network_editors_more"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
