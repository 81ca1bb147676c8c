"""The dashboards' pre-counted rollup plus the live tail gives exactly the numbers of a GROUP BY over every answer."""

import datetime
import itertools
import threading
import uuid
from dataclasses import replace

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Sum

from cms.models import Region, School, SchoolLevel, SchoolStatus
from surveys.models import Audience, Response
from surveys.results import rollup
from surveys.results.counting import BREAKDOWNS, ResultFilter, _submissions, question_tables
from surveys.results.models import AnswerRollup, AnswerTotal, RollupWatermark
from surveys.services import current_version, submit_response

CODES = ("bullied", "safe_school", "bullied_where", "told_someone")
AGES = ("0-9", "13-15", "")
SEXES = ("female", "male", "")
#: Days on both edges of months, so a group of respondents spans several months.
DAYS = (datetime.date(2026, 7, 31), datetime.date(2026, 8, 1), datetime.date(2026, 8, 31), datetime.date(2026, 9, 15))
MONTHS = [
    (None, None),
    (datetime.date(2026, 8, 1), None),
    (None, datetime.date(2026, 8, 31)),
    (datetime.date(2026, 8, 1), datetime.date(2026, 8, 31)),
    (datetime.date(2026, 7, 1), datetime.date(2026, 8, 31)),
    (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
]


@pytest.fixture
def far_school(regions):
    """A school in another kecamatan than the ``school`` fixture's."""
    first = Region.objects.kelurahan().first()
    kelurahan = Region.objects.kelurahan().exclude(parent=first.parent).first()
    return School.objects.create(
        name="SMA Seberang", level=SchoolLevel.SMA, status=SchoolStatus.PUBLIC, kelurahan=kelurahan
    )


@pytest.fixture
def answer_mix(answer_survey, school, other_school, far_school):
    """Store responses spread over every dimension a filter can take; ``round`` varies the answers."""
    kecamatan = list(Region.objects.kecamatan().order_by("code")[:2])
    places = [
        {"school": school, "school_level": school.level, "kecamatan": school.kelurahan.parent},
        {"school": other_school, "school_level": other_school.level, "kecamatan": None},
        {"school": far_school, "school_level": far_school.level, "kecamatan": kecamatan[0]},
        {"school": None, "school_level": "", "kecamatan": kecamatan[1]},
        {"school": None, "school_level": "", "kecamatan": None},
    ]
    answers = [
        {"bullied": "no", "safe_school": "4"},
        {"bullied": "yes", "bullied_where": ["classroom", "online"], "told_someone": "no"},
        {"bullied": "yes", "bullied_where": ["online"], "safe_school": "1"},
        {"safe_school": "prefer_not_to_say"},
    ]

    def store(survey, round_: int = 0) -> None:
        for number, (place, age, sex) in enumerate(itertools.product(places, AGES, SEXES)):
            given = answers[(number + round_) % len(answers)]
            day = DAYS[(number + 2 * round_) % len(DAYS)]
            answer_survey(survey, 1 + (number + round_) % 4, given, day=day, age_band=age, sex=sex, **place)

    return store


def filters(school, far_school) -> list[ResultFilter]:
    """Every combination of one value per filter dimension, or none."""
    kecamatan = ("", far_school.kelurahan.parent.code, school.kelurahan.parent.code)
    kelurahan = ("", school.kelurahan.code)
    schools = (None, far_school.pk)
    levels = ("", SchoolLevel.SD)
    return [
        ResultFilter(kecamatan=kec, kelurahan=kel, school=sch, school_level=level, age_band=age, sex=sex)
        for kec, kel, sch, level, age, sex in itertools.product(kecamatan, kelurahan, schools, levels, AGES[1:], SEXES)
    ] + [ResultFilter()]


def figures(survey, where=ResultFilter(), by=None):  # noqa: B008
    """Every count a dashboard view is built from, before suppression and rounding: each question's table, all the
    survey's submissions, and the submissions the view keeps (with and without an answer) in each group."""
    definition = survey.get_definition()
    tables = question_tables(survey, [definition.question(code) for code in CODES], where=where, by=by)
    submissions = _submissions(survey, where, by)
    kept = [submissions[key][1] for key in sorted(submissions) if submissions[key][1]]
    counted = [sum(every for every, _kept in submissions.values()), *kept]
    return {code: pair.view for code, pair in tables.items()}, counted


def live_figures(monkeypatch, survey, **options):
    with monkeypatch.context() as patch:
        patch.setattr(rollup, "is_rolled_up", lambda survey, where: False)
        return figures(survey, **options)


def assert_same_as_live(monkeypatch, survey, views):
    for where, by in views:
        assert figures(survey, where, by) == live_figures(monkeypatch, survey, where=where, by=by), (where, by)


def assert_totals_are_the_sums_of_the_groups(survey):
    keys = ("question_code", "choice_code", "month")
    groups = AnswerRollup.objects.filter(survey=survey).values(*keys).annotate(sum_n=Sum("n")).order_by(*keys)
    totals = AnswerTotal.objects.filter(survey=survey).values(*keys).annotate(sum_n=Sum("n")).order_by(*keys)
    assert list(groups) == list(totals) != []


def test_rollup_plus_tail_equals_a_live_group_by_for_every_filter_and_breakdown(
    monkeypatch, survey, answer_mix, school, far_school
):
    answer_mix(survey)
    done = rollup.refresh(survey)
    answer_mix(survey, round_=1)  # the tail, above the watermark
    assert done.responses == Response.objects.filter(survey=survey, pk__lte=done.watermark).count() > 0
    assert Response.objects.filter(survey=survey, pk__gt=done.watermark).exists()
    views = [(where, None) for where in filters(school, far_school)]
    views += [(where, by) for by in BREAKDOWNS for where in (ResultFilter(), ResultFilter(sex="female"))]
    assert_same_as_live(monkeypatch, survey, views)


def test_a_view_of_whole_months_from_the_rollup_equals_the_live_count(
    monkeypatch, survey, answer_mix, school, far_school
):
    """Every filter and breakdown, with every kind of month range, on responses sent on both edges of months."""
    answer_mix(survey)
    rollup.refresh(survey)
    answer_mix(survey, round_=1)
    assert AnswerRollup.objects.filter(survey=survey).values("month").distinct().count() == 3
    assert_totals_are_the_sums_of_the_groups(survey)
    views = [
        (replace(where, start=start, end=end), by)
        for start, end in MONTHS[1:]
        for where, by in [(where, None) for where in filters(school, far_school)[::5]]
        + [(ResultFilter(), by) for by in (None, *BREAKDOWNS)]
        + [(ResultFilter(kecamatan=far_school.kelurahan.parent.code, sex="female"), by) for by in BREAKDOWNS]
    ]
    assert all(rollup.is_rolled_up(survey, where) for where, _by in views)
    assert_same_as_live(monkeypatch, survey, views)


def test_the_rollup_is_read_not_the_answers(monkeypatch, survey, answer_mix):
    """If the dashboard recounted every answer, doubling the rollup's rows would change nothing; also for a view
    of whole months, and for the respondents it keeps (not only the whole survey)."""
    answer_mix(survey)
    rollup.refresh(survey)
    august = ResultFilter(start=datetime.date(2026, 8, 1), end=datetime.date(2026, 8, 31), sex="female")
    before, before_august = figures(survey), figures(survey, august)
    assert rollup.is_rolled_up(survey, august) and before_august[1][0] > 0
    for row in [*AnswerRollup.objects.filter(survey=survey), *AnswerTotal.objects.filter(survey=survey)]:
        row.pk = None
        row.save()
    doubled, doubled_august = figures(survey), figures(survey, august)
    assert doubled[1] == [2 * n for n in before[1]]
    assert doubled[0]["bullied"].grand_total == 2 * before[0]["bullied"].grand_total
    assert doubled_august[1] == [2 * n for n in before_august[1]]


def test_refreshes_fold_the_tail_in_and_merge_rows(monkeypatch, survey, answer_mix, school, far_school):
    answer_mix(survey)
    rollup.refresh(survey)
    rows_after_one_round = AnswerRollup.objects.filter(survey=survey).count()
    for round_ in range(1, rollup.MERGE_EVERY + 1):
        answer_mix(survey, round_=round_)
        done = rollup.refresh(survey)
    assert done.watermark == Response.objects.filter(survey=survey).order_by("-pk").first().pk
    assert not Response.objects.filter(survey=survey, pk__gt=done.watermark).exists()
    assert RollupWatermark.objects.get(survey=survey).merges == 0
    rows = AnswerRollup.objects.filter(survey=survey)
    keys = ("question_code", "choice_code", "kecamatan", "school", "school_level", "age_band", "sex", "month")
    assert rows.count() == rows.values(*keys).distinct().count() >= rows_after_one_round
    totals = AnswerTotal.objects.filter(survey=survey)
    assert totals.count() == totals.values("question_code", "choice_code", "month").distinct().count()
    assert_totals_are_the_sums_of_the_groups(survey)
    assert_same_as_live(monkeypatch, survey, [(where, None) for where in filters(school, far_school)[::7]])
    assert rollup.refresh(survey).responses == 0


def test_a_reader_publishes_waiting_responses_only_once_k_of_them_wait(survey, answer_survey):
    """Results change only by whole batches: one child's answers never show on their own."""
    answer_survey(survey, 4, {"bullied": "no"})
    _tables, before = figures(survey)
    assert not any(before), "four responses are not a batch of five: nothing is published yet"
    assert RollupWatermark.objects.get(survey=survey).response_id == 0
    answer_survey(survey, 1, {"bullied": "yes"})
    _tables, after = figures(survey)
    assert sum(after) == 2 * 5, "the fifth publishes all five (every submission, and those the view keeps)"
    assert RollupWatermark.objects.get(survey=survey).response_id == Response.objects.order_by("-pk").first().pk
    answer_survey(survey, 4, {"bullied": "yes"})
    assert figures(survey)[1] == after, "four more wait for a fifth"


def test_a_reader_folds_at_most_a_chunk_of_a_long_tail_and_never_less_than_a_batch(monkeypatch, survey, answer_survey):
    answer_survey(survey, 5, {"bullied": "no"})
    rollup.publish(survey)
    answer_survey(survey, 10, {"bullied": "yes"})
    monkeypatch.setattr(rollup, "AUTO_REFRESH_LIMIT", 6)
    ids = list(Response.objects.filter(survey=survey).order_by("pk").values_list("pk", flat=True))
    with rollup.reading(survey, ResultFilter()) as snapshot:
        assert snapshot.watermark == ids[5 + 6 - 1], "six of the ten waiting, at most a chunk at a time"
    with rollup.reading(survey, ResultFilter()) as snapshot:
        assert snapshot.watermark == ids[5 + 6 - 1], "the four left are less than a batch"
    monkeypatch.setattr(rollup, "AUTO_REFRESH_LIMIT", 2)
    answer_survey(survey, 1, {"bullied": "yes"})
    with rollup.reading(survey, ResultFilter()) as snapshot:
        newest = Response.objects.filter(survey=survey).order_by("-pk").first().pk
        assert snapshot.watermark == newest, "a chunk of two would be under a batch: the five waiting are folded"
    assert_same_as_live(monkeypatch, survey, [(ResultFilter(), None), (ResultFilter(sex="female"), "sex")])


def test_deleting_a_counted_response_drops_the_rollup(monkeypatch, survey, answer_mix):
    answer_mix(survey)
    rollup.refresh(survey)
    counted = Response.objects.filter(survey=survey).first()
    counted.delete()
    assert not RollupWatermark.objects.filter(survey=survey).exists()
    assert not AnswerRollup.objects.filter(survey=survey).exists()
    assert_same_as_live(monkeypatch, survey, [(ResultFilter(), None), (ResultFilter(sex="female"), "age_band")])
    rollup.refresh(survey)
    assert_same_as_live(monkeypatch, survey, [(ResultFilter(), None), (ResultFilter(sex="female"), "age_band")])


def test_deleting_a_tail_response_keeps_the_rollup(monkeypatch, survey, answer_mix):
    answer_mix(survey)
    rollup.refresh(survey)
    answer_mix(survey, round_=2)
    Response.objects.filter(survey=survey).order_by("-pk").first().delete()
    assert RollupWatermark.objects.filter(survey=survey).exists()
    assert_same_as_live(monkeypatch, survey, [(ResultFilter(), None), (ResultFilter(age_band="13-15"), "sex")])


def test_changing_a_counted_response_drops_the_rollup(monkeypatch, survey, answer_mix):
    answer_mix(survey)
    rollup.refresh(survey)
    counted = Response.objects.filter(survey=survey, sex="male").first()
    counted.sex = "female"
    counted.save()
    assert not RollupWatermark.objects.filter(survey=survey).exists()
    assert_same_as_live(monkeypatch, survey, [(ResultFilter(sex="female"), None), (ResultFilter(), "sex")])


def test_deleting_a_school_drops_the_rollups_that_counted_it(monkeypatch, survey, answer_mix, school, far_school):
    answer_mix(survey)
    rollup.refresh(survey)
    kecamatan = far_school.kelurahan.parent.code
    far_school.delete()
    assert not RollupWatermark.objects.filter(survey=survey).exists()
    assert_same_as_live(monkeypatch, survey, [(ResultFilter(kecamatan=kecamatan), None), (ResultFilter(), "kecamatan")])


def test_dates_within_a_month_and_school_questionnaires_are_counted_live(survey, make_survey):
    for start, end in [(datetime.date(2026, 1, 2), None), (None, datetime.date(2026, 8, 30))]:
        with rollup.reading(survey, ResultFilter(start=start, end=end)) as snapshot:
            assert snapshot is None
    schools = make_survey(slug="kuesioner-sekolah", audience=Audience.SCHOOLS)
    assert not rollup.is_rolled_up(schools, ResultFilter())
    assert rollup.is_rolled_up(survey, ResultFilter(sex="female"))


def test_refresh_results_command_refreshes_and_rebuilds(survey, answer_mix, capsys):
    answer_mix(survey)
    stored = Response.objects.filter(survey=survey).count()
    call_command("refresh_results")
    assert f"{stored} responses counted" in capsys.readouterr().out
    call_command("refresh_results", survey=[survey.pk])
    assert "0 responses counted" in capsys.readouterr().out
    call_command("refresh_results", rebuild=True)
    assert f"{stored} responses counted" in capsys.readouterr().out
    counted = AnswerRollup.objects.filter(survey=survey, question_code="").aggregate(n=Sum("n"))["n"]
    assert counted == stored


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite has one writer at a time: nothing is in flight")
@pytest.mark.django_db(transaction=True)
def test_a_refresh_waits_for_a_submission_in_flight_so_none_is_skipped(survey):
    """A response holding a lower id but committing after a newer one must not fall under the watermark unseen."""
    current_version(survey)  # the version row exists before the two transactions overlap
    inserted, release = threading.Event(), threading.Event()
    pending = []

    def slow_submission():
        try:
            with transaction.atomic():
                pending.append(submit_response(survey, token=uuid.uuid4(), answers={"bullied": "no"})[0].pk)
                inserted.set()
                release.wait(timeout=10)
        finally:
            connection.close()

    thread = threading.Thread(target=slow_submission)
    thread.start()
    assert inserted.wait(timeout=10)
    newer, _created = submit_response(survey, token=uuid.uuid4(), answers={"bullied": "yes"})
    assert newer.pk > pending[0]
    threading.Timer(1.0, release.set).start()
    done = rollup.refresh(survey, batch=False)  # waits for the slow submission to commit before reading the highest id
    thread.join(timeout=10)
    assert done.watermark == newer.pk
    assert done.responses == 2


def test_the_rollup_sql_takes_its_table_names_from_the_models():
    import inspect

    from surveys.models import Answer, Response

    assert "surveys_" not in inspect.getsource(rollup), "table names come from _meta"
    folds = [sql for statements in rollup.FOLD.values() for sql in statements]
    statements = (*folds, *rollup._MERGE, *rollup._MERGE_TOTALS, rollup._TOTAL, rollup._LAST_ROW)
    assert all("{" not in sql for sql in (*statements, rollup._WATERMARK, rollup._LOCK_RESPONSES))
    assert all(Answer._meta.db_table in sql and Response._meta.db_table in sql for sql in folds[::3])
    assert AnswerRollup._meta.db_table in rollup._MERGE[1] and AnswerTotal._meta.db_table in rollup._MERGE_TOTALS[1]
    assert set(rollup.FOLD) == {"postgresql", "sqlite"}
