"""The officials' dashboard at a glance: headline figures with the change since the previous round, the same
figures across rounds and per kecamatan, and number questions summarised.

A figure here is never counted or hidden anew. Every share is read off a question's display as
:func:`~surveys.results.counting.question_results` suppresses it (so only what that display already gives away),
and is left out when it stands for fewer than k children on either side ("< k" chose it, or all but fewer than
k did). A round is one children's survey; rounds are compared by question code, which stays the same across
years. A number question's median and quartiles are withheld when fewer than k children answered it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import Sum
from django.utils.functional import Promise
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.definition import PREFER_NOT_TO_SAY, QuestionType
from surveys.results import rollup
from surveys.results.counting import ResultFilter, breakdown_rows, question_results, respondents
from surveys.results.suppression import SuppressedCell, SuppressedTable, suppress_count

# Measures --------------------------------------------------------------------------------------------------


def _substantive(question) -> list[str]:
    return [choice.code for choice in question.answer_choices() if choice.code != PREFER_NOT_TO_SAY]


def upper_half(question) -> set[str]:
    """The upper half of a scale ("often" and "always" of four): the children who say it holds for them."""
    codes = _substantive(question)
    return set(codes[len(codes) // 2 :])


def any_but_never(question) -> set[str]:
    """ "Yes" of a yes/no question; otherwise every answer but the first ("never")."""
    if question.type == QuestionType.YES_NO:
        return {"yes"}
    return set(_substantive(question)[1:])


@dataclass(frozen=True)
class Measure:
    """A share of children read from one choice question, found by the first of ``codes`` a survey asks."""

    key: str
    codes: tuple[str, ...]
    label: Promise
    method: Promise
    counts: Callable[[object], set[str]]

    def question(self, survey):
        definition = survey.survey.get_definition()
        for code in self.codes:
            question = definition.question(code)
            if question is not None and question.is_choice and not question.is_multiple:
                return question
        return None


MEASURES: tuple[Measure, ...] = (
    Measure(
        "aman",
        ("safe_school",),
        gettext_lazy("Merasa aman di sekolah"),
        gettext_lazy(
            "Persen anak yang memilih separuh atas skala (mis. “sering” atau “selalu”) dari semua anak yang "
            "menjawab pertanyaan merasa aman di sekolah."
        ),
        upper_half,
    ),
    Measure(
        "dirundung",
        ("bullied_30d", "bullied"),
        gettext_lazy("Dirundung dalam 30 hari terakhir"),
        gettext_lazy(
            "Persen anak yang menjawab pernah dirundung (jawaban apa pun selain “tidak pernah”/“tidak”) dari "
            "semua anak yang menjawab pertanyaan perundungan."
        ),
        any_but_never,
    ),
)


@dataclass(frozen=True)
class Share:
    """A share of a row's respondents, or why it is not shown (``reason``)."""

    chosen: int | None
    answered: int | None
    reason: str = ""

    @property
    def percent(self) -> float | None:
        if self.reason or not self.answered or self.chosen is None:
            return None
        return round(100 * self.chosen / self.answered, 1)

    @property
    def is_shown(self) -> bool:
        return self.percent is not None


def share_of_row(table: SuppressedTable, index: int, chosen: set[str]) -> Share:
    """The share of row ``index`` who chose one of ``chosen``, worked out only from the row's displayed numbers.

    The number who chose is the sum of the chosen cells when all are shown, or (one choice per child) the row's
    total minus the other cells when those are shown; anything else would tell more than the display does. Shown
    numbers are rounded, so a difference of them says nothing sure about a small group: the share is left out
    unless the children who chose and those who did not each include a group known to be at least k (a shown
    number, or one hidden as "≥ k").
    """
    cells = table.cells[index]

    def known_large(group) -> bool:
        return any(not cell.is_small for cell in group)

    chosen_cells = [cell for code, cell in zip(table.columns, cells, strict=True) if code in chosen]
    other_cells = [cell for code, cell in zip(table.columns, cells, strict=True) if code not in chosen]
    if not (known_large(chosen_cells) and known_large(other_cells)):
        return Share(None, table.row_totals[index].value, _("kelompok kecil"))
    total = table.row_totals[index].value
    picked = [cell.value for code, cell in zip(table.columns, cells, strict=True) if code in chosen]
    others = [cell.value for code, cell in zip(table.columns, cells, strict=True) if code not in chosen]
    count = None
    if None not in picked:
        count = sum(picked)
    elif table.is_additive and total is not None and None not in others:
        count = total - sum(others)
    if count is None or total is None:
        return Share(None, total, _("disembunyikan"))
    if count < table.k or total - count < table.k:
        return Share(None, total, _("kelompok kecil"))
    return Share(count, total)


