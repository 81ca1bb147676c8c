"""One count everywhere (issue #16, point 1): for every filter and breakdown, each figure is the same on the
dashboard, the evidence report, the summary CSV and XLSX, the public page and the participation indicator, and it
is the count the definitions give, worked out here independently of the code under test:

- a respondent is a children's-survey submission with at least one answer; one with every question skipped is
  counted apart ("dikirim tanpa jawaban");
- a response's kecamatan is its own, else its school's; its kelurahan is its school's;
- children taking part are respondents of children's surveys only; a school questionnaire counts its school.

Hypothesis generates responses placed every way (school only, kecamatan only, both agreeing or not, neither), for
every audience, with blank, text-only and choice answers, and draws one view (filter, breakdown, live or rolled up)
per example; the database is rolled back after each example.
"""

from __future__ import annotations

import calendar
import csv
import datetime
import io
import re
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from cms.models import Region, School, SchoolLevel
from cms.roles import Role
from cms.vocabulary import DEFAULT_K, AgeBand, Sex
from surveys.models import Answer, Audience, Response, SchoolSubmission
from surveys.results import rollup
from surveys.results.suppression import largest_move, rounded, rounding_base
from surveys.services import record_version

YEAR = datetime.date.today().year
PARTICIPANTS = "participants"
SCHOOLS = "schools"
BREAKDOWNS = (None, "kecamatan", "age_band", "sex")
#: What a child may have sent: nothing, only free text, only a number, and choices (one or several).
PROFILES = (
    {},
    {"wish": "taman bermain"},
    {"friends": 3},
    {"safe_school": ["4"], "bullied": ["no"]},
    {"safe_school": ["2"], "bullied": ["yes"], "bullied_where": ["classroom", "online"], "told_someone": ["yes"]},
    {"bullied": ["yes"], "bullied_where": ["online"]},
    {"safe_school": ["prefer_not_to_say"], "wish": "tidak ada"},
    {"bullied": ["no"], "friends": 0},
)
TEXT, NUMBER = "wish", "friends"
WHOLE, TOTAL = "__whole__", "__total__"
PLACES = ("school", "kecamatan", "both", "both_elsewhere", "neither")


@dataclass
class Sent:
    """One generated submission, as the oracle sees it."""

    audience: str
    school: School | None
    kecamatan: str  # the code stored on the response, "" for none
    age_band: str
    sex: str
    day: datetime.date
    answers: dict = field(default_factory=dict)

    @property
    def area(self) -> str:
        if self.kecamatan:
            return self.kecamatan
        return self.school.kelurahan.parent.code if self.school else ""

    @property
    def kelurahan(self) -> str:
        return self.school.kelurahan.code if self.school else ""

    @property
    def school_level(self) -> str:
        return self.school.level if self.school else ""

    @property
    def is_respondent(self) -> bool:
        return bool(self.answers)

    def group(self, by: str | None) -> str:
        return {"kecamatan": self.area, "age_band": self.age_band, "sex": self.sex}[by] if by else WHOLE


@dataclass(frozen=True)
class View:
    """One dashboard view: GET parameters and the same filter as the oracle reads it."""

    params: dict
    by: str | None
    start: datetime.date | None = None
    end: datetime.date | None = None
    kecamatan: str = ""
    kelurahan: str = ""
    school: int | None = None
    school_level: str = ""
    age_band: str = ""
    sex: str = ""

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.start or self.end or self.kecamatan or self.kelurahan or self.school or self.school_level
        ) or bool(self.age_band or self.sex)

    def keeps(self, sent: Sent) -> bool:
        return (
            (not self.start or sent.day >= self.start)
            and (not self.end or sent.day <= self.end)
            and (not self.kecamatan or sent.area == self.kecamatan)
            and (not self.kelurahan or sent.kelurahan == self.kelurahan)
            and (not self.school or (sent.school is not None and sent.school.pk == self.school))
            and (not self.school_level or sent.school_level == self.school_level)
            and (not self.age_band or sent.age_band == self.age_band)
            and (not self.sex or sent.sex == self.sex)
        )

    def in_indicator_area(self, sent: Sent) -> bool:
        """The indicator reads the period and the area only (kelurahan before kecamatan, as the form gives it)."""
        start, end = self.start or datetime.date(YEAR, 1, 1), self.end or datetime.date(YEAR, 12, 31)
        if not start <= sent.day <= end:
            return False
        if self.kelurahan:
            return sent.kelurahan == self.kelurahan
        return not self.kecamatan or sent.area == self.kecamatan


