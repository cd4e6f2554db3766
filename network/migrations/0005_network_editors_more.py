"""Let the "Network editors" upload and choose organisation logos.

Migration 0002 gave the group the network models and access to the admin, but Wagtail
images are permissioned per collection: without these two permissions on the root
collection the logo chooser of an organisation shows nothing and offers no upload.
"""

from django.db import migrations

NETWORK_EDITORS = "Network editors"
IMAGE_PERMISSIONS = ["add_image", "choose_image"]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group = Group.objects.filter(name=NETWORK_EDITORS).first()
    root = Collection.objects.filter(depth=1).first()
    if group is None or root is None:
        return
    image_type, _ = ContentType.objects.get_or_create(app_label="wagtailimages", model="image")
    for codename in IMAGE_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=image_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
        )
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def backwards(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name=NETWORK_EDITORS, permission__codename__in=IMAGE_PERMISSIONS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0003_directorypage"),
        ("wagtailcore", "0026_group_collection_permission"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
