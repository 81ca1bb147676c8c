"""Pre-counted answers of children's surveys: a dashboard sums a few thousand rows instead of millions of answers.

:class:`.models.AnswerRollup` holds, per survey, the respondents per question and choice (plus those who
answered each question, every submission, and the submissions without an answer) for each group of respondents: one combination of kecamatan,
school, school level, age band and sex. Each respondent falls in exactly one group, so the sum over the groups a
filter keeps is exactly the count a GROUP BY over the answers would give. The rollup covers the responses up to a
watermark (:class:`.models.RollupWatermark`).

Results are published in batches: every reader (dashboards, the public page, exports, reports) sees the rollup
only, never the responses above the watermark (the tail). The tail is folded in once it holds at least the
survey's k responses (:func:`reading` does it when it finds so many, ``manage.py refresh_results`` too), or
whatever it holds once the survey has closed. So reading a page just before and just after one child submits
shows the same numbers: a change always comes from at least k children at once. Changing or deleting a counted response, or deleting a
school, throws the survey's rollup away (:func:`invalidate`); the dashboards then count live until the next
refresh rebuilds it. Only children's surveys are rolled up: a school's questionnaire is edited in place and has
one response per school. Groups are also split by month of submission, so a filter of whole months (what the
results form asks for) is summed too; a filter with other dates is counted live. The sums over every group, per
question, choice and month, are kept beside the groups (:class:`.models.AnswerTotal`): the whole survey a
filtered view is compared with is read from them, not summed from every group.

Nothing here hides small numbers: the counts go to ``surveys.results.suppression``, which suppresses them.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from django.db import connection, transaction
from django.db.models import Max, OuterRef, Q, Subquery, Sum

from cms.models import Region, School
from surveys.models import Answer, Audience, Response, SurveyPage
from surveys.results.counting import breakdown_group
from surveys.results.models import AnswerRollup, AnswerTotal, RollupWatermark

#: Incremental refreshes appended before the survey's rows are merged into one row per key again.
MERGE_EVERY = 8
#: At most this many responses are folded in by a dashboard view that finds a long tail (about a second's work);
#: the first build of a large survey is the job of ``refresh_results``.
AUTO_REFRESH_LIMIT = 10_000
_LOCK_NAMESPACE = 0x5355  # "SU": PostgreSQL advisory locks of the refresh, one per survey


@dataclass(frozen=True)
class Refreshed:
    survey_id: int
    responses: int
    watermark: int


def is_rolled_up(survey, where) -> bool:
    """Whether counts for this survey and filter may come from the rollup: a children's survey, and dates (if any)
    that cover whole months, as the results form gives them."""
    return survey.audience == Audience.CHILDREN and is_whole_months(where.start, where.end)


def is_whole_months(start: datetime.date | None, end: datetime.date | None) -> bool:
    """Whether ``start`` is the first day of a month and ``end`` the last (either may be open)."""
    return (not start or start.day == 1) and (not end or end.day == calendar.monthrange(end.year, end.month)[1])


def is_months_only(where) -> bool:
    return replace(where, start=None, end=None).is_empty()


def area_filter(where) -> Q:
    """The filter's kecamatan and kelurahan as a ``Q`` on rollup rows, which carry a stored kecamatan and school.

    The area rule of :func:`surveys.models.in_response_area` (the stored kecamatan, else the school's) is asked of
    the stored ids with subqueries on the few regions and schools, each run once, instead of joining every row to
    them. The kecamatan is one value (region codes are unique), compared with ``=``: PostgreSQL computes it first
    and reads that kecamatan's rollup rows by the kecamatan index (30 ms at 1,000,000 responses), where
    ``IN (subquery)`` under the OR is checked row by row over the whole rollup (90 ms).
    """
    condition = Q()
    if where.kecamatan:
        kecamatan = Subquery(Region.objects.filter(code=where.kecamatan).values("pk")[:1])
        condition &= Q(kecamatan=kecamatan) | Q(
            kecamatan__isnull=True,
            school__in=School.objects.filter(kelurahan__parent__code=where.kecamatan).values("pk"),
        )
    if where.kelurahan:
        condition &= Q(school__in=School.objects.filter(kelurahan__code=where.kelurahan).values("pk"))
    return condition


def rolled_filter(where) -> Q:
    """The filter as a ``Q`` on rollup rows (:class:`AnswerRollup`, or :class:`AnswerTotal` for months only)."""
    condition = area_filter(where) & replace(where, start=None, end=None, kecamatan="", kelurahan="").q()
    if where.start:
        condition &= Q(month__gte=where.start)
    if where.end:
        condition &= Q(month__lte=where.end)
    return condition


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _lock(survey_id: int, *, wait: bool) -> bool:
    """Take the survey's refresh lock for this transaction; without ``wait``, False when someone holds it."""
    if not _postgres():
        return True  # SQLite transactions here begin IMMEDIATE: one writer at a time already
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, survey_id])
            return True
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, survey_id])
        return bool(cursor.fetchone()[0])