# The oracle ----------------------------------------------------------------------------------------------------


def expected_table(sent: list[Sent], view: View, question: str | None) -> dict[tuple[str, str], int]:
    """The numbers of one table by (row key, column key), counted from the generated submissions.

    ``question`` None is the respondents table (column "total" only). Rows are the breakdown's groups (of the
    filtered ones) and "_rest", or "_part" and "_rest", or the whole; row :data:`TOTAL` holds the column totals.
    """
    children = [item for item in sent if item.audience == Audience.CHILDREN]
    counts: dict[tuple[str, str], int] = {}

    def add(row: str, item: Sent) -> None:
        if question is None:
            if not item.is_respondent:
                return
            chosen = []
        else:
            if question not in item.answers:
                return
            chosen = item.answers[question]
        for column in [*chosen, "total"]:
            counts[(row, column)] = counts.get((row, column), 0) + 1

    for item in children:
        add(TOTAL, item)
        if not view.is_filtered:
            add(item.group(view.by), item)
        elif view.keeps(item):
            add(item.group(view.by) if view.by else "_part", item)
        else:
            add("_rest", item)
    return counts


def expected_blank(sent: list[Sent], view: View) -> int:
    return sum(
        1
        for item in sent
        if item.audience == Audience.CHILDREN and not item.is_respondent and (not view.is_filtered or view.keeps(item))
    )


def expected_indicator(sent: list[Sent], view: View, schools_in_area: list[School]) -> dict[str, int]:
    children = [
        item
        for item in sent
        if item.audience == Audience.CHILDREN and item.is_respondent and view.in_indicator_area(item)
    ]
    start, end = view.start or datetime.date(YEAR, 1, 1), view.end or datetime.date(YEAR, 12, 31)
    taking_part = {
        item.school.pk for item in sent if item.school is not None and item.is_respondent and start <= item.day <= end
    }
    return {
        PARTICIPANTS: len(children),
        SCHOOLS: sum(1 for school in schools_in_area if school.pk in taking_part),
    }


# Reading what a reader sees ------------------------------------------------------------------------------------


class Tables(HTMLParser):
    """Every table of a page, as rows of cell texts, keyed by its chart's id, its caption's id or its class; and
    the text of every paragraph."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.paragraphs: list[str] = []
        self.figure = None
        self.key = None
        self.rows: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.paragraph: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure":
            self.figure = attrs.get("id")
        elif tag == "table":
            self.key, self.rows = self.figure or attrs.get("class", ""), []
        elif tag == "caption" and attrs.get("id") and self.rows is not None and not self.figure:
            self.key = attrs["id"]
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            self.cell = []
        elif tag == "p":
            self.paragraph = []

    def handle_endtag(self, tag):
        if tag == "figure":
            self.figure = None
        elif tag == "table" and self.rows is not None:
            self.tables[self.key] = self.rows
            self.rows = None
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "p" and self.paragraph is not None:
            self.paragraphs.append(" ".join("".join(self.paragraph).split()))
            self.paragraph = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        if self.paragraph is not None:
            self.paragraph.append(data)


def read_page(html: str) -> Tables:
    parser = Tables()
    parser.feed(html)
    return parser


def grid(rows: list[list[str]]) -> dict[tuple[str, str], str]:
    """A table as {(row label, column label): text}; the first row is the header."""
    header = rows[0]
    return {(row[0], header[j]): text for row in rows[1:] for j, text in enumerate(row) if j}


def number(text: object) -> int | str:
    """A count as written on an Indonesian page ("1.234") or in a file (1234): the number, else the label ("< 5")."""
    text = str(text)
    return int(text.replace(".", "")) if re.fullmatch(r"\d{1,3}(\.\d{3})*|\d+", text) else text


def assert_matches(shown: object, value: int, k: int, where: str) -> None:
    """A shown count is the count as the methods note rounds it (a multiple of the base, at most the largest move
    away, the same count always the same number); a hidden one says truly what it hides."""
    shown = number(shown)
    if isinstance(shown, int):
        assert shown % rounding_base(k) == 0 and abs(shown - value) <= largest_move(k), (where, shown, value)
        assert shown == rounded(value, k), where
    elif shown == f"< {k}":
        assert value < k, where
    elif shown == f"≥ {k}":
        assert value >= k, where
    else:
        assert shown == "x", where


def keys_by_label(table) -> tuple[dict[str, str], dict[str, str]]:
    """Page labels to the oracle's keys, from the suppressed table the page was rendered from."""
    rows = {label: key for key, label in zip(table.rows, table.row_labels, strict=True)}
    rows = {label: (WHOLE if key == "all" else key) for label, key in rows.items()}
    columns = dict(zip(table.column_labels, table.columns, strict=True))
    return rows | {"Semua": TOTAL}, columns | {"Menjawab pertanyaan ini": "total", "Responden": "total"}


