"""Time the officials' results dashboard on PostgreSQL with 200,000 (then 1,000,000) children's responses.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/suara_speed_bench SUARA_ENV=dev \\
        /work/main/.venv/bin/python bench/dashboard.py --responses 200000 --rounds 1 5

Creates the database, migrates it, loads a survey from the question bank and ``responses`` synthetic
responses per round with COPY (about 15 answers each), folds them into the dashboards' rollup with
``refresh_results`` (timed), adds ``--tail`` more responses to the first survey that stay above the rollup's
watermark (counted live, as between two refreshes), then times, in the same run, the real dashboard code
(``surveys.results.pages``: charts and respondent count) for the first survey (no filter; kecamatan + sex filter;
school + age band filter; breakdown by kecamatan; a date filter, which is always counted live) beside the raw
SQL GROUP BY over every answer that gives the same numbers, and checks the numbers agree (unfiltered and
kecamatan + sex). ``--rounds 1 5`` repeats the timing after growing the data to 5 rounds of the same size (one
more survey per round, as a city's data grows). The database is dropped at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
os.environ.setdefault("SUARA_ENV", "dev")

RAW_SQL = """
SELECT a.question_code, a.choice_code, COUNT(DISTINCT a.response_id)
FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id
WHERE r.survey_id = %s AND a.choice_code IS NOT NULL
GROUP BY a.question_code, a.choice_code
"""
RAW_SQL_FILTERED = """
SELECT a.question_code, a.choice_code, COUNT(DISTINCT a.response_id)
FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id
LEFT JOIN cms_school s ON s.id = r.school_id LEFT JOIN cms_region l ON l.id = s.kelurahan_id
WHERE r.survey_id = %s AND a.choice_code IS NOT NULL AND r.sex = %s
  AND (r.kecamatan_id = %s OR (r.kecamatan_id IS NULL AND l.parent_id = %s))