def measure_share(survey, measure: Measure, where: ResultFilter = ResultFilter()) -> Share | None:  # noqa: B008
    """The measure for the survey's respondents (whole city unless filtered); None when the survey does not ask it."""
    question = measure.question(survey)
    if question is None:
        return None
    found = question_results(survey.survey, [question], where=where)
    if not found:
        return None
    table = found[0].whole if where.is_empty() else found[0].view
    return share_of_row(table, 0, measure.counts(question))


# Rounds ----------------------------------------------------------------------------------------------------


def rounds() -> list:
    """Every published children's survey, oldest first: the rounds a trend runs through."""
    from surveys.results.forms import surveys_with_results

    surveys = list(surveys_with_results())
    return sorted(surveys, key=lambda survey: (survey.opens_at is None, survey.opens_at or 0, survey.pk))


def _codes(survey) -> set[str]:
    return {question.code for question in survey.survey.get_definition().questions() if question.is_choice}


def previous_round(survey, every: Sequence, *, asking: Measure | None = None):
    """The latest round before ``survey`` that asks the measure (or, without one, shares a question code)."""
    position = next((i for i, other in enumerate(every) if other.pk == survey.pk), None)
    if position is None:
        return None
    codes = _codes(survey)
    for other in reversed(every[:position]):
        if asking is not None and asking.question(other) is not None:
            return other
        if asking is None and codes & _codes(other):
            return other
    return None


def shared_codes(every: Sequence) -> list[tuple[str, str]]:
    """Choice questions asked in at least two rounds, as (code, latest wording): the trends there are to draw."""
    seen: dict[str, int] = {}
    labels: dict[str, str] = {}
    for survey in every:
        for question in survey.survey.get_definition().questions():
            if question.is_choice:
                seen[question.code] = seen.get(question.code, 0) + 1
                labels[question.code] = question.label
    return [(code, labels[code]) for code, times in seen.items() if times >= 2]


# Headlines -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """One figure at the top of the dashboard: ``value`` (a count or a percent), and the change since ``previous``."""

    key: str
    label: str
    method: str
    value: float | int | None
    shown: str
    is_percent: bool
    change: float | int | None = None
    previous: str = ""

    @property
    def is_up(self) -> bool:
        return self.change is not None and self.change > 0

    @property
    def is_down(self) -> bool:
        return self.change is not None and self.change < 0

    @property
    def change_size(self) -> float | int | None:
        return abs(self.change) if self.change is not None else None


def _year(survey) -> int:
    return localdate(survey.opens_at).year if survey.opens_at else datetime.date.today().year


def child_population(year: int) -> tuple[int | None, int | None]:
    """Children 0–17 recorded in the city for ``year``, else the latest earlier year: (children, year)."""
    from surveys.results.models import ChildPopulation

    recorded = ChildPopulation.objects.filter(year__lte=year).order_by("-year").values_list("year", flat=True)
    found = recorded.first()
    if found is None:
        return None, None
    total = ChildPopulation.objects.filter(year=found).aggregate(total=Sum("children"))["total"]
    return total, found


def _respondents(survey) -> SuppressedCell:
    return respondents(survey.survey).grand_total


def _rate(survey) -> tuple[float | None, str]:
    cell = _respondents(survey)
    children, year = child_population(_year(survey))
    if cell.value is None or not children:
        return None, cell.label if cell.value is None else "–"
    return round(100 * cell.value / children, 1), ""


ShareOf = Callable[[object, Measure], Share | None]


def remembered() -> ShareOf:
    """:func:`measure_share` remembering what it counted, for one page that asks for a round's share twice."""
    found: dict[tuple[int, str], Share | None] = {}

    def share_of(survey, measure: Measure) -> Share | None:
        key = (survey.pk, measure.key)
        if key not in found:
            found[key] = measure_share(survey, measure)
        return found[key]

    return share_of


def headlines(survey, every: Sequence | None = None, share_of: ShareOf = measure_share) -> list[Headline]:
    """The four figures of the glance for one round, each with the change since the previous round."""
    every = rounds() if every is None else every
    before = previous_round(survey, every)
    found = []
    cell = _respondents(survey)
    earlier = _respondents(before) if before is not None else None
    change = cell.value - earlier.value if earlier is not None and None not in (cell.value, earlier.value) else None
    found.append(
        Headline(
            "anak",
            _("Anak yang menjawab"),
            _("Jumlah jawaban survei anak yang dikirim pada putaran ini, seluruh kota."),
            cell.value,
            cell.label,
            False,
            change,
            before.title if before is not None else "",
        )
    )
    rate, why = _rate(survey)
    earlier_rate = _rate(before)[0] if before is not None else None
    children, year = child_population(_year(survey))
    found.append(
        Headline(
            "partisipasi",
            _("Tingkat partisipasi"),
            _("Anak yang menjawab dibagi jumlah anak 0–17 tahun di kota (data tahun %(year)s).")
            % {"year": year or "–"},
            rate,
            why,
            True,
            round(rate - earlier_rate, 1) if rate is not None and earlier_rate is not None else None,
            before.title if before is not None else "",
        )
    )
    for measure in MEASURES:
        share = share_of(survey, measure)
        if share is None:
            continue
        before_measure = previous_round(survey, every, asking=measure)
        earlier_share = share_of(before_measure, measure) if before_measure is not None else None
        change = None
        if share.is_shown and earlier_share is not None and earlier_share.is_shown:
            change = round(share.percent - earlier_share.percent, 1)
        found.append(
            Headline(
                measure.key,
                str(measure.label),
                str(measure.method),
                share.percent,
                share.reason,
                True,
                change,
                before_measure.title if before_measure is not None else "",
            )
        )
    return found