def check_table(
    page_grid: dict, table, expected: dict[tuple[str, str], int], k: int, where: str
) -> dict[tuple[str, str], int | str]:
    """Every number of a rendered table against the oracle; returns it keyed by the oracle's keys."""
    rows, columns = keys_by_label(table)
    found = {}
    for (row_label, column_label), text in page_grid.items():
        key = (rows[row_label], "total" if columns[column_label] == "respondents" else columns[column_label])
        assert_matches(text, expected.get(key, 0), k, f"{where} {key}")
        found[(row_label, column_label)] = number(text)
    assert found, f"{where}: a table with numbers"
    return found


# The data --------------------------------------------------------------------------------------------------------


def store(surveys, batch: list[Sent]) -> None:
    versions = {audience: record_version(page) for audience, page in surveys.items()}
    kecamatan = dict(Region.objects.kecamatan().values_list("code", "pk"))
    responses = Response.objects.bulk_create(
        [
            Response(
                survey=surveys[item.audience],
                version=versions[item.audience],
                school=item.school,
                school_level=item.school_level,
                kecamatan_id=kecamatan.get(item.kecamatan),
                age_band=item.age_band,
                sex=item.sex,
                submitted_on=item.day,
                submission_token=uuid.uuid4(),
            )
            for item in batch
        ]
    )
    answers, submissions = [], []
    for item, response in zip(batch, responses, strict=True):
        for code, value in item.answers.items():
            if code == TEXT:
                answers.append(Answer(response=response, question_code=code, text_value=value))
            elif code == NUMBER:
                answers.append(Answer(response=response, question_code=code, number_value=value))
            else:
                answers += [Answer(response=response, question_code=code, choice_code=choice) for choice in value]
        if item.audience == Audience.SCHOOLS:
            submissions.append(
                SchoolSubmission(
                    survey=surveys[Audience.SCHOOLS], school=item.school, response=response, updated_on=item.day
                )
            )
    Answer.objects.bulk_create(answers)
    SchoolSubmission.objects.bulk_create(submissions)


@st.composite
def submissions(draw, places) -> list[Sent]:
    """Groups of identical children's submissions (so counts pass k), and at most one questionnaire per school."""
    schools, kecamatan = places["schools"], places["kecamatan"]
    sent: list[Sent] = []
    for _group in range(draw(st.integers(1, 7))):
        place = draw(st.sampled_from(PLACES))
        school = draw(st.sampled_from(schools)) if place != "kecamatan" and place != "neither" else None
        own = ""
        if place == "kecamatan":
            own = draw(st.sampled_from(kecamatan))
        elif place == "both":
            own = school.kelurahan.parent.code
        elif place == "both_elsewhere":
            own = next(code for code in kecamatan if code != school.kelurahan.parent.code)
        item = dict(
            audience=Audience.CHILDREN,
            school=school,
            kecamatan=own,
            age_band=draw(st.sampled_from(["", *AgeBand.values])),
            sex=draw(st.sampled_from(["", *Sex.values])),
            day=datetime.date(YEAR, 1, 1) + datetime.timedelta(days=draw(st.integers(0, 330))),
            answers=draw(st.sampled_from(PROFILES)),
        )
        sent += [Sent(**item) for _child in range(draw(st.integers(1, 9)))]
    for school in draw(st.lists(st.sampled_from(schools), max_size=3, unique_by=lambda school: school.pk)):
        answers = draw(st.sampled_from(PROFILES))
        day = datetime.date(YEAR, 1, 1) + datetime.timedelta(days=draw(st.integers(0, 330)))
        sent.append(Sent(Audience.SCHOOLS, school, school.kelurahan.parent.code, "", "", day, answers))
    return sent


