"""Results as readers see them: suppressed tables from ``surveys.results.counting`` turned into captioned charts.

Every chart says what it counts, for which period and area, and how; the chart component adds how many
children stand behind it and the suppression rule. Nothing here counts or hides numbers itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from surveys.definition import PREFER_NOT_TO_SAY, SCALE_TYPES, Choice, Question
from surveys.models import SurveyPage
from surveys.results.charts import (
    Chart,
    breakdown_chart,
    distribution_chart,
    likert_chart,
    school_versus_city_chart,
    trend_chart,
)
from surveys.results.counting import PART_KEY, ResultFilter, blank_submissions, question_results, respondents
from surveys.results.suppression import SuppressedCell, SuppressedTable, trend

BREAKDOWN_HEADINGS = {
    "kecamatan": gettext_lazy("Kecamatan"),
    "age_band": gettext_lazy("Kelompok umur"),
    "sex": gettext_lazy("Jenis kelamin"),
}


@dataclass(frozen=True)
class Scope:
    """What a page shows: which survey, which respondents, and the words describing them (``title``: the survey's
    title in the reader's language, when it is not the survey's own)."""

    survey: SurveyPage
    where: ResultFilter = ResultFilter()
    by: str | None = None
    area: str = ""
    part_label: str = ""
    rest_label: str = ""
    title: str = ""

    @property
    def period(self) -> str:
        start = self.where.start or (localdate(self.survey.opens_at) if self.survey.opens_at else None)
        end = self.where.end or (localdate(self.survey.closes_at) if self.survey.closes_at else None)
        return " – ".join(f"{day:%d-%m-%Y}" if day else "…" for day in (start, end))

    @property
    def area_label(self) -> str:
        return self.area or _("Seluruh kota")

    @property
    def part_name(self) -> str:
        """The filtered respondents' row, named after the filter ("Balikpapan Barat")."""
        return self.part_label or self.area or _("Anak sesuai filter")

    @property
    def rest_name(self) -> str:
        """The comparison row, saying what it is: the rest of the city when the filter is a place ("Kota tanpa
        Balikpapan Barat"), else the other respondents ("Responden lain (bukan Perempuan)")."""
        if self.rest_label:
            return self.rest_label
        if replace(self.where, kecamatan="", kelurahan="", school=None).is_empty():
            return _("Kota tanpa %(name)s") % {"name": self.part_name}
        return _("Responden lain (bukan %(name)s)") % {"name": self.part_name}


def choice_questions(survey: SurveyPage) -> list[Question]:
    return [question for question in survey.survey.get_definition().questions() if question.is_choice]


def _caption(scope: Scope, question: Question, how: str) -> str:
    return _("%(question)s — %(how)s. Survei: %(survey)s; periode %(period)s; wilayah: %(area)s.") % {
        "question": question.label,
        "how": how,
        "survey": scope.title or scope.survey.title,
        "period": scope.period,
        "area": scope.area_label,
    }


def _figure(question: Question, table: SuppressedTable, title: str):
    if question.type in SCALE_TYPES:
        return likert_chart(table, title=title, x_title=_("Persen anak"), y_title="", last=[PREFER_NOT_TO_SAY])
    if len(table.rows) == 1:
        return distribution_chart(table, title=title, x_title=_("Jawaban"), y_title=_("Jumlah anak"))
    return breakdown_chart(table, title=title, x_title="", y_title=_("Persen anak"), as_percent=True)


def question_charts(scope: Scope, questions: list[Question] | None = None) -> list[Chart]:
    """One chart per choice question for the scope; a filtered scope shows its respondents beside the rest."""
    questions = choice_questions(scope.survey) if questions is None else questions
    results = question_results(
        scope.survey.survey,
        questions,
        where=scope.where,
        by=scope.by,
        part_label=scope.part_name,
        rest_label=scope.rest_name,
        whole_label=scope.area_label,
    )
    charts = []
    for result in results:
        question = result.question
        if scope.by:
            how = _("persen anak per %(group)s yang memilih setiap jawaban") % {
                "group": BREAKDOWN_HEADINGS[scope.by].lower()
            }
        elif not scope.where.is_empty():
            how = _("jumlah anak yang memilih setiap jawaban, yang sesuai filter dan responden lainnya")
        else:
            how = _("jumlah anak yang memilih setiap jawaban")
        charts.append(
            Chart(
                id=f"q-{question.code}",
                figure=_figure(question, result.view, question.label),
                table=result.view,
                caption=_caption(scope, question, how),
                row_heading=BREAKDOWN_HEADINGS.get(scope.by, _("Kelompok")),
                title=question.label,
            )
        )
    return charts


def school_scope(survey: SurveyPage, school) -> Scope:
    """One school beside the rest of the city: what a coordinator sees and downloads."""
    return Scope(
        survey,
        ResultFilter(school=school.pk),
        area=school.name,
        part_label=school.name,
        rest_label=_("Sekolah lain di kota"),
    )


