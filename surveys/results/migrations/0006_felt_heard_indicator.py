"""The built-in indicator "children who felt heard" (Jejak Suara, issue #19.3), computed by
``surveys.results.indicators.felt_heard``; an existing record for the formula is left as the officials worded it."""

from django.db import migrations

BUILT_IN = [
    ("Anak yang merasa suaranya didengar setelah konsultasi dijawab", "kelembagaan", "felt_heard"),
]
ORDER = 8


def create(apps, schema_editor):
    Indicator = apps.get_model("results", "Indicator")
    for offset, (name, cluster, formula) in enumerate(BUILT_IN):
        Indicator.objects.get_or_create(
            formula=formula, defaults={"name": name, "cluster": cluster, "order": ORDER + offset}
        )


def remove(apps, schema_editor):
    apps.get_model("results", "Indicator").objects.filter(formula__in=[row[2] for row in BUILT_IN]).delete()


class Migration(migrations.Migration):
    dependencies = [("results", "0005_indicator_formula_felt_heard")]

    operations = [migrations.RunPython(create, remove)]