@st.composite
def views(draw, places) -> View:
    schools, kecamatan = places["schools"], places["kecamatan"]
    by = draw(st.sampled_from(BREAKDOWNS))
    kind = draw(st.sampled_from(["none", "kecamatan", "kelurahan", "school", "level", "age", "sex", "dates", "mixed"]))
    params, fields = {}, {}
    if kind in ("kecamatan", "mixed"):
        fields["kecamatan"] = params["kecamatan"] = draw(st.sampled_from(kecamatan))
    if kind == "kelurahan":
        fields["kelurahan"] = params["kelurahan"] = draw(st.sampled_from(schools)).kelurahan.code
    if kind == "school":
        school = draw(st.sampled_from(schools))
        fields["school"], params["sekolah"] = school.pk, school.pk
    if kind == "level":
        fields["school_level"] = params["jenjang"] = draw(st.sampled_from([SchoolLevel.SD, SchoolLevel.SMP]))
    if kind == "age":
        fields["age_band"] = params["umur"] = draw(st.sampled_from(AgeBand.values))
    if kind in ("sex", "mixed"):
        fields["sex"] = params["jk"] = draw(st.sampled_from(Sex.values))
    if kind == "dates":  # whole months, as the form reads them
        first = draw(st.integers(1, 12))
        last = draw(st.integers(first, 12))
        fields["start"] = datetime.date(YEAR, first, 1)
        fields["end"] = datetime.date(YEAR, last, calendar.monthrange(YEAR, last)[1])
        params["dari"], params["sampai"] = f"{YEAR}-{first:02d}", f"{YEAR}-{last:02d}"
    if by:
        params["rinci"] = by
    return View(params=params, by=by, **fields)


# The test --------------------------------------------------------------------------------------------------------


def summary_file(client, params: dict, file_format: str) -> list[list[object]]:
    response = client.get(reverse("results:export_summary", args=[file_format]), params)
    assert response.status_code == 200
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        rows = [
            list(row) for row in load_workbook(io.BytesIO(response.content))["Ringkasan"].iter_rows(values_only=True)
        ]
    header = rows.index(["Kode pertanyaan", "Pertanyaan", "Kelompok", "Jawaban", "Jumlah anak"])
    return rows[header + 1 :]


def indicator_file(client, params: dict, file_format: str) -> dict[str, object]:
    response = client.get(reverse("results:export_indicators", args=[file_format]), params)
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        rows = [
            list(row) for row in load_workbook(io.BytesIO(response.content))["Indikator"].iter_rows(values_only=True)
        ]
    header = next(i for i, row in enumerate(rows) if row and row[0] == "Indikator")
    column = rows[header].index("Pembilang")
    return {row[0]: row[column] for row in rows[header + 1 :] if row}


def blank_shown(page: Tables) -> str:
    found = [text for text in page.paragraphs if text.startswith("Dikirim tanpa jawaban")]
    assert len(found) == 1, "the submissions without an answer are said once, apart"
    return re.fullmatch(r".*: (.+)\.", found[0]).group(1)


@pytest.fixture
def reader(client, make_user):
    client.force_login(make_user(Role.OFFICIAL))
    return client


