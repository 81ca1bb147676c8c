"""Give the roles what reaching schools needs, and seed the safeguarding word list.

Facilitators: class codes for any school, the schools' questionnaire report, exports, the safeguarding queue and
its word list, and children's free text (``view_free_text``). School coordinators: class codes and the
questionnaire, for their own school only (the views narrow it). Officials: exports without free text.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FACILITATOR = [
    "add_classcode",
    "view_classcode",
    "view_schoolsubmission",
    "export_responses",
    "view_free_text",
    "view_safeguardingflag",
    "change_safeguardingflag",
    "view_safeguardingword",
    "add_safeguardingword",
    "change_safeguardingword",
    "delete_safeguardingword",
]
COORDINATOR = ["add_classcode", "view_classcode", "add_schoolsubmission", "change_schoolsubmission"]
OFFICIAL = ["export_responses"]
GRANTS = {"Facilitator": FACILITATOR, "School coordinator": COORDINATOR, "Official": OFFICIAL}

WORDS = {
    "id": [
        "dipukul",
        "pukul",
        "ditampar",
        "disiksa",
        "siksa",
        "kekerasan",
        "ditendang",
        "dicambuk",
        "diancam",
        "takut pulang",
        "bunuh diri",
        "ingin mati",
        "mau mati",
        "mengakhiri hidup",
        "melukai diri",
        "menyakiti diri",
        "sayat",
        "dilecehkan",
        "pelecehan",
        "diperkosa",
        "perkosa",
        "dicabuli",
        "pencabulan",
        "disentuh",
        "meraba",
        "diraba",
        "kabur dari rumah",
        "tidak diberi makan",
    ],
    "en": [
        "hit me",
        "beat me",
        "beaten",
        "abuse",
        "hurt me",
        "kill myself",
        "suicide",
        "self-harm",
        "cut myself",
        "want to die",
        "raped",
        "rape",
        "molested",
        "touched me",
        "afraid to go home",
    ],
}


def grant(apps, schema_editor):
    config = apps.get_app_config("surveys")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="surveys", codename__in=codenames)
            )


def seed_words(apps, schema_editor):
    SafeguardingWord = apps.get_model("surveys", "SafeguardingWord")
    for language, words in WORDS.items():
        for word in words:
            SafeguardingWord.objects.get_or_create(word=word, defaults={"language": language})


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="surveys", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0002_distribution"),
        ("cms", "0003_roles"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
        migrations.RunPython(seed_words, migrations.RunPython.noop),
    ]
