"""Counting children's answers in the database, as tables for :mod:`surveys.results.suppression` to protect.

Every table here is a :class:`~surveys.results.suppression.CountTable` read from responses (and the pre-counted
:mod:`surveys.results.rollup`), handed to :func:`~surveys.results.suppression.suppress` before anyone sees it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms.vocabulary import AgeBand, Sex
from surveys.results.suppression import ALL_KEY, CountTable, SuppressedCell, SuppressedTable, suppress, suppress_count

# Counting in the database ------------------------------------------------------------------------------------
#
# The rule for filters (README, "Results: suppression and charts"): a filtered view is never a table of its own.
# It is the filtered respondents and the rest of the same survey's respondents as rows of one table, suppressed
# together, with the table's totals pinned to the unfiltered display (``suppress(..., known=...)``). So the
# unfiltered page minus the filtered page is the "rest" row, which the same suppression already protects. A
# breakdown (by kecamatan, age band or sex) is one table whose rows are the groups, pinned the same way.

PART_KEY = "_part"
REST_KEY = "_rest"
UNKNOWN_KEY = ""
BREAKDOWNS = ("kecamatan", "kelurahan", "age_band", "sex")


def breakdown_group(by: str, prefix: str = ""):
    """The value a breakdown groups respondents by, read through ``prefix`` (``"response__"`` from an answer).

    By kecamatan it is :func:`surveys.models.response_kecamatan`, the same kecamatan :meth:`ResultFilter.q` keeps,
    so a kecamatan's row of a breakdown counts the respondents a filter on that kecamatan counts. By kelurahan it
    is the school's kelurahan, as :func:`surveys.models.in_response_area` places it (a child never names one).
    """
    from django.db.models import F

    from surveys.models import response_kecamatan

    if by not in BREAKDOWNS:
        raise ValueError(f"Unknown breakdown {by!r}")
    if by == "kecamatan":
        return response_kecamatan(prefix)
    if by == "kelurahan":
        return F(f"{prefix}school__kelurahan__code")
    return F(f"{prefix}{by}")


@dataclass(frozen=True)
class ResultFilter:
    """Which respondents of a survey a view is about; empty means all of them."""

    start: object = None
    end: object = None
    kecamatan: str = ""
    kelurahan: str = ""
    school: int | None = None
    school_level: str = ""
    age_band: str = ""
    sex: str = ""

    def is_empty(self) -> bool:
        return self == ResultFilter()

    def q(self, prefix: str = ""):
        """The filter as a ``Q`` on :class:`~surveys.models.Response`, or on a model reaching it by ``prefix``.

        Kecamatan and kelurahan are the response's area (:func:`surveys.models.in_response_area`), the same one a
        breakdown groups by (:func:`breakdown_group`).
        """
        from django.db.models import Q

        from surveys.models import in_response_area

        def on(**lookups) -> Q:
            return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

        condition = Q()
        if self.start:
            condition &= on(submitted_on__gte=self.start)
        if self.end:
            condition &= on(submitted_on__lte=self.end)
        condition &= in_response_area(kecamatan=self.kecamatan, kelurahan=self.kelurahan, prefix=prefix)
        if self.school:
            condition &= on(school_id=self.school)
        for name in ("school_level", "age_band", "sex"):
            if getattr(self, name):
                condition &= on(**{name: getattr(self, name)})
        return condition


@dataclass(frozen=True)
class Rows:
    """The rows of a breakdown: keys as stored and the labels readers see."""

    keys: tuple[str, ...]
    labels: tuple[str, ...]


def breakdown_rows(by: str) -> Rows:
    """Every group of a breakdown, including respondents who did not say (key ``""``)."""
    from cms.models import Region

    if by == "kecamatan":
        pairs = list(Region.objects.kecamatan().values_list("code", "name"))
    elif by == "kelurahan":
        pairs = list(Region.objects.kelurahan().values_list("code", "name"))
    elif by == "age_band":
        pairs = [(value, str(label)) for value, label in AgeBand.choices]
    elif by == "sex":
        pairs = [(value, str(label)) for value, label in Sex.choices]
    else:
        raise ValueError(f"Unknown breakdown {by!r}")
    # A child without a class code who answered "Aku tidak tahu" or skipped the kecamatan: her area is unknown (never
    # guessed), and she is counted once, in this row, like every respondent without a stated group.
    unknown = _("Tidak diketahui") if by in ("kecamatan", "kelurahan") else _("Tidak disebutkan")
    pairs.append((UNKNOWN_KEY, unknown))
    return Rows(tuple(key for key, _label in pairs), tuple(str(label) for _key, label in pairs))


def _answer_counts(
    survey, codes: Sequence[str], multiple: Sequence[str], where: ResultFilter, by: str | None
) -> tuple[list, list]:
    """GROUP BY queries: respondents per question and choice (and group); per multiple-choice question (and group).

    Each row carries ``n`` (all respondents of the survey), ``part`` (those the filter keeps) and, with a
    breakdown, ``group``, counted in one pass with a filtered aggregate. Answers are never loaded, only these
    counts. Per choice a plain count is the number of respondents, because ``answer_once_per_choice`` stores a
    choice once per response; so only the respondents per multiple-choice question (a child may tick several)
    need ``COUNT(DISTINCT response)``. A single-choice question's respondents are the sum of its cells.

    Where the survey is rolled up (``surveys.results.rollup``) the rows are the rollup's sums of the published
    answers, in the same shape; otherwise (a school questionnaire, dates that are not whole months) they are counted
    live from the responses.
    """
    from django.db.models import Count, F

    from surveys.models import Response
    from surveys.results import rollup

    group = {"group": breakdown_group(by)} if by else {}
    filtered = not where.is_empty()
    per_choice = {"n": Count("answers")}
    per_question = {"n": Count("pk", distinct=True)}
    with rollup.reading(survey, where) as snapshot:
        if snapshot is not None:
            return rollup.counts(survey, codes, multiple, where, by)
        if filtered:
            per_choice["part"] = Count("answers", filter=where.q())
            per_question["part"] = Count("pk", distinct=True, filter=where.q())
        responses = Response.objects.filter(survey=survey).order_by()
        cells = list(
            responses.filter(answers__question_code__in=codes, answers__choice_code__isnull=False)
            .values(question_code=F("answers__question_code"), choice_code=F("answers__choice_code"), **group)
            .annotate(**per_choice)
        )
        totals = []
        if multiple:
            totals = list(
                responses.filter(answers__question_code__in=multiple)
                .values(question_code=F("answers__question_code"), **group)
                .annotate(**per_question)
            )
    return cells, totals


@dataclass(frozen=True)
class QuestionTables:
    """One question's tables: ``whole`` (every respondent, one row) and ``view`` (what the page asked for)."""

    whole: CountTable
    view: CountTable


