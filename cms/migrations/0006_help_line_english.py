"""Help lines get English descriptions beside the Indonesian ones; the national lines seeded in 0005 get theirs."""

from django.db import migrations, models

SEEDED_ENGLISH = {
    "Kekerasan terhadap anak dan perempuan (KemenPPPA)": "Violence against children and women (KemenPPPA)",
    "Telepon Pelayanan Sosial Anak (Kementerian Sosial)": "Children's social services line (Ministry of Social Affairs)",
    "Isi nomor UPTD PPA kota Anda; layanan tanpa nomor tidak ditampilkan.": (
        "Fill in your city's UPTD PPA number; a line without a number is not shown."
    ),
}
SEEDED_HOURS = {"24 jam": "24 hours"}


def translate_seeded_lines(apps, schema_editor):
    HelpLine = apps.get_model("cms", "HelpLine")
    for indonesian, english in SEEDED_ENGLISH.items():
        HelpLine.objects.filter(helps_with=indonesian, helps_with_en="").update(helps_with_en=english)
    for indonesian, english in SEEDED_HOURS.items():
        HelpLine.objects.filter(hours=indonesian, hours_en="").update(hours_en=english)


class Migration(migrations.Migration):
    dependencies = [("cms", "0005_themes_help_lines_moderation")]

    operations = [
        migrations.AddField(
            model_name="helpline",
            name="helps_with_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="membantu untuk (bahasa Inggris)"),
        ),
        migrations.AddField(
            model_name="helpline",
            name="hours_en",
            field=models.CharField(blank=True, max_length=80, verbose_name="jam layanan (bahasa Inggris)"),
        ),
        migrations.RunPython(translate_seeded_lines, migrations.RunPython.noop),
    ]
