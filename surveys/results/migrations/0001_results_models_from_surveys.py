"""The results' models, taken over from the ``surveys`` app with their tables and rows untouched.

``SeparateDatabaseAndState``: the tables were created by ``surveys`` (0004, 0006) and keep their names through
``db_table``; only Django's state moves. The content types move too (app label ``surveys`` to ``results``), so the
permissions that hang on them, and the groups holding those, stay as they are (``results.view_indicator`` etc.).
"""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("answerrollup", "rollupwatermark", "indicator", "childpopulation", "schoolenrolment")


def move_content_types(apps, schema_editor, *, source="surveys", target="results"):
    """Relabel the models' content types; one that already exists under ``target`` is left as it is."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(ContentType.objects.using(db).filter(app_label=target, model__in=MODELS).values_list("model", flat=True))
    ContentType.objects.using(db).filter(app_label=source, model__in=set(MODELS) - taken).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="results", target="surveys")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cms', '0007_child_quote_age_band_codes'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('surveys', '0009_results_models_left_for_results_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Indicator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=255, verbose_name='nama indikator')),
                        ('cluster', models.CharField(choices=[('kelembagaan', 'Kelembagaan'), ('I', 'Klaster I: hak sipil dan kebebasan'), ('II', 'Klaster II: lingkungan keluarga dan pengasuhan alternatif'), ('III', 'Klaster III: kesehatan dasar dan kesejahteraan'), ('IV', 'Klaster IV: pendidikan, waktu luang dan budaya'), ('V', 'Klaster V: perlindungan khusus')], max_length=12, verbose_name='klaster KLA')),
                        ('formula', models.CharField(choices=[('participants', 'Anak yang berpartisipasi (survei + konsultasi)'), ('rate_population', 'Tingkat partisipasi terhadap jumlah anak'), ('rate_enrolment', 'Tingkat partisipasi terhadap jumlah siswa'), ('schools', 'Sekolah yang ikut serta dari semua sekolah'), ('kelurahan_forum', 'Kelurahan dengan Forum Anak aktif'), ('kecamatan_forum', 'Kecamatan dengan Forum Anak aktif'), ('policies_input', 'Kebijakan/program/rencana dengan masukan anak yang terdokumentasi'), ('policies_answered', 'Kebijakan dengan masukan anak yang dijawab instansi')], max_length=40, verbose_name='rumus')),
                        ('description', models.TextField(blank=True, verbose_name='keterangan')),
                        ('is_active', models.BooleanField(default=True, verbose_name='aktif')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='urutan')),
                    ],
                    options={
                        'verbose_name': 'indikator partisipasi',
                        'verbose_name_plural': 'indikator partisipasi',
                        'db_table': 'surveys_indicator',
                        'ordering': ['order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='RollupWatermark',
                    fields=[
                        ('survey', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='surveys.surveypage', verbose_name='survei')),
                        ('response_id', models.BigIntegerField(default=0, verbose_name='jawaban survei terakhir yang dihitung')),
                        ('merges', models.PositiveIntegerField(default=0, verbose_name='penambahan sejak penggabungan')),
                        ('refreshed_at', models.DateTimeField(auto_now=True, verbose_name='diperbarui')),
                    ],
                    options={
                        'verbose_name': 'batas hitungan jawaban',
                        'verbose_name_plural': 'batas hitungan jawaban',
                        'db_table': 'surveys_rollupwatermark',
                    },
                ),
                migrations.CreateModel(
                    name='AnswerRollup',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('question_code', models.CharField(blank=True, max_length=40, verbose_name='kode pertanyaan')),
                        ('choice_code', models.CharField(blank=True, max_length=40, null=True, verbose_name='kode pilihan')),
                        ('school_level', models.CharField(blank=True, max_length=3, verbose_name='jenjang sekolah')),
                        ('age_band', models.CharField(blank=True, max_length=5, verbose_name='kelompok umur')),
                        ('sex', models.CharField(blank=True, max_length=20, verbose_name='jenis kelamin')),
                        ('n', models.PositiveIntegerField(verbose_name='jumlah responden')),
                        ('kecamatan', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cms.region', verbose_name='kecamatan')),
                        ('school', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cms.school', verbose_name='sekolah')),
                        ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='surveys.surveypage', verbose_name='survei')),
                    ],
                    options={
                        'verbose_name': 'hitungan jawaban',
                        'verbose_name_plural': 'hitungan jawaban',
                        'db_table': 'surveys_answerrollup',
                        'indexes': [models.Index(fields=['survey', 'question_code', 'choice_code'], name='rollup_survey_question')],
                    },
                ),
                migrations.CreateModel(
                    name='ChildPopulation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='tahun')),
                        ('children', models.PositiveIntegerField(verbose_name='jumlah anak (0–17 tahun)')),
                        ('kelurahan', models.ForeignKey(limit_choices_to={'level': 'kelurahan'}, on_delete=django.db.models.deletion.CASCADE, related_name='child_populations', to='cms.region', verbose_name='kelurahan')),
                    ],
                    options={
                        'verbose_name': 'jumlah anak per kelurahan',
                        'verbose_name_plural': 'jumlah anak per kelurahan',
                        'db_table': 'surveys_childpopulation',
                        'ordering': ['-year', 'kelurahan__code'],
                        'constraints': [models.UniqueConstraint(fields=('kelurahan', 'year'), name='child_population_once_a_year')],
                    },
                ),
                migrations.CreateModel(
                    name='SchoolEnrolment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='tahun')),
                        ('pupils', models.PositiveIntegerField(verbose_name='jumlah siswa')),
                        ('school', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='enrolments', to='cms.school', verbose_name='sekolah')),
                    ],
                    options={
                        'verbose_name': 'jumlah siswa per sekolah',
                        'verbose_name_plural': 'jumlah siswa per sekolah',
                        'db_table': 'surveys_schoolenrolment',
                        'ordering': ['-year', 'school__name'],
                        'constraints': [models.UniqueConstraint(fields=('school', 'year'), name='school_enrolment_once_a_year')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