@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # each example is a dozen requests: no slow shrinking
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_figure_is_the_same_on_every_page_and_file_and_is_the_defined_count(
    data, reader, places, surveys, builtin_indicators
):
    sent = data.draw(submissions(places), label="submissions")
    view = data.draw(views(places), label="view")
    rolled_up = data.draw(st.booleans(), label="rolled up")
    survey = surveys[Audience.CHILDREN]
    k = survey.min_group_size
    with transaction.atomic():
        cache.clear()
        half = len(sent) // 2
        store(surveys, sent[:half])
        if rolled_up:
            rollup.refresh(survey)  # the first half published (when it is a batch), the rest waiting
        store(surveys, sent[half:])
        params = {"survei": survey.pk, **view.params}
        check_every_surface(reader, published(sent, half, rolled_up, k), view, params, survey, k, places)
        transaction.set_rollback(True)


def published(sent: list[Sent], half: int, refreshed: bool, k: int) -> list[Sent]:
    """What the pages may show: answers to a children's survey are published in batches of at least k (README,
    "Results"), so those waiting in a smaller batch count nowhere yet; a school questionnaire counts as sent."""
    children = [item for item in sent if item.audience == Audience.CHILDREN]
    first = [item for item in sent[:half] if item.audience == Audience.CHILDREN]
    shown = {id(item) for item in first} if refreshed and len(first) >= k else set()
    if len(children) - len(shown) >= k:
        shown = {id(item) for item in children}
    return [item for item in sent if item.audience != Audience.CHILDREN or id(item) in shown]


def check_every_surface(reader, sent, view, params, survey, k, places) -> None:
    dashboard = reader.get(reverse("results:official"), params)
    assert dashboard.status_code == 200, dashboard.content[:300]
    report = reader.get(reverse("results:report"), params)
    on_dashboard, in_report = read_page(dashboard.content.decode()), read_page(report.content.decode())
    # The report (the KLA evidence pack) adds tables of its own (consultations, felt heard, Forum Anak); every table it
    # shares with the dashboard is the dashboard's, and it shows every question, the respondents and the indicator.
    shared = set(in_report.tables) & set(on_dashboard.tables)
    assert {key: in_report.tables[key] for key in shared} == {key: on_dashboard.tables[key] for key in shared}
    expected = {key for key in on_dashboard.tables if key.startswith("q-")} | {
        "responden-caption",
        "results-indicators",
    }
    assert expected <= shared

    # Each question's table and the respondents table against the definitions.
    shown: dict[tuple[str, str, str], int | str] = {}
    for chart in dashboard.context["charts"]:
        code = chart.id.removeprefix("q-")
        found = check_table(
            grid(on_dashboard.tables[chart.id]), chart.table, expected_table(sent, view, code), k, chart.id
        )
        shown |= {(code, row, column): value for (row, column), value in found.items() if row != "Semua"}
    respondents = dashboard.context["respondents"]
    found = check_table(
        grid(on_dashboard.tables["responden-caption"]), respondents, expected_table(sent, view, None), k, "respondents"
    )
    shown |= {("", row, "Responden"): value for (row, _column), value in found.items() if row != "Semua"}
    blank = blank_shown(on_dashboard)
    assert blank == blank_shown(in_report)
    assert_matches(blank, expected_blank(sent, view), k, "blank submissions")
    shown[
        ("", dashboard.context["scope"].part_name if view.is_filtered else "Seluruh kota", "Dikirim tanpa jawaban")
    ] = number(blank)

    # The summary files hold exactly the dashboard's numbers.
    in_csv = summary_file(reader, params, "csv")
    in_xlsx = summary_file(reader, params, "xlsx")
    assert [["" if value is None else str(value) for value in row] for row in in_xlsx] == in_csv, "the CSV's rows"
    assert all(isinstance(row[4], int) for row in in_xlsx if isinstance(number(row[4]), int)), "stored as numbers"
    assert {(code, group, answer): number(count) for code, _text, group, answer, count in in_csv} == shown

    # The participation indicator, on the dashboard and in its files, counts the same children.
    area_code = view.kelurahan or view.kecamatan
    area = Region.objects.filter(code=area_code).first() if area_code else None
    in_area = [
        school
        for school in places["schools"]
        if area is None or school.kelurahan.code == area.code or school.kelurahan.parent.code == area.code
    ]
    expected = expected_indicator(sent, view, in_area)
    names = {result.indicator.formula: result.indicator.name for result in dashboard.context["indicators"]}
    table = {row[0]: row for row in on_dashboard.tables["results-indicators"][1:]}
    only_area_and_period = not (view.school or view.school_level or view.age_band or view.sex)
    if only_area_and_period and not view.by:
        row = "_part" if view.is_filtered else WHOLE
        assert expected[PARTICIPANTS] == expected_table(sent, view, None).get((row, "total"), 0)
        on_both = [number(table[names[PARTICIPANTS]][2]), number(on_dashboard.tables["responden-caption"][1][1])]
        if all(isinstance(value, int) for value in on_both):
            assert on_both[0] == on_both[1], "the indicator's children are the dashboard's respondents"
    for formula, k_used in ((PARTICIPANTS, DEFAULT_K), (SCHOOLS, None)):
        on_page = table[names[formula]][2]
        for file_format in ("csv", "xlsx"):
            assert number(indicator_file(reader, params, file_format)[names[formula]]) == number(on_page)
        if k_used:
            assert_matches(on_page, expected[formula], k_used, formula)
        else:
            assert number(on_page) == expected[formula], formula

    # The public page: the city and its kecamatan, the same numbers as the dashboard without a filter.
    public = reader.get(reverse("results:public"))
    on_public = read_page(public.content.decode())
    everyone = View(params={}, by=None)
    by_kecamatan = View(params={}, by="kecamatan")
    charts = [chart for section in public.context["sections"] for chart in section["charts"]]
    assert charts, "the published questions are on the public page"
    for chart in charts:
        code = chart.id.removeprefix(f"hasil-{survey.pk}-").removesuffix("-kecamatan")
        oracle_view = by_kecamatan if chart.id.endswith("-kecamatan") else everyone
        rows = on_public.tables[chart.id]
        if len(chart.table.rows) == 1:
            rows = city_rows(rows, chart.table.row_labels[0])
        check_table(grid(rows), chart.table, expected_table(sent, oracle_view, code), k, chart.id)


