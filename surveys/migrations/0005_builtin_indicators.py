"""The built-in participation indicators, and the permissions officials and facilitators need for them.

Officials add indicators, change them (wording, cluster mapping) and keep the child population and school
enrolment figures; facilitators read them. Nobody gets delete: an indicator is switched off, so older evidence
reports still name what they counted.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BUILT_IN = [
    ("Jumlah anak yang berpartisipasi (survei dan konsultasi)", "kelembagaan", "participants"),
    ("Tingkat partisipasi anak terhadap jumlah anak", "kelembagaan", "rate_population"),
    ("Tingkat partisipasi siswa terhadap jumlah siswa", "IV", "rate_enrolment"),
    ("Sekolah yang ikut serta dari semua sekolah", "IV", "schools"),
    ("Kelurahan yang memiliki Forum Anak aktif", "kelembagaan", "kelurahan_forum"),
    ("Kecamatan yang memiliki Forum Anak aktif", "kelembagaan", "kecamatan_forum"),
    ("Kebijakan, program dan rencana yang mendapat masukan anak yang terdokumentasi", "kelembagaan", "policies_input"),
    ("Masukan anak yang dijawab oleh perangkat daerah", "kelembagaan", "policies_answered"),
]
OFFICIAL = {
    "indicator": ["view", "add", "change"],
    "childpopulation": ["view", "add", "change", "delete"],
    "schoolenrolment": ["view", "add", "change", "delete"],
}
FACILITATOR = {"indicator": ["view"], "childpopulation": ["view"], "schoolenrolment": ["view"]}


def grants(Permission, spec):
    codenames = [f"{action}_{model}" for model, actions in spec.items() for action in actions]
    return Permission.objects.filter(content_type__app_label="surveys", codename__in=codenames)


def create(apps, schema_editor):
    Indicator = apps.get_model("surveys", "Indicator")
    for order, (name, cluster, formula) in enumerate(BUILT_IN):
        Indicator.objects.get_or_create(formula=formula, defaults={"name": name, "cluster": cluster, "order": order})
    config = apps.get_app_config("surveys")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in (("Official", OFFICIAL), ("Facilitator", FACILITATOR)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*grants(Permission, spec))


def remove(apps, schema_editor):
    apps.get_model("surveys", "Indicator").objects.filter(formula__in=[row[2] for row in BUILT_IN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0004_results_indicators"),
        ("cms", "0003_roles"),
    ]

    operations = [migrations.RunPython(create, remove)]