def question_tables(
    survey,
    questions: Sequence,
    *,
    where: ResultFilter = ResultFilter(),  # noqa: B008 - frozen, never mutated
    by: str | None = None,
    part_label: str = "",
    rest_label: str = "",
    whole_label: str = "",
) -> dict[str, QuestionTables]:
    """Count tables for choice questions of ``survey`` (text and number questions are never counted here).

    ``view`` is the whole when there is no filter and no breakdown; the breakdown's groups; the filtered
    respondents and the rest; or, with both, the filtered respondents split by group plus one row for the rest.
    """
    questions = [question for question in questions if question.is_choice]
    cells, totals = _answer_counts(
        survey,
        [question.code for question in questions],
        [question.code for question in questions if question.is_multiple],
        where,
        by,
    )
    filtered = not where.is_empty()
    rows = breakdown_rows(by) if by else None
    result = {}
    for question in questions:
        choices = question.answer_choices()
        columns = tuple(choice.code for choice in choices)
        column_labels = tuple(choice.label for choice in choices)
        index = {code: j for j, code in enumerate(columns)}
        whole_cells = [0] * len(columns)
        whole_total = 0
        grid: dict[str, list[int]] = {}
        row_totals: dict[str, int] = {}
        for count in cells:
            if count["question_code"] != question.code or count["choice_code"] not in index:
                continue
            j = index[count["choice_code"]]
            whole_cells[j] += count["n"]
            key = (count["group"] or UNKNOWN_KEY) if by else PART_KEY
            grid.setdefault(key, [0] * len(columns))[j] += count["part"] if filtered else count["n"]
        for count in totals:
            if count["question_code"] != question.code:
                continue
            whole_total += count["n"]
            key = (count["group"] or UNKNOWN_KEY) if by else PART_KEY
            row_totals[key] = row_totals.get(key, 0) + (count["part"] if filtered else count["n"])
        whole_total = max(whole_total, *whole_cells) if question.is_multiple else sum(whole_cells)
        whole = CountTable(
            rows=(ALL_KEY,),
            columns=columns,
            cells=(tuple(whole_cells),),
            row_totals=(whole_total,),
            column_totals=tuple(whole_cells),
            grand_total=whole_total,
            is_additive=not question.is_multiple,
            row_labels=(whole_label or ALL_KEY,),
            column_labels=column_labels,
        )
        if not by and not filtered:
            result[question.code] = QuestionTables(whole, whole)
            continue
        keys = list(rows.keys) if by else [PART_KEY]
        labels = list(rows.labels) if by else [part_label or PART_KEY]
        body = [tuple(grid.get(key, [0] * len(columns))) for key in keys]
        body_totals = [
            sum(row) if not question.is_multiple else row_totals.get(key, 0)
            for key, row in zip(keys, body, strict=True)
        ]
        if filtered:
            keys.append(REST_KEY)
            labels.append(rest_label or REST_KEY)
            rest = tuple(w - sum(row[j] for row in body) for j, w in enumerate(whole_cells))
            body.append(rest)
            body_totals.append(whole_total - sum(body_totals))
        result[question.code] = QuestionTables(
            whole,
            CountTable(
                rows=tuple(keys),
                columns=columns,
                cells=tuple(body),
                row_totals=tuple(body_totals),
                column_totals=tuple(whole_cells),
                grand_total=whole_total,
                is_additive=not question.is_multiple,
                row_labels=tuple(labels),
                column_labels=column_labels,
            ),
        )
    return result


