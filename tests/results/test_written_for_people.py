"""Results are written for people: no internal key or raw code on any results page or export, rows named after
their filter, numbers in the page's language, and spreadsheets with numbers as numbers and one methods sheet."""

import csv
import datetime
import io
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from cms.models import Region, School, SchoolLevel, SchoolStatus
from cms.roles import Role
from cms.vocabulary import DEFAULT_K
from surveys.results.suppression import rounded

LANGUAGES = ["id", "en"]
KEYS = ("_part", "_rest", "Pilihan filter", "Responden lain survei ini")
#: A row key "all" shown as "all: 1234 anak" (not "Overall:").
ALL_KEY = re.compile(r"(?<![A-Za-z])all:")
BIG = 1234


class VisibleText(HTMLParser):
    """What a reader sees: text outside <script>, <style> and <template>, each text node on its own; attributes
    and ids are never text."""

    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.cell_tag = None
        self.texts: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag in ("td", "th"):
            self.cell_tag, self._cell = tag, []

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden -= 1
        if tag in ("td", "th") and self.cell_tag:
            self.cells.append(" ".join("".join(self._cell).split()))
            self.cell_tag = None

    def handle_data(self, data):
        if self.hidden:
            return
        self.texts.append(data)
        if self.cell_tag:
            self._cell.append(data)


def visible(html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(html)
    return parser


def codes_with_labels(survey):
    """The definition's question codes, and its choice codes whose label differs from the code (a numeric code,
    a scale's "1" to "4", reads like a count in a cell, so it is checked through its word codes' neighbours)."""
    questions = [question for question in survey.get_definition().questions()]
    question_codes = {question.code for question in questions}
    choice_codes = {
        choice.code
        for question in questions
        if question.is_choice
        for choice in question.answer_choices()
        if str(choice.label) != choice.code and not choice.code.isdigit()
    }
    return question_codes, choice_codes


def assert_written_for_people(text: str, cells: list[str], survey, where: str) -> None:
    question_codes, choice_codes = codes_with_labels(survey)
    for key in KEYS:
        assert key not in text, f"{where}: {key!r} on screen"
    assert not ALL_KEY.search(text), f"{where}: a row named 'all'"
    for code in question_codes:
        if where.startswith("en") and re.fullmatch(r"[a-z]+", code):
            continue  # an English page may say "bullied" in prose; as a cell it is still caught below
        assert not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text), f"{where}: question code {code!r}"
    raw_cells = [cell for cell in cells if cell in choice_codes or cell in question_codes]
    assert not raw_cells, f"{where}: cells holding raw codes {raw_cells}"


@pytest.fixture
def kecamatan(regions):
    return Region.objects.kecamatan().order_by("code").first()


@pytest.fixture
def crowd(survey, answer_survey, kecamatan, make_survey):
    """More than a thousand children in one kecamatan's school, and a few dozen elsewhere; last year's round too,
    so the dashboard can draw a trend."""
    last_year = make_survey(
        title="Survei Uji 2025", slug="survei-uji-2025", opens_at=survey.opens_at.replace(year=2025)
    )
    answer_survey(last_year, 20, {"bullied": "no"}, day=datetime.date(2025, 8, 10))
    school = School.objects.create(
        name="SMP Ramai",
        level=SchoolLevel.SMP,
        status=SchoolStatus.PUBLIC,
        kelurahan=Region.objects.kelurahan().filter(parent=kecamatan).first(),
    )
    answer_survey(survey, BIG, {"bullied": "no", "safe_school": "4", "bullied_where": []}, school=school, sex="female")
    answer_survey(survey, 30, {"bullied": "yes", "safe_school": "2", "bullied_where": ["classroom", "online"]})
    answer_survey(survey, 8, {"bullied": "no", "safe_school": "3"})
    answer_survey(survey, 12, {"bullied": "prefer_not_to_say", "safe_school": "1"}, school=school, sex="male")
    survey.published_results = [question.code for question in survey.survey.get_definition().questions()]
    survey.save_revision().publish()
    survey.refresh_from_db()
    return school