# Trends and small multiples --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    measure: Measure
    points: tuple[tuple[str, Share], ...]


def trends(every: Sequence, share_of: ShareOf = measure_share) -> list[Trend]:
    """Each measure across the rounds that ask it, oldest first; only measures asked in two rounds or more."""
    found = []
    for measure in MEASURES:
        points = []
        for survey in every:
            share = share_of(survey, measure)
            if share is not None:
                points.append((survey.title, share))
        if len(points) >= 2:
            found.append(Trend(measure, tuple(points)))
    return found


@dataclass(frozen=True)
class AreaShares:
    """One kecamatan (or kelurahan) with each measure's share there."""

    code: str
    name: str
    shares: tuple[tuple[Measure, Share], ...]


def shares_by(survey, by: str = "kecamatan", measures: Sequence[Measure] = MEASURES) -> list[AreaShares]:
    """Each measure per area, read from the question's breakdown as counting suppresses it (pinned to the city)."""
    rows = breakdown_rows(by)
    per_area: dict[str, list[tuple[Measure, Share]]] = {key: [] for key in rows.keys}
    for measure in measures:
        question = measure.question(survey)
        if question is None:
            continue
        found = question_results(survey.survey, [question], by=by)
        if not found:
            continue
        table = found[0].view
        for index, key in enumerate(table.rows):
            if key in per_area:
                per_area[key].append((measure, share_of_row(table, index, measure.counts(question))))
    return [
        AreaShares(key, label, tuple(per_area[key]))
        for key, label in zip(rows.keys, rows.labels, strict=True)
        if key and per_area[key]
    ]


# Number questions ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberSummary:
    question: object
    answered: SuppressedCell
    lower_quartile: float | None = None
    median: float | None = None
    upper_quartile: float | None = None

    @property
    def is_shown(self) -> bool:
        return self.median is not None


def _at(values, n: int, fraction: float) -> float:
    """The ``fraction`` quantile of ``n`` sorted values (linear between neighbours), reading at most two rows."""
    position = (n - 1) * fraction
    low = int(position)
    pair = list(values[low : low + 2])
    if len(pair) == 1 or position == low:
        return float(pair[0])
    return round(pair[0] + (position - low) * (pair[1] - pair[0]), 1)


def number_summaries(survey, where: ResultFilter = ResultFilter()) -> list[NumberSummary]:  # noqa: B008
    """Median and quartiles of each number question, read by position in SQL; withheld under k answers."""
    from surveys.models import Answer

    k = survey.survey.min_group_size
    watermark = rollup.publish(survey.survey)  # the answers published, as every other figure
    found = []
    for question in survey.survey.get_definition().questions():
        if not question.is_number:
            continue
        answers = Answer.objects.filter(
            response__survey=survey.survey,
            response_id__lte=watermark,
            question_code=question.code,
            number_value__isnull=False,
        )
        if not where.is_empty():
            answers = answers.filter(where.q("response__"))
        n = answers.count()
        cell = suppress_count(n, k)
        if cell.value is None:
            found.append(NumberSummary(question, cell))
            continue
        values = answers.order_by("number_value").values_list("number_value", flat=True)
        found.append(NumberSummary(question, cell, _at(values, n, 0.25), _at(values, n, 0.5), _at(values, n, 0.75)))
    return found


# The glance ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Glance:
    survey: object
    headlines: list[Headline]
    trends: list[Trend]
    areas: list[AreaShares]
    numbers: list[NumberSummary]
    trend_codes: list[tuple[str, str]]
    k: int


def glance(survey, where: ResultFilter = ResultFilter()) -> Glance:  # noqa: B008
    """Everything the top of the officials' dashboard (and the evidence report) shows about one round.

    The headlines, trends and maps are the whole city's; ``where`` narrows the number questions only, for a page
    that says which respondents they are about (the dashboard's glance says "whole city" and passes none).
    """
    every = rounds()
    share_of = remembered()
    return Glance(
        survey=survey,
        headlines=headlines(survey, every, share_of),
        trends=trends(every, share_of),
        areas=shares_by(survey),
        numbers=number_summaries(survey, where),
        trend_codes=shared_codes(every),
        k=survey.survey.min_group_size,
    )
