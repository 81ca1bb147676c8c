"""The pages ``bench/submission.py`` drives, created in the benchmark's own database.

Run by the benchmark in the server's environment (``python -m bench.scenario``); prints what the clients need as
JSON. A survey of three sections and nine questions plus the four "about you" fields, and a Wagtail form page
with the same thirteen fields; and a school with 50 class codes for runs with ``--class-codes``.
"""

from __future__ import annotations

import datetime
import json

import django


def question(kind: str, code: str, label: str, *, choices=(), required=False, show_if=("", ""), **extra) -> dict:
    return {
        "type": kind,
        "code": code,
        "label": label,
        "help_text": "",
        "required": required,
        "allow_prefer_not_to_say": kind not in {"number", "short_text", "long_text"},
        "faces": kind == "likert4",
        "choices": [{"code": c, "label": c.title()} for c in choices],
        "min_value": extra.get("min_value"),
        "max_value": extra.get("max_value"),
        "show_if": {"question": show_if[0], "values": show_if[1]},
    }


def section(title: str, *questions: dict) -> dict:
    return {
        "type": "section",
        "value": {"title": title, "intro": "", "show_if": {"question": "", "values": ""}, "questions": list(questions)},
    }


DEFINITION = [
    section(
        "Merasa aman",
        question("likert4", "safe_school", "Aku merasa aman di sekolah.", required=True),
        question("yes_no", "bullied", "Apakah kamu dirundung bulan ini?", required=True),
        question("multiple", "bullied_where", "Di mana?", choices=("classroom", "online"), show_if=("bullied", "yes")),
    ),
    section(
        "Bercerita",
        question("yes_no", "told_someone", "Apakah kamu bercerita kepada seseorang?"),
        question("yes_no", "knows_help", "Apakah kamu tahu SAPA 129?"),
        question("likert4", "safe_online", "Aku merasa aman di internet."),
    ),
    section(
        "Lainnya",
        question("number", "friends", "Berapa teman dekatmu?", min_value=0, max_value=50),
        question("single", "play_place", "Di mana kamu biasa bermain?", choices=("park", "street", "home")),
        question("short_text", "wish", "Satu harapanmu?"),
    ),
]

ANSWERS = [
    {"safe_school": "3", "bullied": "yes", "bullied_where": ["classroom", "online"]},
    {"told_someone": "no", "knows_help": "yes", "safe_online": "2"},
    {"friends": "3", "play_place": "park", "wish": None},
]

FORM_FIELDS = [
    ("umur", "radio", "0-9,10-12,13-15,16-17"),
    ("jenis kelamin", "radio", "perempuan,laki-laki,tidak ingin menjawab"),
    ("jenjang", "radio", "SD,SMP,SMA"),
    ("kecamatan", "dropdown", "Balikpapan Selatan,Balikpapan Kota,Balikpapan Utara"),
    ("aman di sekolah", "radio", "1,2,3,4"),
    ("dirundung", "radio", "ya,tidak"),
    ("di mana", "checkboxes", "kelas,internet"),
    ("bercerita", "radio", "ya,tidak"),
    ("tahu sapa 129", "radio", "ya,tidak"),
    ("aman di internet", "radio", "1,2,3,4"),
    ("teman dekat", "number", ""),
    ("tempat bermain", "radio", "taman,jalan,rumah"),
    ("harapan", "singleline", ""),
]


def create() -> dict:
    from django.utils import timezone
    from wagtail.models import Locale

    from bench.models import BenchFormField, BenchFormPage
    from cms.demo import seed_home_pages, seed_regions
    from cms.models import Region, School
    from surveys.blocks import definition_value
    from surveys.models import SurveyIndexPage, SurveyPage
    from surveys.services import generate_codes

    seed_regions()
    home = seed_home_pages()
    index = home.add_child(instance=SurveyIndexPage(title="Survei", slug="survei", locale=home.locale))
    index.save_revision().publish()
    survey = index.add_child(
        instance=SurveyPage(
            title="Survei Tolok Ukur",
            slug="tolok-ukur",
            introduction="Survei untuk mengukur kecepatan server.",
            assent_text="Tanpa nama.",
            opens_at=timezone.now() - datetime.timedelta(days=1),
            definition=definition_value(DEFINITION),
            locale=Locale.get_default(),
        )
    )
    survey.save_revision().publish()
    school = School.objects.create(
        name="SMP Tolok Ukur", level="SMP", status="negeri", kelurahan=Region.objects.kelurahan().first()
    )
    codes = generate_codes(
        survey, school, count=50, max_uses=100_000, expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    form_page = BenchFormPage(title="Formulir Tolok Ukur", slug="formulir-tolok-ukur", locale=home.locale)
    for order, (label, kind, choices) in enumerate(FORM_FIELDS):
        form_page.form_fields.add(
            BenchFormField(sort_order=order, label=label, field_type=kind, choices=choices, required=False)
        )
    home.add_child(instance=form_page)
    form_page.save_revision().publish()
    form_page.refresh_from_db()
    return {
        "survey_url": survey.url,
        "sections": len(DEFINITION),
        "kecamatan": Region.objects.kecamatan().values_list("pk", flat=True).first(),
        "class_codes": [code.code for code in codes],
        "form_url": form_page.url,
        "form_fields": [(field.clean_name, field.field_type, field.choices) for field in form_page.form_fields.all()],
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(create()))