def url(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def page_views(survey, kecamatan):
    """Every results page an official, a coordinator or the public reads, with the filters that change its words."""
    several = {"survei": survey.pk, "kecamatan": kecamatan.code, "jk": "female", "rinci": "age_band"}
    dates = {"survei": survey.pk, "dari": "2026-01", "sampai": "2026-12", "umur": "13-15", "rinci": "sex"}
    return [
        ("official", "results:official", {}),
        ("official", "results:official", {"survei": survey.pk, "kecamatan": kecamatan.code}),
        ("official", "results:official", several),
        ("official", "results:official", dates),
        ("official", "results:official", {"survei": survey.pk, "rinci": "kecamatan", "tren": "bullied"}),
        ("official", "results:report", several),
        ("official", "results:report", {"survei": survey.pk, "kecamatan": kecamatan.code}),
        ("coordinator", "results:school", {}),
        ("public", "results:public", {}),
        ("official", "wagtailadmin_home", {}),
    ]


#: The results routes read by the tests below: the pages above and the exports.
READ_HERE = {
    "official",
    "report",
    "report_pdf",
    "school",
    "public",
    "export_summary",
    "export_indicators",
    "school_export",
}


def test_every_results_route_is_read_by_these_tests():
    """A results route added later is checked here too, or this fails."""
    from surveys.results.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == READ_HERE


@pytest.fixture
def readers(client, make_user, crowd):
    official = make_user(Role.OFFICIAL)
    coordinator = make_user(Role.SCHOOL_COORDINATOR, school=crowd)

    def sign_in(who):
        client.logout()
        if who == "official":
            client.force_login(official)
        elif who == "coordinator":
            client.force_login(coordinator)
        return client

    return sign_in


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_results_page_shows_an_internal_key_or_a_raw_code(readers, survey, kecamatan, language, builtin_indicators):
    for who, name, params in page_views(survey, kecamatan):
        response = readers(who).get(url(name, language), params)
        assert response.status_code == 200, (name, params)
        page = visible(response.content.decode())
        assert page.cells, f"{name} {params} shows tables"
        assert_written_for_people(" ".join(page.texts), page.cells, survey, f"{language} {name} {params}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_evidence_pack_pdf_shows_no_internal_key_or_raw_code(
    readers, survey, kecamatan, language, builtin_indicators, pdf_of
):
    from pypdf import PdfReader

    params = {"survei": survey.pk, "kecamatan": kecamatan.code, "jk": "female", "rinci": "age_band"}
    _response, content = pdf_of(readers("official"), url("results:report_pdf", language), params)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)
    # A PDF's text has no cells to tell apart from prose ("no" is an English word); the page's cells are checked above.
    assert_written_for_people(text, [], survey, f"{language} evidence pack PDF")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_campaign_chart_shows_an_internal_key_or_a_raw_code(crowd, survey, language):
    from cms.blocks import ChartBlock

    block = ChartBlock()
    with translation.override(language):
        for code in survey.published_results:
            html = block.render(block.to_python({"survey_page": survey.pk, "question_code": code, "caption": ""}))
            page = visible(html)
            assert page.cells or not survey.get_definition().question(code).is_choice, code
            assert_written_for_people(" ".join(page.texts), page.cells, survey, f"{language} chart block {code}")


