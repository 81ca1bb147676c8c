"""Time the officials' results dashboard on PostgreSQL against the raw SQL giving the same numbers.

    flock /tmp/suara-bench.lock env DATABASE_URL=postgres://postgres@127.0.0.1:5432/suara_speed_bench SUARA_ENV=dev \\
        .venv/bin/python -u bench/dashboard.py --responses 1000000 --rounds 1

Creates the database, migrates it, loads a survey from the question bank and ``responses`` synthetic
responses per round with COPY (about 15 answers each, submitted over three months), folds them into the
dashboards' rollup with ``refresh_results`` (timed), adds ``--tail`` more responses to the first survey above
the rollup's watermark (a waiting batch, which the first view publishes as readers do), then times, for the first survey,
every view of the results form (:func:`form_views`: no filter, each filter of the form alone, kecamatan + sex, a
range of two months, each breakdown) through the real dashboard code (``surveys.results.pages``: charts and
respondent count, the form's own filter) beside the raw SQL GROUP BY over every answer that yields the same
numbers (:func:`raw_sql`), and checks that every number of the view equals the raw SQL's. ``--rounds 1 5``
repeats the timing after growing the data to 5 rounds of the same size (one more survey per round, as a city's
data grows). The database is dropped at the end unless ``--keep``; its name must start with ``suara_speed_`` or
``suara_dashboards``.
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


def form_views(survey) -> dict[str, dict[str, str]]:
    """The views timed, as the results form's query strings: none; each filter of the form alone (every field but
    the survey and the breakdown, enumerated from the form, so a new filter is timed too); kecamatan + sex; a
    range of two months; and each breakdown."""
    from django import forms

    from cms.models import School
    from surveys.results.forms import MonthField, ResultFilterForm

    form = ResultFilterForm()
    first_day = survey.responses.order_by("submitted_on").values_list("submitted_on", flat=True).first()
    second_month = (first_day.replace(day=1) + datetime.timedelta(days=31)).replace(day=1)
    school = School.objects.order_by("pk").first()
    values = {}
    for name, field in form.fields.items():
        if name in ("survei", "rinci"):
            continue
        if isinstance(field, MonthField):
            values[name] = f"{second_month:%Y-%m}" if name == "dari" else f"{first_day:%Y-%m}"
        elif name == "kelurahan":
            values[name] = school.kelurahan.code
        elif isinstance(field, forms.ModelChoiceField):
            values[name] = str(school.pk)
        elif isinstance(field, forms.ChoiceField):
            values[name] = next(str(value) for value, _label in field.choices if value)
        else:
            raise SystemExit(f"the benchmark does not know how to fill the form's field {name!r}")
    views = {"no filter": {}}
    views.update({f"{name}={value}": {name: value} for name, value in values.items()})
    views["kecamatan + sex"] = {"kecamatan": values["kecamatan"], "jk": "female"}
    views["two months"] = {"dari": f"{first_day:%Y-%m}", "sampai": f"{second_month:%Y-%m}"}
    views.update({f"breakdown by {by}": {"rinci": by} for by, _label in form.fields["rinci"].choices if by})
    return {label: {"survei": str(survey.pk), **query} for label, query in views.items()}


def raw_sql(survey, where, by: str | None) -> tuple[str, list]:
    """The GROUP BY over every answer that gives a view's numbers: per question and choice (and group), the
    respondents the filter keeps. Written out by hand from the filter, not by the dashboard's code. A choice is
    stored once per response, so COUNT(*) is the number of respondents (faster than COUNT(DISTINCT), so the
    comparison is the stricter one)."""
    from cms.models import Region

    conditions, params = ["r.survey_id = %s", "a.choice_code IS NOT NULL"], [survey.pk]
    joins = ""
    if where.kecamatan or where.kelurahan or by == "kecamatan":
        joins = " LEFT JOIN cms_school s ON s.id = r.school_id LEFT JOIN cms_region l ON l.id = s.kelurahan_id"
    if where.kecamatan:
        kecamatan = Region.objects.get(code=where.kecamatan).pk
        conditions.append("(r.kecamatan_id = %s OR (r.kecamatan_id IS NULL AND l.parent_id = %s))")
        params += [kecamatan, kecamatan]
    if where.kelurahan:
        conditions.append("s.kelurahan_id = %s")
        params.append(Region.objects.get(code=where.kelurahan).pk)
    for column, value in (
        ("r.school_id = %s", where.school),
        ("r.school_level = %s", where.school_level),
        ("r.age_band = %s", where.age_band),
        ("r.sex = %s", where.sex),
        ("r.submitted_on >= %s", where.start),
        ("r.submitted_on <= %s", where.end),
    ):
        if value:
            conditions.append(column)
            params.append(value)
    group = {
        None: "",
        "kecamatan": ", COALESCE(r.kecamatan_id, l.parent_id)",
        "age_band": ", r.age_band",
        "sex": ", r.sex",
    }
    sql = (
        f"SELECT a.question_code, a.choice_code{group[by]}, COUNT(*)"  # noqa: S608 (fixed text, values are parameters)
        f" FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id{joins}"
        f" WHERE {' AND '.join(conditions)} GROUP BY 1, 2{', 3' if by else ''}"
    )
    return sql, params


def check(label: str, tables, rows, where, by: str | None) -> None:
    """Every cell of the view (the filtered row, or every group of a breakdown) equals the raw SQL's."""
    from cms.models import Region
    from surveys.results.counting import PART_KEY, REST_KEY, UNKNOWN_KEY
    from surveys.results.suppression import ALL_KEY

    codes = dict(Region.objects.kecamatan().values_list("pk", "code"))
    if by:
        expected = {(q, c, (codes.get(g) if by == "kecamatan" else g) or UNKNOWN_KEY): n for q, c, g, n in rows}
    else:
        expected = {(q, c, PART_KEY if not where.is_empty() else ALL_KEY): n for q, c, n in rows}
    compared = 0
    for code, pair in tables.items():
        view = pair.view
        for row, cells in zip(view.rows, view.cells, strict=True):
            if row == REST_KEY:
                continue
            for choice, n in zip(view.columns, cells, strict=True):
                compared += 1
                if expected.get((code, choice, row), 0) != n:
                    raise SystemExit(
                        f"{label}: {code}/{choice}/{row}: dashboard {n}, SQL {expected.get((code, choice, row), 0)}"
                    )
    if compared == 0 or sum(expected.values()) == 0:
        raise SystemExit(f"{label}: nothing compared")