def settled_response_id(survey_id: int) -> int:
    """The survey's highest response id such that no response with a lower id can still be committed later.

    On PostgreSQL an id is drawn inside an INSERT, which holds the table's ROW EXCLUSIVE lock until its transaction
    ends; a SHARE lock waits for those transactions and keeps new inserts out only while the maximum is read. Under
    SQLite's single writer whatever is committed is settled.
    """
    with transaction.atomic():
        if _postgres():
            with connection.cursor() as cursor:
                cursor.execute(_LOCK_RESPONSES)
        return _newest(survey_id) or 0


# The SQL is plain text so it can be read whole; table names come from the models' metadata.
TABLES = {
    "answer": Answer._meta.db_table,
    "response": Response._meta.db_table,
    "rollup": AnswerRollup._meta.db_table,
    "total": AnswerTotal._meta.db_table,
    "watermark": RollupWatermark._meta.db_table,
}
_COLUMNS = "survey_id, question_code, choice_code, kecamatan_id, school_id, school_level, age_band, sex, month"
_GROUP = "r.survey_id, r.kecamatan_id, r.school_id, r.school_level, r.age_band, r.sex, {month}"
#: The first day of a response's month, as each database writes it.
MONTH = {
    "postgresql": "CAST(date_trunc('month', CAST(r.submitted_on AS timestamp)) AS date)",
    "sqlite": "date(r.submitted_on, 'start of month')",
}
_FOLD = (
    # respondents per question and choice
    """
    INSERT INTO {rollup} ({columns}, n)
    SELECT r.survey_id, a.question_code, a.choice_code, r.kecamatan_id, r.school_id, r.school_level, r.age_band,
        r.sex, {month}, COUNT(*)
    FROM {answer} a JOIN {response} r ON r.id = a.response_id
    WHERE r.survey_id = %(survey)s AND r.id > %(low)s AND r.id <= %(high)s AND a.choice_code IS NOT NULL
    GROUP BY a.question_code, a.choice_code, {group}
    """,
    # respondents who answered each question (choice NULL)
    """
    INSERT INTO {rollup} ({columns}, n)
    SELECT r.survey_id, a.question_code, NULL, r.kecamatan_id, r.school_id, r.school_level, r.age_band, r.sex,
        {month}, COUNT(DISTINCT a.response_id)
    FROM {answer} a JOIN {response} r ON r.id = a.response_id
    WHERE r.survey_id = %(survey)s AND r.id > %(low)s AND r.id <= %(high)s AND a.choice_code IS NOT NULL
    GROUP BY a.question_code, {group}
    """,
    # every submission (question "", choice NULL)
    """
    INSERT INTO {rollup} ({columns}, n)
    SELECT r.survey_id, '', NULL, r.kecamatan_id, r.school_id, r.school_level, r.age_band, r.sex, {month}, COUNT(*)
    FROM {response} r
    WHERE r.survey_id = %(survey)s AND r.id > %(low)s AND r.id <= %(high)s
    GROUP BY {group}
    """,
    # submissions without an answer (question "", choice ""): not respondents (surveys.models.has_answers)
    """
    INSERT INTO {rollup} ({columns}, n)
    SELECT r.survey_id, '', '', r.kecamatan_id, r.school_id, r.school_level, r.age_band, r.sex, {month}, COUNT(*)
    FROM {response} r
    WHERE r.survey_id = %(survey)s AND r.id > %(low)s AND r.id <= %(high)s
        AND NOT EXISTS (SELECT 1 FROM {answer} a WHERE a.response_id = r.id)
    GROUP BY {group}
    """,
)
_TOTAL_COLUMNS = "survey_id, question_code, choice_code, month"
# The sums over every group of the rows a fold has just appended: they are the survey's only rows above ``after``.
_TOTAL = """
    INSERT INTO {total} ({total_columns}, n)
    SELECT {total_columns}, SUM(n) FROM {rollup}
    WHERE survey_id = %(survey)s AND id > %(after)s
    GROUP BY {total_columns}
"""
_MERGE = (
    """
    INSERT INTO {rollup} ({columns}, n)
    SELECT {columns}, SUM(n) FROM {rollup} WHERE survey_id = %(survey)s AND id <= %(top)s GROUP BY {columns}
    """,
    "DELETE FROM {rollup} WHERE survey_id = %(survey)s AND id <= %(top)s",
)
_MERGE_TOTALS = (
    """
    INSERT INTO {total} ({total_columns}, n)
    SELECT {total_columns}, SUM(n) FROM {total} WHERE survey_id = %(survey)s AND id <= %(top)s
    GROUP BY {total_columns}
    """,
    "DELETE FROM {total} WHERE survey_id = %(survey)s AND id <= %(top)s",
)
FOLD = {
    vendor: tuple(
        sql.format(**TABLES, columns=_COLUMNS, month=month, group=_GROUP.format(month=month)) for sql in _FOLD
    )
    for vendor, month in MONTH.items()
}
_MERGE = tuple(sql.format(**TABLES, columns=_COLUMNS) for sql in _MERGE)
_MERGE_TOTALS = tuple(sql.format(**TABLES, total_columns=_TOTAL_COLUMNS) for sql in _MERGE_TOTALS)
_TOTAL = _TOTAL.format(**TABLES, total_columns=_TOTAL_COLUMNS)
_LAST_ROW = "SELECT MAX(id) FROM {rollup}".format(**TABLES)  # noqa: S608
_WATERMARK = "SELECT response_id FROM {watermark} WHERE survey_id = %s".format(**TABLES)  # noqa: S608
_LOCK_RESPONSES = "LOCK TABLE {response} IN SHARE MODE".format(**TABLES)
# For the reading transaction only. A breakdown sums some 10^5-10^6 rollup rows into some 10^4 groups: compiling
# the query (JIT, about 90 ms) costs more than it saves, and with 4 MB the planner sorts the rows on disk instead
# of hashing them in memory (0.5 s against 0.3 s at 1,000,000 responses).
_SUMMING = ("SET LOCAL jit = off", "SET LOCAL work_mem = '32MB'")


