"""The child-quote block's age band takes the canonical code of ``cms.vocabulary.AgeBand``: ``"9-"`` becomes ``"0-9"``.

Recoded wherever a page body is kept: the live pages, their revisions (drafts, scheduled and past versions) and
wagtail-localize's translation sources, so a translation synced later does not bring the old code back.
"""

import json

from django.db import migrations
from django.db.models import F, JSONField
from django.db.models.functions import Cast
from wagtail.blocks import StreamValue

import wagtail.fields

PAGE_MODELS = ("ArticlePage", "CampaignPage", "HelpPage", "StandardPage")
FORWARD = {"9-": "0-9"}
BACKWARD = {"0-9": "9-"}


def recode_stream(stream, codes: dict[str, str]) -> bool:
    """Recode the age band of every child quote in a raw stream; whether anything changed."""
    changed = False
    for block in stream or []:
        value = block.get("value")
        if block.get("type") == "child_quote" and isinstance(value, dict) and value.get("age_band") in codes:
            value["age_band"] = codes[value["age_band"]]
            changed = True
    return changed


def recode_serialized_body(content: dict, codes: dict[str, str]) -> bool:
    """Recode a serialized page (a revision's or a translation source's), whose body is a JSON string."""
    body = content.get("body")
    stream = json.loads(body) if isinstance(body, str) else body
    if not recode_stream(stream, codes):
        return False
    content["body"] = json.dumps(stream) if isinstance(body, str) else stream
    return True


def recode(apps, codes: dict[str, str]) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    for name in PAGE_MODELS:
        model = apps.get_model("cms", name)
        stream_block = model._meta.get_field("body").stream_block
        for page in model.objects.annotate(raw_body=Cast(F("body"), JSONField())).only("pk"):
            if recode_stream(page.raw_body, codes):
                model.objects.filter(pk=page.pk).update(body=StreamValue(stream_block, page.raw_body, is_lazy=True))
    content_types = list(
        ContentType.objects.filter(app_label="cms", model__in=[name.lower() for name in PAGE_MODELS]).values_list(
            "pk", flat=True
        )
    )
    for revision in Revision.objects.filter(content_type_id__in=content_types).only("pk", "content"):
        if recode_serialized_body(revision.content, codes):
            Revision.objects.filter(pk=revision.pk).update(content=revision.content)
    for source in TranslationSource.objects.filter(specific_content_type_id__in=content_types).only("pk", "content_json"):
        content = json.loads(source.content_json)
        if recode_serialized_body(content, codes):
            TranslationSource.objects.filter(pk=source.pk).update(content_json=json.dumps(content))


def forward(apps, schema_editor) -> None:
    recode(apps, FORWARD)


def backward(apps, schema_editor) -> None:
    recode(apps, BACKWARD)