@dataclass(frozen=True)
class QuestionResult:
    """What may be shown about one question: the suppressed whole and the suppressed view pinned to it."""

    question: object
    whole: SuppressedTable
    view: SuppressedTable


def question_results(survey, questions: Sequence, **options) -> list[QuestionResult]:
    """Suppressed results for the choice questions of ``survey``, with the survey's own k."""
    k = survey.min_group_size
    tables = question_tables(survey, questions, **options)
    results = []
    for question in questions:
        if question.code not in tables:
            continue
        pair = tables[question.code]
        whole = suppress(pair.whole, k)
        view = whole if pair.view is pair.whole else suppress(pair.view, k, known=whole)
        results.append(QuestionResult(question, whole, view))
    return results


def _submissions(survey, where: ResultFilter, by: str | None) -> dict[tuple[bool, str], list[int]]:
    """The survey's submissions per (without an answer?, group): ``[all of them, those the filter keeps]``.

    The group is the breakdown's key (``by``), else :data:`ALL_KEY`. A respondent is a submission with an answer
    (:func:`surveys.models.has_answers`), so respondents are every submission minus those without one.
    """
    from django.db.models import Count

    from surveys.models import Response, has_answers
    from surveys.results import rollup

    filtered = not where.is_empty()
    found: dict[tuple[bool, str], list[int]] = {}

    def add(is_blank: bool, row: dict, n: int, part: int) -> None:
        key = (row.get("group") or UNKNOWN_KEY) if by else ALL_KEY
        counts = found.setdefault((is_blank, key), [0, 0])
        counts[0] += n
        counts[1] += part if filtered else n

    blank = ~has_answers()
    per_group = {"n": Count("pk"), "blank_n": Count("pk", filter=blank)}
    with rollup.reading(survey, where) as snapshot:
        if snapshot is not None:
            for row in rollup.submission_counts(survey, where, by):
                add(row["choice_code"] == "", row, row["n"], row.get("part", 0))
            return found
        if filtered:
            per_group |= {"part": Count("pk", filter=where.q()), "blank_part": Count("pk", filter=where.q() & blank)}
        responses = Response.objects.filter(survey=survey).order_by()
        if by:
            live = list(responses.values(group=breakdown_group(by)).annotate(**per_group))
        else:
            live = [responses.aggregate(**per_group)]
        for row in live:
            add(False, row, row["n"], row.get("part", 0))
            add(True, row, row["blank_n"], row.get("blank_part", 0))
    return found


def respondents(
    survey,
    where: ResultFilter = ResultFilter(),  # noqa: B008 - frozen, never mutated
    *,
    by: str | None = None,
    whole_label: str = "",
    part_label: str = "",
    rest_label: str = "",
) -> SuppressedTable:
    """How many children answered the survey, suppressed, in the shape of :func:`question_tables`' view: one row;
    the filtered ones beside the rest; the breakdown's groups (of the filtered ones, beside the rest).

    A respondent is a submission with at least one answer (:func:`surveys.models.has_answers`); those without one
    are :func:`blank_submissions`. The labels are the words a reader sees for each row; the keys never reach a page.
    """
    counts = _submissions(survey, where, by)

    def answered(key: str, position: int) -> int:
        return counts.get((False, key), [0, 0])[position] - counts.get((True, key), [0, 0])[position]

    keys_seen = {key for _blank, key in counts}
    total = sum(answered(key, 0) for key in keys_seen)
    columns = ("respondents",)
    column_labels = (_("Responden"),)
    whole = CountTable(
        rows=(ALL_KEY,),
        columns=columns,
        cells=((total,),),
        row_totals=(total,),
        column_totals=(total,),
        grand_total=total,
        row_labels=(whole_label or ALL_KEY,),
        column_labels=column_labels,
    )
    shown_whole = suppress(whole, survey.min_group_size)
    filtered = not where.is_empty()
    if not by and not filtered:
        return shown_whole
    rows = breakdown_rows(by) if by else Rows((PART_KEY,), (part_label or PART_KEY,))
    keys, labels = list(rows.keys), list(rows.labels)
    body = [answered(key, 1) for key in keys] if by else [sum(answered(key, 1) for key in keys_seen)]
    if filtered:
        keys.append(REST_KEY)
        labels.append(rest_label or REST_KEY)
        body.append(total - sum(body))
    table = CountTable(
        rows=tuple(keys),
        columns=columns,
        cells=tuple((n,) for n in body),
        row_totals=tuple(body),
        column_totals=(total,),
        grand_total=total,
        row_labels=tuple(labels),
        column_labels=column_labels,
    )
    return suppress(table, survey.min_group_size, known=shown_whole)


def blank_submissions(survey, where: ResultFilter = ResultFilter()) -> SuppressedCell:  # noqa: B008 - frozen
    """Submissions with every question skipped (the filtered ones, when filtered): shown apart, never as respondents,
    and hidden under k like any count of children."""
    counts = _submissions(survey, where, None)
    return suppress_count(counts.get((True, ALL_KEY), [0, 0])[1], survey.min_group_size)