def _fold(survey_id: int, low: int, high: int) -> None:
    """Append the counts of the responses ``low < id <= high`` of the survey, one row per key, and their sums over
    every group.

    The rows appended have ids above every row visible before (ids only grow, and the survey's lock keeps other
    refreshes of it out), so they are found by id."""
    with connection.cursor() as cursor:
        cursor.execute(_LAST_ROW)
        after = cursor.fetchone()[0] or 0
        for statement in FOLD[connection.vendor]:
            cursor.execute(statement, {"survey": survey_id, "low": low, "high": high})
        cursor.execute(_TOTAL, {"survey": survey_id, "after": after})


def _merge(survey_id: int) -> None:
    """Replace the survey's appended rows (and their sums) by one row per key: same sums, fewer rows to add up."""
    for model, statements in ((AnswerRollup, _MERGE), (AnswerTotal, _MERGE_TOTALS)):
        top = model.objects.filter(survey_id=survey_id).aggregate(top=Max("id"))["top"]
        if top is None:
            continue
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, {"survey": survey_id, "top": top})


def refresh(survey, *, wait: bool = True, limit: int | None = None, batch: bool = True) -> Refreshed | None:
    """Fold the survey's settled responses above the watermark (at most ``limit``) into the rollup, in one
    transaction.

    With ``batch`` (the default) nothing is folded while fewer than the survey's k responses wait, unless the
    survey has closed (:func:`batch_size`). Concurrent refreshes of one survey queue on a lock; without ``wait``
    this returns None when another is running.
    """
    survey_id = survey.pk
    high = settled_response_id(survey_id)
    with transaction.atomic():
        if not _lock(survey_id, wait=wait):
            return None
        state, _created = RollupWatermark.objects.select_for_update().get_or_create(survey_id=survey_id)
        low, counted = state.response_id, 0
        if limit is not None:
            high = min(high, _newer(survey_id, low, limit) or high)
        if high > low:
            counted = Response.objects.filter(survey_id=survey_id, id__gt=low, id__lte=high).count()
        if high > low and (not batch or counted >= batch_size(survey)):
            _fold(survey_id, low, high)
            state.response_id = high
            state.merges = 0 if low == 0 else state.merges + 1
            if state.merges >= MERGE_EVERY:
                _merge(survey_id)
                state.merges = 0
        else:
            counted = 0
        state.save()
    return Refreshed(survey_id, counted, state.response_id)