def measure(survey) -> list[tuple[str, float, float]]:
    """Per view: the dashboard's time (charts and respondent count), the raw SQL's time, numbers checked equal."""
    from django.db import connection

    from surveys.results import pages as results
    from surveys.results.counting import question_tables
    from surveys.results.forms import ResultFilterForm

    def raw(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    questions = results.choice_questions(survey)
    results.question_charts(results.Scope(survey))  # the first charts of a process load plotly's classes: not timed
    figures = []
    for label, query in form_views(survey).items():
        form = ResultFilterForm(query)
        if not form.is_valid():
            raise SystemExit(f"{label}: the form refuses {query}: {form.errors}")
        where, by = form.result_filter(), form.breakdown()
        scope = results.Scope(survey, where, by=by, area=form.describe(), part_label=form.name())
        dashboard, _charts = timed(
            lambda scope=scope: (results.question_charts(scope), results.respondent_count(scope))
        )
        sql, params = raw_sql(survey, where, by)
        seconds, rows = timed(lambda sql=sql, params=params: raw(sql, params))
        check(label, question_tables(survey, questions, where=where, by=by), rows, where, by)
        figures.append((label, dashboard, seconds))
    return figures


def refresh_all() -> float:
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("refresh_results", stdout=io.StringIO())
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE surveys_answerrollup")
    return seconds


def report(survey) -> None:
    print(f"load average before timing: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    print(f"{'view (results form)':34s} {'dashboard':>10s} {'raw SQL':>10s}")
    for label, dashboard, seconds in measure(survey):
        print(f"{label:34s} {dashboard * 1000:7.0f} ms {seconds * 1000:7.0f} ms")
    print(f"load average after timing: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    print("numbers of the dashboard and of the raw SQL agree for every view")


def time_again() -> None:
    import django

    django.setup()
    from wagtail.models import Locale

    from surveys.models import SurveyPage

    survey = SurveyPage.objects.get(slug="bench-1", locale=Locale.get_default()).specific
    print(f"== timing survey '{survey.title}' again ({survey.responses.count():,} responses) ==")
    report(survey)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=200_000, help="responses per round")
    parser.add_argument("--rounds", type=int, nargs="+", default=[1, 5], help="time after this many rounds")
    parser.add_argument("--tail", type=int, default=1_000, help="responses of the first survey left uncounted")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--again", action="store_true", help="time a database kept by an earlier run (--keep) again, as it is"
    )
    arguments = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database named suara_dashboards...")
    if arguments.again:
        time_again()
        return
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
            report(first)
    finally:
        if not arguments.keep:
            drop_database(url)


if __name__ == "__main__":
    main()