ROW_NAMES = {
    # filter: (the filtered row's name, the comparison row) per language; {k} is the kecamatan's name
    "kecamatan": {"id": ("{k}", "Kota tanpa {k}"), "en": ("{k}", "City without {k}")},
    "sekolah": {"id": ("SMP Ramai", "Kota tanpa SMP Ramai"), "en": ("SMP Ramai", "City without SMP Ramai")},
    "jk": {"id": ("Perempuan", "Responden lain (bukan Perempuan)"), "en": ("Female", "Other respondents (not Female)")},
    "umur": {
        "id": ("13–15 tahun", "Responden lain (bukan 13–15 tahun)"),
        "en": ("13–15 years", "Other respondents (not 13–15 years)"),
    },
    "dari": {
        "id": ("dari bulan 01-2026", "Responden lain (bukan dari bulan 01-2026)"),
        "en": ("from month 01-2026", "Other respondents (not from month 01-2026)"),
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ROW_NAMES)
def test_a_filtered_row_is_named_after_its_filter_and_the_rest_says_what_it_is(
    readers, survey, kecamatan, crowd, language, name
):
    value = {"kecamatan": kecamatan.code, "sekolah": crowd.pk, "jk": "female", "umur": "13-15", "dari": "2026-01"}
    response = readers("official").get(url("results:official", language), {"survei": survey.pk, name: value[name]})
    part, rest = (label.format(k=kecamatan.name) for label in ROW_NAMES[name][language])
    for chart in response.context["charts"]:
        assert chart.table.row_labels == (part, rest)
    assert [row.label for row in response.context["respondents"].body] == [part, rest]
    cells = visible(response.content.decode()).cells
    assert part in cells and rest in cells


@pytest.mark.parametrize(("language", "separator", "other"), [("id", ".", ","), ("en", ",", ".")])
def test_counts_are_written_as_the_pages_language_writes_numbers(readers, survey, language, separator, other):
    count = rounded(BIG, survey.min_group_size)  # the BIG children who feel safe, as shown (rounded)
    shown, not_shown = (f"{count:,}".replace(",", mark) for mark in (separator, other))
    for who, name in (("official", "results:official"), ("official", "results:report"), ("public", "results:public")):
        page = visible(readers(who).get(url(name, language), {"survei": survey.pk}).content.decode())
        text = " ".join(page.texts)
        assert shown in page.cells, f"{name}: {count} children in a table cell as {shown}"
        assert not_shown not in text, name
        assert str(count) not in page.cells, name


def summary_files(client, survey, kecamatan, language):
    params = {"survei": survey.pk, "kecamatan": kecamatan.code, "jk": "female"}
    for file_format in ("csv", "xlsx"):
        yield file_format, client.get(url("results:export_summary", language, file_format), params)
    for file_format in ("csv", "xlsx"):
        yield file_format, client.get(url("results:export_indicators", language, file_format), params)


def read_file(file_format, response) -> list[list[object]]:
    assert response.status_code == 200
    if file_format == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    workbook = load_workbook(io.BytesIO(response.content))
    return [list(row) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_export_holds_an_internal_key_and_codes_stand_beside_their_question(
    readers, survey, kecamatan, language, builtin_indicators
):
    labels = {question.code: question.label for question in survey.survey.get_definition().questions()}
    school_files = [
        (file_format, readers("coordinator").get(url("results:school_export", language, file_format)))
        for file_format in ("csv", "xlsx")
    ]
    client = readers("official")
    for file_format, response in [*summary_files(client, survey, kecamatan, language), *school_files]:
        rows = read_file(file_format, response)
        coded = [row for row in rows if row and row[0] in labels]
        for row in coded:
            assert row[1] == labels[row[0]], "the question's text stands beside its code"
        cells = [str(value) for row in rows for value in (row[1:] if row in coded else row) if value is not None]
        assert_written_for_people(
            " ".join(cells), cells, survey, f"{language} {file_format} {response.request['PATH_INFO']}"
        )
    summary_csv = read_file("csv", client.get(url("results:export_summary", language, "csv"), {"survei": survey.pk}))
    assert sum(1 for row in summary_csv if row and row[0] in labels) > 0


def test_the_summary_xlsx_stores_numbers_and_has_one_methods_sheet(readers, survey, kecamatan):
    response = readers("official").get(
        url("results:export_summary", "id", "xlsx"), {"survei": survey.pk, "kecamatan": kecamatan.code}
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Ringkasan", "Metode"]
    rows = list(workbook["Ringkasan"].iter_rows(values_only=True))
    assert rows[0] == ("Kode pertanyaan", "Pertanyaan", "Kelompok", "Jawaban", "Jumlah anak")
    bullied_no = next(row for row in rows if row[0] == "bullied" and row[2] == kecamatan.name and row[3] == "Tidak")
    assert bullied_no[4] == rounded(BIG, survey.min_group_size) and isinstance(bullied_no[4], int), (
        "Excel's SUM counts it"
    )
    assert all(len(row) == 5 for row in rows), "no caption repeated on every row"
    methods = dict(workbook["Metode"].iter_rows(values_only=True))
    assert set(methods) == {
        "Survei",
        "Versi",
        "Periode",
        "Filter yang dipakai",
        "Ukuran kelompok terkecil (k)",
        "Cara menghitung",
        "Responden",
        "Wilayah jawaban",
        "Metode perlindungan",
        "Pembaruan hasil",
        "Yang dihitung indikator",
        "Dibuat pada",
    }
    assert "cell key" in methods["Metode perlindungan"], "the method is named"
    assert methods["Survei"] == survey.title and methods["Ukuran kelompok terkecil (k)"] == survey.min_group_size
    assert kecamatan.name in methods["Filter yang dipakai"]


@pytest.mark.parametrize(("language", "shown"), [("id", "1,6 %"), ("en", "1.6 %")])
def test_shares_are_written_as_the_pages_language_writes_them(readers, survey, crowd, language, shown):
    """1,284 children this year (shown rounded to a multiple of 5) out of 80,000 children recorded: 1.6 %."""
    from surveys.results.models import ChildPopulation

    ChildPopulation.objects.create(kelurahan=crowd.kelurahan, year=2026, children=80_000)
    cells = visible(readers("official").get(url("results:official", language)).content.decode()).cells
    assert shown in cells


def test_the_indicator_xlsx_stores_numbers_and_has_one_methods_sheet(readers, survey, crowd, builtin_indicators):
    from surveys.results.models import ChildPopulation

    ChildPopulation.objects.create(kelurahan=crowd.kelurahan, year=2026, children=80_000)
    response = readers("official").get(url("results:export_indicators", "id", "xlsx"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Indikator", "Metode"]
    rows = {row[0]: row for row in workbook["Indikator"].iter_rows(values_only=True)}
    header = rows["Indikator"]
    rate = rows["Tingkat partisipasi anak terhadap jumlah anak"]
    taking_part = rounded(1284, DEFAULT_K)
    assert rate[header.index("Pembilang")] == taking_part and rate[header.index("Penyebut")] == 80_000
    assert rate[header.index("Persen")] == round(100 * taking_part / 80_000, 1) == 1.6, (
        "a number Excel can sum and chart, not the text '1,6 %'"
    )
    assert all(len(row) == len(header) for row in rows.values()), "no caption repeated on every row"
    methods = dict(workbook["Metode"].iter_rows(values_only=True))
    assert {"Periode", "Wilayah", "Ukuran kelompok terkecil (k)", "Cara menghitung", "Dibuat pada"} <= set(methods)