def batch_size(survey) -> int:
    """How many new responses the tail must hold before it is published: the survey's k while it is open (so no
    change of any figure comes from fewer than k children), one once it has closed (nobody can add an answer to
    compare with any more, and its last answers must count)."""
    return 1 if not survey.is_open() and survey.closes_at is not None else survey.min_group_size


def invalidate(survey_id: int) -> None:
    """Forget the survey's rollup: its figures are counted live until the next refresh rebuilds it."""
    with transaction.atomic():
        _lock(survey_id, wait=True)
        AnswerRollup.objects.filter(survey_id=survey_id).delete()
        AnswerTotal.objects.filter(survey_id=survey_id).delete()
        RollupWatermark.objects.filter(survey_id=survey_id).delete()


def rebuild(survey) -> Refreshed:
    invalidate(survey.pk)
    return refresh(survey, batch=False)


# Row comparisons on (survey_id, id) can only be answered from the (survey, id) index. With ``survey_id = %s``
# and an ORDER BY id, PostgreSQL may walk the primary key instead, through every newer survey's responses.
_NEWEST = """
    SELECT id FROM {response} WHERE (survey_id, id) > (%(survey)s, 0) AND (survey_id, id) < (%(next)s, 0)
    ORDER BY survey_id DESC, id DESC LIMIT 1
""".format(**TABLES)  # noqa: S608 (model table names; values are parameters)
_NEWER = """
    SELECT id FROM {response} WHERE (survey_id, id) > (%(survey)s, %(low)s) AND (survey_id, id) < (%(next)s, 0)
    ORDER BY survey_id, id LIMIT 1 OFFSET %(skip)s
""".format(**TABLES)  # noqa: S608 (model table names; values are parameters)


def _newest(survey_id: int) -> int | None:
    """The survey's highest response id."""
    with connection.cursor() as cursor:
        cursor.execute(_NEWEST, {"survey": survey_id, "next": survey_id + 1})
        row = cursor.fetchone()
    return row[0] if row else None