GROUP BY a.question_code, a.choice_code
"""
AGES = ["0-9", "10-12", "13-15", "16-17", ""]
SEXES = ["female", "male", "prefer_not_to_say", ""]


def create_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not name.startswith(("suara_dashboards", "suara_speed_")):
        raise SystemExit("the benchmark database name must start with suara_dashboards or suara_speed_")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    parsed = urlparse(url)
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}"')


def make_survey(number: int):
    from django.utils import timezone
    from wagtail.models import Locale

    from cms.models import HomePage
    from surveys.demo import seed_index
    from surveys.question_bank import get_module
    from surveys.services import create_survey_from_bank, record_version

    home = HomePage.objects.get(locale=Locale.get_default())
    index = seed_index(home)
    opens = timezone.make_aware(datetime.datetime(2020 + number, 1, 1))
    survey = create_survey_from_bank(
        get_module("keamanan-perundungan"),
        index,
        slug=f"bench-{number}",
        publish=True,
        titles={"id": f"Survei {2020 + number}", "en": f"Survey {2020 + number}"},
        opens_at=opens,
    ).specific
    return survey, record_version(survey)


def load_responses(survey, version, count: int, first_id: int, rng: random.Random) -> int:
    """COPY ``count`` responses and their answers; returns the number of answers written."""
    from django.db import connection

    from cms.models import Region, School

    kecamatan = list(Region.objects.kecamatan().values_list("pk", flat=True))
    schools = list(School.objects.values_list("pk", "level", "kelurahan__parent_id"))
    questions = [q for q in version.get_definition().questions() if q.is_choice]
    choices = {q.code: [c.code for c in q.answer_choices()] for q in questions}
    day0 = datetime.date(2020 + int(survey.slug.rsplit("-", 1)[1]), 8, 1)
    connection.ensure_connection()
    raw = connection.connection
    answers_written = 0
    batch = 50_000
    for start in range(0, count, batch):
        responses, answers = io.StringIO(), io.StringIO()
        for i in range(start, min(start + batch, count)):
            pk = first_id + i
            school = rng.choice(schools) if schools and rng.random() < 0.9 else None
            school_id = str(school[0]) if school else "\\N"
            level = school[1] if school else ""
            kec = school[2] if school and rng.random() < 0.95 else rng.choice(kecamatan)
            day = day0 + datetime.timedelta(days=rng.randrange(90))
            responses.write(
                f"{pk}\t{survey.pk}\t{version.pk}\t{school_id}\t{level}\t{kec}\t{rng.choice(AGES)}\t"
                f"{rng.choice(SEXES)}\t{day.isoformat()}\t{uuid.UUID(int=rng.getrandbits(128), version=4)}\n"
            )
            for question in questions:
                if rng.random() < 0.2:
                    continue
                codes = choices[question.code]
                picked = {rng.choice(codes) for _ in range(2)} if question.is_multiple else {rng.choice(codes)}
                for code in picked:
                    answers.write(f"{pk}\t{question.code}\t{code}\t\n")
                    answers_written += 1
        with raw.cursor() as cursor:
            with cursor.copy(
                "COPY surveys_response (id, survey_id, version_id, school_id, school_level, kecamatan_id, "
                "age_band, sex, submitted_on, submission_token) FROM STDIN"
            ) as copy:
                copy.write(responses.getvalue())
            with cursor.copy(
                "COPY surveys_answer (response_id, question_code, choice_code, text_value) FROM STDIN"
            ) as copy:
                copy.write(answers.getvalue())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('surveys_response', 'id'), (SELECT MAX(id) FROM surveys_response))"
        )
    return answers_written


def timed(function, repeat: int = 3) -> tuple[float, object]:
    durations, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations), result


def measure(survey) -> dict[str, float]:
    from django.db import connection

    from cms.models import Region, School
    from surveys.results import pages as results
    from surveys.results.counting import PART_KEY, ResultFilter, question_tables

    kecamatan = Region.objects.kecamatan().order_by("code").first()
    school = School.objects.order_by("pk").first()
    by_kecamatan_and_sex = ResultFilter(kecamatan=kecamatan.code, sex="female")
    first_day = survey.responses.order_by("submitted_on").values_list("submitted_on", flat=True).first()
    scopes = {
        "dashboard, no filter": results.Scope(survey),
        "dashboard, kecamatan + sex filter": results.Scope(survey, by_kecamatan_and_sex),
        "dashboard, school + age band filter": results.Scope(survey, ResultFilter(school=school.pk, age_band="13-15")),
        "dashboard, breakdown by kecamatan": results.Scope(survey, by="kecamatan"),
        "dashboard, date filter (counted live)": results.Scope(
            survey, ResultFilter(start=first_day, end=first_day + datetime.timedelta(days=29))
        ),
    }
    figures = {}
    for label, scope in scopes.items():
        figures[label], _charts = timed(
            lambda scope=scope: (results.question_charts(scope), results.respondent_count(scope))
        )

    def raw(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    figures["raw SQL GROUP BY"], rows = timed(lambda: raw(RAW_SQL, [survey.pk]))
    figures["raw SQL GROUP BY, kecamatan + sex"], filtered_rows = timed(
        lambda: raw(RAW_SQL_FILTERED, [survey.pk, "female", kecamatan.pk, kecamatan.pk])
    )
    questions = results.choice_questions(survey)
    checks = [
        (question_tables(survey, questions), ALL_ROW, rows),
        (question_tables(survey, questions, where=by_kecamatan_and_sex), PART_KEY, filtered_rows),
    ]
    for tables, row, sql_rows in checks:
        from_sql = {(q, c): n for q, c, n in sql_rows}
        for code, pair in tables.items():
            view = pair.view
            for choice, n in zip(view.columns, view.cells[view.rows.index(row)], strict=True):
                if from_sql.get((code, choice), 0) != n:
                    raise SystemExit(f"mismatch {code}/{choice}: dashboard {n}, SQL {from_sql.get((code, choice), 0)}")
    return figures


ALL_ROW = "all"


def refresh_all() -> float:
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("refresh_results", stdout=io.StringIO())
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE surveys_answerrollup")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=200_000, help="responses per round")
    parser.add_argument("--rounds", type=int, nargs="+", default=[1, 5], help="time after this many rounds")
    parser.add_argument("--tail", type=int, default=1_000, help="responses of the first survey left uncounted")
    parser.add_argument("--keep", action="store_true")
    arguments = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database named suara_dashboards...")
    create_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        call_command("migrate", verbosity=0)
        from cms.demo import seed_home_pages, seed_regions, seed_schools

        seed_regions()
        seed_home_pages()
        seed_schools()
        rng = random.Random(2026)
        first, loaded_rounds, next_id = None, 0, 1
        for target in sorted(arguments.rounds):
            while loaded_rounds < target:
                loaded_rounds += 1
                survey, version = make_survey(loaded_rounds)
                first = first or survey
                started = time.perf_counter()
                answers = load_responses(survey, version, arguments.responses, next_id, rng)
                next_id += arguments.responses
                print(
                    f"round {loaded_rounds}: {arguments.responses:,} responses, {answers:,} answers loaded in {time.perf_counter() - started:.1f} s"
                )
            print(f"refresh_results (rollup of every new response): {refresh_all():.1f} s")
            load_responses(first, first.versions.first(), arguments.tail, next_id, rng)
            next_id += arguments.tail
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE surveys_response")
                cursor.execute("VACUUM ANALYZE surveys_answer")
            total = next_id - 1
            from surveys.models import Response
            from surveys.results.models import RollupWatermark

            watermark = RollupWatermark.objects.get(survey=first).response_id
            tail = Response.objects.filter(survey=first, pk__gt=watermark).count()
            print(
                f"\n== {total:,} responses in the database, timing survey '{first.title}' "
                f"({first.responses.count():,} responses, {tail:,} of them above the rollup's watermark) =="
            )
            for label, seconds in measure(first).items():
                print(f"{label:40s} {seconds * 1000:8.0f} ms")
            print("numbers of the dashboard and of the raw SQL agree")
    finally:
        if not arguments.keep:
            drop_database(url)


if __name__ == "__main__":
    main()