class Migration(migrations.Migration):

    dependencies = [
        ('cms', '0006_help_line_english'),
        ('wagtail_localize', '0016_rename_page_revision_translationlog_revision'),
    ]

    operations = [
        migrations.AlterField(
            model_name='articlepage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 7), ('video', 11), ('child_quote', 14), ('call_to_action', 18), ('fact_card', 22), ('help_lines', 24), ('chart', 28)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'judul', 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Judul bagian'), ('h3', 'Subjudul')], 'label': 'tingkat'}), 2: ('wagtail.blocks.StructBlock', [[('heading_text', 0), ('size', 1)]], {}), 3: ('cms.blocks.ParagraphBlock', (), {}), 4: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'gambar'}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'Jelaskan isi gambar untuk yang tidak bisa melihatnya. Jangan tulis nama anak.', 'label': 'teks alternatif', 'max_length': 200}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'keterangan', 'max_length': 250, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('image', 4), ('alt_text', 5), ('caption', 6)]], {}), 8: ('wagtail.embeds.blocks.EmbedBlock', (), {'help_text': 'Misalnya tautan YouTube.', 'label': 'alamat video'}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'judul video', 'max_length': 150}), 10: ('wagtail.blocks.TextBlock', (), {'help_text': 'Isi video dalam tulisan, untuk yang tidak bisa mendengar atau memutar video.', 'label': 'transkrip', 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('video', 8), ('title', 9), ('transcript', 10)]], {}), 12: ('wagtail.blocks.TextBlock', (), {'label': 'kutipan', 'max_length': 600}), 13: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('0-9', '9 tahun atau kurang'), ('10-12', '10–12 tahun'), ('13-15', '13–15 tahun'), ('16-17', '16–17 tahun')], 'help_text': 'Hanya kelompok usia: jangan tulis nama, sekolah atau kelas anak.', 'label': 'kelompok usia'}), 14: ('wagtail.blocks.StructBlock', [[('quote', 12), ('age_band', 13)]], {}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'ajakan', 'max_length': 200}), 16: ('wagtail.blocks.PageChooserBlock', (), {'label': 'halaman tujuan'}), 17: ('wagtail.blocks.CharBlock', (), {'label': 'tulisan tombol', 'max_length': 60}), 18: ('wagtail.blocks.StructBlock', [[('text', 15), ('page', 16), ('button_label', 17)]], {}), 19: ('wagtail.blocks.CharBlock', (), {'help_text': 'Misalnya: 1 dari 3', 'label': 'angka', 'max_length': 30}), 20: ('wagtail.blocks.CharBlock', (), {'label': 'penjelasan', 'max_length': 200}), 21: ('wagtail.blocks.CharBlock', (), {'label': 'sumber', 'max_length': 200, 'required': False}), 22: ('wagtail.blocks.StructBlock', [[('figure', 19), ('text', 20), ('source', 21)]], {}), 23: ('wagtail.blocks.CharBlock', (), {'label': 'judul', 'max_length': 120, 'required': False}), 24: ('wagtail.blocks.StructBlock', [[('heading', 23)]], {}), 25: ('wagtail.blocks.PageChooserBlock', (), {'label': 'halaman survei'}), 26: ('wagtail.blocks.CharBlock', (), {'label': 'kode pertanyaan', 'max_length': 50}), 27: ('wagtail.blocks.CharBlock', (), {'label': 'keterangan', 'max_length': 200, 'required': False}), 28: ('wagtail.blocks.StructBlock', [[('survey_page', 25), ('question_code', 26), ('caption', 27)]], {})}, verbose_name='isi'),
        ),
        migrations.AlterField(
            model_name='campaignpage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 7), ('video', 11), ('child_quote', 14), ('call_to_action', 18), ('fact_card', 22), ('help_lines', 24), ('chart', 28)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'judul', 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Judul bagian'), ('h3', 'Subjudul')], 'label': 'tingkat'}), 2: ('wagtail.blocks.StructBlock', [[('heading_text', 0), ('size', 1)]], {}), 3: ('cms.blocks.ParagraphBlock', (), {}), 4: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'gambar'}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'Jelaskan isi gambar untuk yang tidak bisa melihatnya. Jangan tulis nama anak.', 'label': 'teks alternatif', 'max_length': 200}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'keterangan', 'max_length': 250, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('image', 4), ('alt_text', 5), ('caption', 6)]], {}), 8: ('wagtail.embeds.blocks.EmbedBlock', (), {'help_text': 'Misalnya tautan YouTube.', 'label': 'alamat video'}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'judul video', 'max_length': 150}), 10: ('wagtail.blocks.TextBlock', (), {'help_text': 'Isi video dalam tulisan, untuk yang tidak bisa mendengar atau memutar video.', 'label': 'transkrip', 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('video', 8), ('title', 9), ('transcript', 10)]], {}), 12: ('wagtail.blocks.TextBlock', (), {'label': 'kutipan', 'max_length': 600}), 13: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('0-9', '9 tahun atau kurang'), ('10-12', '10–12 tahun'), ('13-15', '13–15 tahun'), ('16-17', '16–17 tahun')], 'help_text': 'Hanya kelompok usia: jangan tulis nama, sekolah atau kelas anak.', 'label': 'kelompok usia'}), 14: ('wagtail.blocks.StructBlock', [[('quote', 12), ('age_band', 13)]], {}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'ajakan', 'max_length': 200}), 16: ('wagtail.blocks.PageChooserBlock', (), {'label': 'halaman tujuan'}), 17: ('wagtail.blocks.CharBlock', (), {'label': 'tulisan tombol', 'max_length': 60}), 18: ('wagtail.blocks.StructBlock', [[('text', 15), ('page', 16), ('button_label', 17)]], {}), 19: ('wagtail.blocks.CharBlock', (), {'help_text': 'Misalnya: 1 dari 3', 'label': 'angka', 'max_length': 30}), 20: ('wagtail.blocks.CharBlock', (), {'label': 'penjelasan', 'max_length': 200}), 21: ('wagtail.blocks.CharBlock', (), {'label': 'sumber', 'max_length': 200, 'required': False}), 22: ('wagtail.blocks.StructBlock', [[('figure', 19), ('text', 20), ('source', 21)]], {}), 23: ('wagtail.blocks.CharBlock', (), {'label': 'judul', 'max_length': 120, 'required': False}), 24: ('wagtail.blocks.StructBlock', [[('heading', 23)]], {}), 25: ('wagtail.blocks.PageChooserBlock', (), {'label': 'halaman survei'}), 26: ('wagtail.blocks.CharBlock', (), {'label': 'kode pertanyaan', 'max_length': 50}), 27: ('wagtail.blocks.CharBlock', (), {'label': 'keterangan', 'max_length': 200, 'required': False}), 28: ('wagtail.blocks.StructBlock', [[('survey_page', 25), ('question_code', 26), ('caption', 27)]], {})}, verbose_name='isi'),
        ),
        migrations.AlterField(
            model_name='helppage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 7), ('video', 11), ('child_quote', 14), ('call_to_action', 18), ('fact_card', 22), ('help_lines', 24), ('chart', 28)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'judul', 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Judul bagian'), ('h3', 'Subjudul')], 'label': 'tingkat'}), 2: ('wagtail.blocks.StructBlock', [[('heading_text', 0), ('size', 1)]], {}), 3: ('cms.blocks.ParagraphBlock', (), {}), 4: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'gambar'}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'Jelaskan isi gambar untuk yang tidak bisa melihatnya. Jangan tulis nama anak.', 'label': 'teks alternatif', 'max_length': 200}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'keterangan', 'max_length': 250, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('image', 4), ('alt_text', 5), ('caption', 6)]], {}), 8: ('wagtail.embeds.blocks.EmbedBlock', (), {'help_text': 'Misalnya tautan YouTube.', 'label': 'alamat video'}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'judul video', 'max_length': 150}), 10: ('wagtail.blocks.TextBlock', (), {'help_text': 'Isi video dalam tulisan, untuk yang tidak bisa mendengar atau memutar video.', 'label': 'transkrip', 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('video', 8), ('title', 9), ('transcript', 10)]], {}), 12: ('wagtail.blocks.TextBlock', (), {'label': 'kutipan', 'max_length': 600}), 13: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('0-9', '9 tahun atau kurang'), ('10-12', '10–12 tahun'), ('13-15', '13–15 tahun'), ('16-17', '16–17 tahun')], 'help_text': 'Hanya kelompok usia: jangan tulis nama, sekolah atau kelas anak.', 'label': 'kelompok usia'}), 14: ('wagtail.blocks.StructBlock', [[('quote', 12), ('age_band', 13)]], {}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'ajakan', 'max_length': 200}), 16: ('wagtail.blocks.PageChooserBlock', (), {'label': 'halaman tujuan'}), 17: ('wagtail.blocks.CharBlock', (), {'label': 'tulisan tombol', 'max_length': 60}), 18: ('wagtail.blocks.StructBlock', [[('text', 15), ('page', 16), ('button_label', 17)]], {}), 19: ('wagtail.blocks.CharBlock', (), {'help_text': 'Misalnya: 1 dari 3', 'label': 'angka', 'max_length': 30}), 20: ('wagtail.blocks.CharBlock', (), {'label': 'penjelasan', 'max_length': 200}), 21: ('wagtail.blocks.CharBlock', (), {'label': 'sumber', 'max_length': 200, 'required': False}), 22: ('wagtail.blocks.StructBlock', [[('figure', 19), ('text', 20), ('source', 21)]], {}), 23: ('wagtail.blocks.CharBlock', (), {'label': 'judul', 'max_length': 120, 'required': False}), 24: ('wagtail.blocks.StructBlock', [[('heading', 23)]], {}), 25: ('wagtail.blocks.PageChooserBlock', (), {'label': 'halaman survei'}), 26: ('wagtail.blocks.CharBlock', (), {'label': 'kode pertanyaan', 'max_length': 50}), 27: ('wagtail.blocks.CharBlock', (), {'label': 'keterangan', 'max_length': 200, 'required': False}), 28: ('wagtail.blocks.StructBlock', [[('survey_page', 25), ('question_code', 26), ('caption', 27)]], {})}, verbose_name='isi'),
        ),
        migrations.AlterField(
            model_name='standardpage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 7), ('video', 11), ('child_quote', 14), ('call_to_action', 18), ('fact_card', 22), ('help_lines', 24), ('chart', 28)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'judul', 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Judul bagian'), ('h3', 'Subjudul')], 'label': 'tingkat'}), 2: ('wagtail.blocks.StructBlock', [[('heading_text', 0), ('size', 1)]], {}), 3: ('cms.blocks.ParagraphBlock', (), {}), 4: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'gambar'}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'Jelaskan isi gambar untuk yang tidak bisa melihatnya. Jangan tulis nama anak.', 'label': 'teks alternatif', 'max_length': 200}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'keterangan', 'max_length': 250, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('image', 4), ('alt_text', 5), ('caption', 6)]], {}), 8: ('wagtail.embeds.blocks.EmbedBlock', (), {'help_text': 'Misalnya tautan YouTube.', 'label': 'alamat video'}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'judul video', 'max_length': 150}), 10: ('wagtail.blocks.TextBlock', (), {'help_text': 'Isi video dalam tulisan, untuk yang tidak bisa mendengar atau memutar video.', 'label': 'transkrip', 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('video', 8), ('title', 9), ('transcript', 10)]], {}), 12: ('wagtail.blocks.TextBlock', (), {'label': 'kutipan', 'max_length': 600}), 13: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('0-9', '9 tahun atau kurang'), ('10-12', '10–12 tahun'), ('13-15', '13–15 tahun'), ('16-17', '16–17 tahun')], 'help_text': 'Hanya kelompok usia: jangan tulis nama, sekolah atau kelas anak.', 'label': 'kelompok usia'}), 14: ('wagtail.blocks.StructBlock', [[('quote', 12), ('age_band', 13)]], {}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'ajakan', 'max_length': 200}), 16: ('wagtail.blocks.PageChooserBlock', (), {'label': 'halaman tujuan'}), 17: ('wagtail.blocks.CharBlock', (), {'label': 'tulisan tombol', 'max_length': 60}), 18: ('wagtail.blocks.StructBlock', [[('text', 15), ('page', 16), ('button_label', 17)]], {}), 19: ('wagtail.blocks.CharBlock', (), {'help_text': 'Misalnya: 1 dari 3', 'label': 'angka', 'max_length': 30}), 20: ('wagtail.blocks.CharBlock', (), {'label': 'penjelasan', 'max_length': 200}), 21: ('wagtail.blocks.CharBlock', (), {'label': 'sumber', 'max_length': 200, 'required': False}), 22: ('wagtail.blocks.StructBlock', [[('figure', 19), ('text', 20), ('source', 21)]], {}), 23: ('wagtail.blocks.CharBlock', (), {'label': 'judul', 'max_length': 120, 'required': False}), 24: ('wagtail.blocks.StructBlock', [[('heading', 23)]], {}), 25: ('wagtail.blocks.PageChooserBlock', (), {'label': 'halaman survei'}), 26: ('wagtail.blocks.CharBlock', (), {'label': 'kode pertanyaan', 'max_length': 50}), 27: ('wagtail.blocks.CharBlock', (), {'label': 'keterangan', 'max_length': 200, 'required': False}), 28: ('wagtail.blocks.StructBlock', [[('survey_page', 25), ('question_code', 26), ('caption', 27)]], {})}, verbose_name='isi'),
        ),
        migrations.RunPython(forward, backward),
    ]
