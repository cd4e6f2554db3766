"""Offers workflow: positions taken so far, the duplicate window, and the permissions the
company promoters and district coordinators need to handle offers and log employer contacts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

JOB_DEVELOPERS = ["Company promoters", "District coordinators"]
JOB_DEVELOPER_PERMISSIONS = [
    ("jobs", "view_joboffer"),
    ("jobs", "add_joboffer"),
    ("jobs", "change_joboffer"),
    ("jobs", "view_employercontact"),
    ("jobs", "add_employercontact"),
    # Promoters scout and keep employers up to date: they open organisations to log contacts.
    ("network", "view_organisation"),
    ("network", "change_organisation"),
]
# The rest of the team reads offers (to propose people) but does not manage them.
READERS = ["Case managers", "Career counsellors", "Educators", "Psychologists"]
READER_PERMISSIONS = [("jobs", "view_joboffer")]


def forwards(apps, schema_editor):
    for label in ("jobs", "network"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    grant_job_permissions(apps)


def grant_job_permissions(apps):
    """Give the groups their job-development permissions (also used by the demo seeder)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        return [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in pairs]

    for name in JOB_DEVELOPERS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(JOB_DEVELOPER_PERMISSIONS))
    for name in READERS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(READER_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0002_offers_contacts_profiles"),
        ("cases", "0003_groups_and_intervention_types"),
        ("network", "0006_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="joboffer",
            name="positions_filled",
            field=models.PositiveSmallIntegerField(
                default=0,
                help_text="People placed so far; the offer is filled when all are.",
                verbose_name="positions filled",
            ),
        ),
        migrations.AddField(
            model_name="jobssettings",
            name="duplicate_window_days",
            field=models.PositiveSmallIntegerField(
                default=60,
                help_text=(
                    "New or open offers of the same company for a similar role received within this many days "
                    "of each other are flagged as possible duplicates."
                ),
                verbose_name="possible duplicate offers within (days)",
            ),
        ),
        migrations.AddIndex(
            model_name="joboffer",
            index=models.Index(fields=["vat_number", "received_at"], name="jobs_offer_vat_received"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