def _newer(survey_id: int, low: int, position: int) -> int | None:
    """The id of the survey's ``position``-th response (from 1) above ``low``, or None when there are fewer."""
    with connection.cursor() as cursor:
        cursor.execute(_NEWER, {"survey": survey_id, "low": low, "next": survey_id + 1, "skip": position - 1})
        row = cursor.fetchone()
    return row[0] if row else None


def _watermark(survey_id: int) -> int | None:
    return RollupWatermark.objects.filter(survey_id=survey_id).values_list("response_id", flat=True).first()


@dataclass(frozen=True)
class Snapshot:
    """What a view reads: the survey's rollup, published up to ``watermark``."""

    survey_id: int
    watermark: int


def publish(survey) -> int:
    """Bring the survey's rollup up to date as far as publishing allows, and return its watermark: built when the
    survey has none, and the tail folded in when it holds a whole batch (:func:`batch_size`)."""
    watermark = _watermark(survey.pk)
    if watermark is None or _newer(survey.pk, watermark, batch_size(survey)) is not None:
        chunk = None if watermark is None else max(AUTO_REFRESH_LIMIT, batch_size(survey))
        refreshed = refresh(survey, wait=watermark is None, limit=chunk)
        if refreshed is not None:
            return refreshed.watermark
    return watermark or 0


def published(responses):
    """Of ``responses`` (children's surveys), those published: at or below their survey's watermark. Call
    :func:`publish` for their surveys first; a survey that has never been published has none."""
    watermark = RollupWatermark.objects.filter(survey_id=OuterRef("survey_id")).values("response_id")[:1]
    return responses.filter(id__lte=Subquery(watermark))


@contextmanager
def reading(survey, where) -> Iterator[Snapshot | None]:
    """Where to count: yields a :class:`Snapshot` (count the rollup, which is what is published) or None (count
    every response live: a school questionnaire, or dates that are not whole months).

    The rollup is first brought up to date as far as publishing allows: built if the survey has none, and the
    tail folded in when it holds a whole batch (:func:`batch_size`). The block runs in a transaction holding the
    watermark row share-locked, so no refresh commits between the rollup's sums that make one page.
    """
    if not is_rolled_up(survey, where):
        yield None
        return
    publish(survey)
    with transaction.atomic():
        with connection.cursor() as cursor:
            if _postgres():
                for setting in _SUMMING:
                    cursor.execute(setting)
            cursor.execute(_WATERMARK + (" FOR SHARE" if _postgres() else ""), [survey.pk])
            row = cursor.fetchone()
        if row is None:
            yield None
            return
        yield Snapshot(survey.pk, row[0])


def _summed(rows, fields: Sequence[str], group=None) -> dict[tuple, int]:
    """``SUM(n)`` of the rows per ``fields`` (and ``group``), keyed by their values in that order."""
    extra = {"group": group} if group is not None else {}
    found = rows.order_by().values(*fields, **extra).annotate(sum_n=Sum("n"))
    return {tuple(row[name] for name in (*fields, *extra)): row["sum_n"] for row in found}


def _summed_by(rows, fields: Sequence[str], survey, by: str) -> dict[tuple, int]:
    """``SUM(n)`` of the rows per ``fields`` and group of the breakdown ``by``.

    A kecamatan is read through regions and schools (:func:`~surveys.results.counting.breakdown_group`): rather
    than join every row to them, the rows are summed per stored kecamatan and school first, and each such pair is
    placed once, by the same expression, from the survey's respondent rows (every group of respondents has one).
    """
    if by != "kecamatan":
        return _summed(rows, fields, breakdown_group(by))
    places = (
        AnswerRollup.objects.filter(survey_id=survey.pk, question_code="", choice_code__isnull=True)
        .order_by()
        .annotate(group=breakdown_group(by))
        .values_list("kecamatan", "school", "group")
        .distinct()
    )
    group_of = {(kecamatan, school): group for kecamatan, school, group in places}
    found: dict[tuple, int] = {}
    for key, n in _summed(rows, (*fields, "kecamatan", "school")).items():
        place = (*key[:-2], group_of[key[-2:]])
        found[place] = found.get(place, 0) + n
    return found