def city_rows(rows: list[list[str]], city: str) -> list[list[str]]:
    """The public page's city table (one answer a row: count, percent; then the question's total) in the shape of
    every other table: one row for the city, one column per answer."""
    header = [""] + [row[0] for row in rows[1:]]
    return [header, [city] + [row[1] for row in rows[1:]]]


@pytest.fixture
def skipped(survey, answer_survey):
    """Six children who answered, seven submissions with every question skipped."""
    answer_survey(survey, 6, {"bullied": "no"})
    answer_survey(survey, 7, {})


@pytest.fixture(params=["published on first read", "refreshed before"])
def counted(request, survey, skipped):
    """The rollup built by the first reader, or by a refresh before it."""
    if request.param == "refreshed before":
        rollup.refresh(survey)
    return request.param


def test_a_submission_with_every_question_skipped_is_shown_apart_not_as_a_respondent(survey, counted):
    from surveys.results.counting import blank_submissions, respondents
    from surveys.results.indicators import Period, responses_in

    assert respondents(survey).grand_total.value == rounded(6, survey.min_group_size)
    assert blank_submissions(survey).value == rounded(7, survey.min_group_size)
    assert responses_in(Period.year(2026), None).count() == 6


def test_a_school_questionnaire_counts_its_school_never_a_child(make_survey, answer_survey, school):
    from surveys.results.indicators import Period, responses_in, schools

    questionnaire = make_survey(title="Kuesioner Sekolah", slug="kuesioner-sekolah", audience=Audience.SCHOOLS)
    answer_survey(questionnaire, 1, {"bullied": "no"}, school=school)
    SchoolSubmission.objects.create(
        survey=questionnaire, school=school, response=Response.objects.get(), updated_on=datetime.date(2026, 8, 10)
    )
    assert responses_in(Period.year(2026), None).count() == 0
    assert schools(Period.year(2026), None).numerator.value == 1