def school_charts(survey: SurveyPage, school) -> list[Chart]:
    """A school's answers beside the rest of the city, each question one table suppressed together."""
    scope = school_scope(survey, school)
    results = question_results(
        survey.survey,
        choice_questions(survey),
        where=scope.where,
        part_label=scope.part_label,
        rest_label=scope.rest_label,
    )
    return [
        Chart(
            id=f"q-{result.question.code}",
            figure=school_versus_city_chart(
                result.view,
                title=result.question.label,
                x_title=_("Jawaban"),
                y_title=_("Persen anak"),
                school_row=PART_KEY,
                school_name=school.name,
                city_name=_("Seluruh kota"),
            ),
            table=result.view,
            caption=_caption(scope, result.question, _("persen anak sekolah ini dan seluruh kota per jawaban")),
            row_heading=_("Kelompok"),
            title=result.question.label,
        )
        for result in results
    ]


def trend_chart_for(question_code: str, surveys: list[SurveyPage]) -> Chart | None:
    """One question across the rounds (surveys) that ask it, oldest first; None when fewer than two do."""
    rounds = []
    for survey in surveys:
        question = survey.survey.get_definition().question(question_code)
        if question is None or not question.is_choice:
            continue
        found = question_results(survey.survey, [question], whole_label=survey.title)
        if found and (not rounds or found[0].whole.columns == rounds[0][1].columns):
            rounds.append((survey.title, found[0].whole, question))
    if len(rounds) < 2:
        return None
    table = trend([(label, whole) for label, whole, _question in rounds])
    question = rounds[-1][2]
    return Chart(
        id=f"trend-{question_code}",
        figure=trend_chart(table, title=question.label, x_title=_("Putaran"), y_title=_("Persen anak")),
        table=table,
        caption=_("%(question)s — persen anak per jawaban di setiap putaran survei; seluruh kota.")
        % {"question": question.label},
        row_heading=_("Putaran"),
        title=question.label,
    )


def respondent_count(scope: Scope) -> SuppressedTable:
    """The children who answered, in the shape of the scope's charts: the same rows, the same pinned totals."""
    return respondents(
        scope.survey.survey,
        scope.where,
        by=scope.by,
        whole_label=scope.area_label,
        part_label=scope.part_name,
        rest_label=scope.rest_name,
    )


def blank_count(scope: Scope) -> SuppressedCell:
    """The scope's submissions with every question skipped: shown apart, not as respondents."""
    return blank_submissions(scope.survey.survey, scope.where)


def published_surveys() -> list[SurveyPage]:
    """Children's surveys that are live and have at least one question chosen for the public results page."""
    surveys = SurveyPage.objects.live().for_children().filter(locale=Locale.get_default()).order_by("-opens_at", "pk")
    return [survey for survey in surveys if survey.published_results]


def in_reader_language(survey: SurveyPage) -> SurveyPage:
    """The survey's live translation in the page's language (its title, its questions' words), else the survey."""
    translation = survey.get_translation_or_none(Locale.get_active())
    return translation if translation is not None and translation.live else survey


def worded_as(question: Question, translation: SurveyPage) -> Question:
    """``question`` with the words of the same question in ``translation``: its label, and the label of each choice
    the translation keeps under the same code. Codes and order stay the source's, so what is counted and hidden
    never depends on the reader's language; a word the translation lacks stays in the source language."""
    translated = translation.get_definition().question(question.code)
    if translated is None:
        return question
    labels = {choice.code: choice.label for choice in translated.choices}
    choices = tuple(Choice(choice.code, labels.get(choice.code) or choice.label) for choice in question.choices)
    return replace(question, label=translated.label or question.label, choices=choices)


def published_chart(survey: SurveyPage, question_code: str, *, by: str | None = None) -> Chart | None:
    """The public chart of one published question (city, or by kecamatan with ``by="kecamatan"``), or None.

    For the campaign page's chart block and ``/hasil/``: a question a facilitator did not publish never comes out.
    Its words are the survey's translation in the page's language, where there is one.
    """
    source = survey.survey
    if question_code not in (source.published_results or []):
        return None
    question = source.get_definition().question(question_code)
    if question is None or not question.is_choice:
        return None
    reader = in_reader_language(source)
    charts = question_charts(Scope(source, by=by, title=reader.title), [worded_as(question, reader)])
    if not charts:
        return None
    chart = charts[0]
    suffix = f"-{by}" if by else ""
    return Chart(
        id=f"hasil-{source.pk}-{question_code}{suffix}",
        figure=chart.figure,
        table=chart.table,
        caption=chart.caption,
        row_heading=chart.row_heading,
        title=chart.title,
    )