def _rows(survey, where, by: str | None, fields: Sequence[str], **lookups) -> list[dict]:
    """Rows shaped like the live GROUP BY rows of ``counting``: ``n`` adds up to the whole survey, ``part`` (with a
    filter) to the filtered respondents, per ``group`` with a breakdown.

    The whole is read from :class:`AnswerTotal`; the filtered respondents from the groups the filter keeps (from
    the totals when the filter is months only), with the filter in WHERE so only those groups are read.
    """
    groups = AnswerRollup.objects.filter(survey_id=survey.pk, **lookups)
    totals = AnswerTotal.objects.filter(survey_id=survey.pk, **lookups)
    filtered = not where.is_empty()
    if by and not filtered:
        found = _summed_by(groups, fields, survey, by)
        return [dict(zip((*fields, "group"), key, strict=True), n=n) for key, n in found.items()]
    whole = _summed(totals, fields)
    if not filtered:
        return [dict(zip(fields, key, strict=True), n=n) for key, n in whole.items()]
    kept = (totals if is_months_only(where) and not by else groups).filter(rolled_filter(where))
    if by:
        found = _summed_by(kept, fields, survey, by)
        return [dict(zip((*fields, "group"), key, strict=True), n=0, part=n) for key, n in found.items()] + [
            dict(zip(fields, key, strict=True), group=None, n=n, part=0) for key, n in whole.items()
        ]
    part = _summed(kept, fields)
    return [dict(zip(fields, key, strict=True), n=n, part=part.get(key, 0)) for key, n in whole.items()]


def counts(survey, codes: Sequence[str], multiple: Sequence[str], where, by: str | None) -> tuple[list, list]:
    """The published counts: rows shaped like ``counting``'s live GROUP BY rows.

    ``by`` names the breakdown (``aggregates.BREAKDOWNS``); its groups are ``aggregates.breakdown_group``'s, as live.
    """
    cells = _rows(
        survey, where, by, ("question_code", "choice_code"), question_code__in=codes, choice_code__isnull=False
    )
    totals = []
    if multiple:
        totals = _rows(survey, where, by, ("question_code",), question_code__in=multiple, choice_code__isnull=True)
    return cells, totals


def submission_counts(survey, where, by: str | None = None) -> list[dict]:
    """The rollup's submissions, shaped like ``counting``'s live rows: ``choice_code`` None for every submission and
    ``""`` for those without an answer, ``n`` adding up to all of them, ``part`` to those the filter keeps, per
    ``group`` with ``by``."""
    return _rows(survey, where, by, ("choice_code",), question_code="")


# Keeping the rollup true ------------------------------------------------------------------------------------


def forget_counted_response(sender, instance: Response, created: bool = False, **kwargs) -> None:
    """A counted response changed or went away: its survey's rollup no longer adds up, so it is dropped."""
    if created:
        return
    if RollupWatermark.objects.filter(survey_id=instance.survey_id, response_id__gte=instance.pk).exists():
        invalidate(instance.survey_id)


def forget_school(sender, instance, **kwargs) -> None:
    """A deleted school leaves its responses without one: every rollup that counted it is dropped."""
    surveys = AnswerRollup.objects.filter(school_id=instance.pk).values_list("survey_id", flat=True).distinct()
    for survey_id in list(surveys):
        invalidate(survey_id)


def refresh_job(survey_id: int, *, full: bool = False) -> str:
    """The background job of ``refresh_results --queue``: refresh (or with ``full`` rebuild) one survey page's rollup."""
    survey = SurveyPage.objects.get(pk=survey_id)
    done = rebuild(survey) if full else refresh(survey)
    return f"{survey.title} (#{survey.pk}): {done.responses} responses counted, watermark {done.watermark}."
