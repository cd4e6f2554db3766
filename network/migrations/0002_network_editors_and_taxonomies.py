"""The "Network editors" group and the two taxonomies the code relies on.

Production databases need them as much as the demo, so they are data, not demo content.
Staff may rename terms and add new ones afterwards.
"""

from django.db import migrations

NETWORK_EDITORS = "Network editors"
MODELS = ["organisation", "district", "taxonomy", "taxonomyterm", "outdatedreport", "networksettings"]

ROLES = [
    ("tirocini", "Ospita tirocini", "Hosts internships"),
    ("assunzioni", "Assume persone seguite dal servizio", "Hires people followed by the service"),
    ("invio", "Segnala persone al servizio", "Refers people to the service"),
    ("formazione", "Formazione", "Training"),
    ("tavolo", "Partecipa al tavolo di coordinamento", "Coordination table member"),
    ("commesse", "Affida commesse a cooperative sociali", "Contracts work to social cooperatives"),
]

# ATECO 2007 / NACE Rev. 2 sections.
ATECO_SECTIONS = [
    ("A", "Agricoltura, silvicoltura e pesca", "Agriculture, forestry and fishing"),
    ("B", "Estrazione di minerali", "Mining and quarrying"),
    ("C", "Attività manifatturiere", "Manufacturing"),
    ("D", "Fornitura di energia elettrica e gas", "Electricity and gas supply"),
    ("E", "Acqua, reti fognarie, rifiuti e risanamento", "Water supply, sewerage and waste management"),
    ("F", "Costruzioni", "Construction"),
    ("G", "Commercio all'ingrosso e al dettaglio", "Wholesale and retail trade"),
    ("H", "Trasporto e magazzinaggio", "Transport and storage"),
    ("I", "Alloggio e ristorazione", "Accommodation and food services"),
    ("J", "Informazione e comunicazione", "Information and communication"),
    ("K", "Attività finanziarie e assicurative", "Financial and insurance activities"),
    ("L", "Attività immobiliari", "Real estate activities"),
    ("M", "Attività professionali, scientifiche e tecniche", "Professional, scientific and technical activities"),
    ("N", "Noleggio, agenzie di viaggio, servizi alle imprese", "Administrative and support services"),
    ("O", "Pubblica amministrazione e difesa", "Public administration and defence"),
    ("P", "Istruzione", "Education"),
    ("Q", "Sanità e assistenza sociale", "Human health and social work"),
    ("R", "Attività artistiche, sportive e di intrattenimento", "Arts, entertainment and recreation"),
    ("S", "Altre attività di servizi", "Other service activities"),
    ("T", "Attività di famiglie come datori di lavoro", "Households as employers"),
    ("U", "Organizzazioni ed organismi extraterritoriali", "Extraterritorial organisations"),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Taxonomy = apps.get_model("network", "Taxonomy")
    TaxonomyTerm = apps.get_model("network", "TaxonomyTerm")

    group, _ = Group.objects.get_or_create(name=NETWORK_EDITORS)
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="network", model=model)
        for action in ("add", "change", "delete", "view"):
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            group.permissions.add(permission)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group.permissions.add(access_admin)

    for key, name, description, terms in [
        ("network-roles", "Ruoli nella rete", "What an organisation does with the service.", ROLES),
        ("ateco-sections", "Sezioni ATECO", "Economic sectors: the sections of the ATECO 2007 classification.", ATECO_SECTIONS),
    ]:
        taxonomy, _ = Taxonomy.objects.get_or_create(key=key, defaults={"name": name, "description": description})
        for order, (code, name_it, name_en) in enumerate(terms):
            TaxonomyTerm.objects.get_or_create(
                taxonomy=taxonomy, code=code, defaults={"name": name_it, "name_en": name_en, "sort_order": order}
            )


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=NETWORK_EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
