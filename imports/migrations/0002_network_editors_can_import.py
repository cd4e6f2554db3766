"""Give the "Network editors" group the permission to import partner lists.

The permission is created here rather than waiting for post_migrate, so that the group
holds it on a fresh database straight after `migrate`.
"""

from django.db import migrations

NETWORK_EDITORS = "Network editors"


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="imports", model="importjob")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="can_import", defaults={"name": "Can import partner lists"}
    )
    group, _ = Group.objects.get_or_create(name=NETWORK_EDITORS)
    group.permissions.add(permission)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.filter(content_type__app_label="imports", codename="can_import").first()
    group = Group.objects.filter(name=NETWORK_EDITORS).first()
    if permission and group:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0001_initial"),
        ("network", "0002_network_editors_and_taxonomies"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
