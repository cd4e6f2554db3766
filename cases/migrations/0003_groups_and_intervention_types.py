"""Groups per role plus district coordinators, the starting list of intervention types,
and the "received" step of referrals that existed before the status history."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_GROUPS = ["Case managers", "Psychologists", "Career counsellors", "Educators", "Company promoters"]
COORDINATORS = "District coordinators"
STAFF_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("cases", "view_case"),
    ("cases", "change_case"),
    ("cases", "view_referral"),
    ("cases", "change_referral"),
    ("cases", "add_referral"),
    ("cases", "view_person"),
    ("cases", "change_person"),
    ("cases", "add_timelineentry"),
]
COORDINATOR_PERMISSIONS = [
    ("cases", "view_auditentry"),
    ("cases", "change_casessettings"),
    ("cases", "add_interventiontype"),
    ("cases", "change_interventiontype"),
    ("cases", "view_interventiontype"),
]
INTERVENTION_TYPES = [
    ("Orientamento", "Orientation"),
    ("Bilancio di competenze", "Skills assessment"),
    ("Accompagnamento (coaching)", "Coaching"),
    ("Formazione", "Training"),
    ("Tirocinio", "Internship"),
    ("Inserimento lavorativo", "Job placement"),
    ("Monitoraggio post-assunzione", "Post-hire monitoring"),
]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("cases")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    groups_and_intervention_types(apps)

    Referral = apps.get_model("cases", "Referral")
    ReferralEvent = apps.get_model("cases", "ReferralEvent")
    for referral in Referral.objects.filter(events__isnull=True):
        event = ReferralEvent.objects.create(referral=referral, step="received")
        ReferralEvent.objects.filter(pk=event.pk).update(at=referral.received_at)


def groups_and_intervention_types(apps):
    """The role groups with their permissions and the starting intervention types, added if missing.

    Also called by the demo seeder (``cases.demo``) with the live app registry, because the
    browser tests flush every table, groups included, before seeding the demo again.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        return [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in pairs]

    staff = permissions(STAFF_PERMISSIONS)
    for name in ROLE_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*staff)
    coordinators, _created = Group.objects.get_or_create(name=COORDINATORS)
    coordinators.permissions.add(*staff, *permissions(COORDINATOR_PERMISSIONS))

    InterventionType = apps.get_model("cases", "InterventionType")
    for name, name_en in INTERVENTION_TYPES:
        InterventionType.objects.get_or_create(name=name, defaults={"name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_case_management"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
