"""One way to write a download and one way to read an uploaded CSV (``cms.spreadsheets``), used by every export and
every importer."""

import csv
import io
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.models import ModelLogEntry, PageLogEntry

from cms.roles import Role
from cms.services import import_schools, load_regions
from cms.spreadsheets import FORMULA_STARTS, CsvImportError, Sheet, write_csv, write_xlsx
from surveys.results.services import import_enrolment, import_population
from tests.surveys.conftest import answer_survey, builtin_indicators, make_survey, survey_index  # noqa: F401

CELLS = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.text(max_size=30),
    st.sampled_from(
        ["'", "'=1", "\x1f\x00 kontrol", "=1+1", "+62812", "-5", "@SUM(A1)", "\tx", '=HYPERLINK("http://x")']
    ),
)


def read_back_xlsx(content: bytes) -> list[list]:
    return [[cell.value for cell in row] for row in load_workbook(io.BytesIO(content)).active.iter_rows()]


@settings(deadline=None, max_examples=60)
@given(st.lists(st.lists(CELLS, min_size=1, max_size=4), min_size=1, max_size=5))
def test_numbers_stay_numbers_and_no_text_can_run_as_a_formula(rows):
    sheet = Sheet(title="uji", rows=rows)
    for written, original in zip(read_back_xlsx(write_xlsx(sheet)), rows, strict=True):
        for cell, value in zip(written[: len(original)], original, strict=True):
            if isinstance(value, int):
                assert cell == value
            else:
                assert not str(cell or "").startswith(FORMULA_STARTS)
                expected = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value).replace("\r", "\n")  # XML keeps no bare CR
                escaped = "'" + expected if value.startswith(FORMULA_STARTS) else expected
                assert str(cell or "").replace("\r", "\n") == escaped
    text = write_csv(sheet).decode("utf-8-sig")
    for written, original in zip(csv.reader(io.StringIO(text)), rows, strict=True):
        for cell, value in zip(written, original, strict=True):
            assert not cell.startswith(FORMULA_STARTS) or isinstance(value, int)


def test_the_methods_are_written_once_as_their_own_sheet_or_the_csvs_first_lines():
    sheet = Sheet(
        title="Ringkasan", rows=[["Jawaban", "Jumlah anak"], ["Ya", 7]], methods=[("Survei", "=Uji"), ("k", 5)]
    )
    workbook = load_workbook(io.BytesIO(write_xlsx(sheet)))
    assert workbook.sheetnames == ["Ringkasan", "Metode"]
    assert list(workbook["Ringkasan"].iter_rows(values_only=True)) == [("Jawaban", "Jumlah anak"), ("Ya", 7)]
    assert list(workbook["Metode"].iter_rows(values_only=True)) == [("Survei", "'=Uji"), ("k", 5)]
    lines = list(csv.reader(io.StringIO(write_csv(sheet).decode("utf-8-sig"))))
    assert lines == [["Survei", "'=Uji"], ["k", "5"], [], ["Jawaban", "Jumlah anak"], ["Ya", "7"]]


def export_routes(patterns=None, prefix=""):
    """Every download the URL resolver knows: routes whose name says export."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from export_routes(
                pattern.url_patterns, f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            )
        elif isinstance(pattern, URLPattern) and pattern.name and "export" in pattern.name:
            yield prefix + pattern.name


EXPORT_URLS = {
    "surveys:export": "/staf/survei/{survey}/ekspor.{format}",
    "results:export_indicators": "/staf/hasil/ekspor/indikator.{format}",
    "results:export_summary": "/staf/hasil/ekspor/ringkasan.{format}?survei={survey}",
    "results:school_export": "/staf/sekolah/hasil/ringkasan.{format}?survei={survey}",
}
# Downloads only a school coordinator (with their school) may take; the others go to any facilitator.
COORDINATOR_EXPORTS = {"results:school_export"}


# Exports that hold no answer and no figure: a survey's questions as an XLSForm, for those who may edit it, logged
# as its own action and under the admin, which no cache keeps (tests/surveys/test_xlsform.py,
# tests/cms/test_private_pages.py).
DEFINITION_EXPORTS = {"surveys_xlsform_export"}


def test_every_export_route_is_tested_here():
    assert set(export_routes()) == set(EXPORT_URLS) | DEFINITION_EXPORTS


def audit_entries() -> int:
    return sum(model.objects.filter(action="suara_anak.export").count() for model in (PageLogEntry, ModelLogEntry))


@pytest.mark.parametrize("name", sorted(EXPORT_URLS))
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_every_export_is_an_audited_attachment_kept_by_no_cache(request, client, make_user, name, file_format):
    request.getfixturevalue("builtin_indicators")
    survey = request.getfixturevalue("make_survey")()
    request.getfixturevalue("answer_survey")(survey, 7, {"bullied": "no", "safe_school": "4"})
    if name in COORDINATOR_EXPORTS:
        school = request.getfixturevalue("school")
        request.getfixturevalue("answer_survey")(survey, 7, {"bullied": "yes", "safe_school": "2"}, school=school)
        client.force_login(make_user(Role.SCHOOL_COORDINATOR, school=school))
    else:
        client.force_login(make_user(Role.FACILITATOR))
    before = audit_entries()
    response = client.get(EXPORT_URLS[name].format(survey=survey.pk, format=file_format))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv" if file_format == "csv" else "application/vnd.openxml")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith(f'.{file_format}"')
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert audit_entries() == before + 1
    if file_format == "xlsx":
        numbers = [value for row in read_back_xlsx(response.content) for value in row if isinstance(value, int)]
        assert numbers, "counts are stored as numbers"


IMPORTERS = {
    "regions": (load_regions, "code,level,parent_code,name,name_official\n", "64,planet,,X,X\n"),
    "schools": (import_schools, "name,npsn,level,status,kelurahan_code\n", "SD X,,SD,negeri,99.99\n"),
    "population": (import_population, "kode_kelurahan,tahun,jumlah_anak\n", "99.99,2026,10\n"),
    "enrolment": (import_enrolment, "npsn,tahun,jumlah_siswa\n", "00000000,2026,banyak\n"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_every_importer_names_the_bad_line_in_the_readers_language(regions, kind):
    importer, header, bad = IMPORTERS[kind]
    with pytest.raises(CsvImportError, match="^Baris 2: "):
        importer(io.StringIO(header + bad))
    with translation.override("en"), pytest.raises(CsvImportError, match="^Line 2: "):
        importer(io.StringIO(header + bad))
    with pytest.raises(CsvImportError, match="Kolom CSV tidak lengkap"):
        importer(io.StringIO("salah\n" + bad))


@pytest.mark.django_db
def test_a_count_must_be_a_whole_number(regions, tmp_path):
    from cms.models import Region

    code = Region.objects.kelurahan().first().code
    path = tmp_path / "anak.csv"
    path.write_text(f"\ufeffkode_kelurahan,tahun,jumlah_anak\n{code},2026,-3\n", encoding="utf-8")
    with pytest.raises(Exception, match="Baris 2: angka tidak sah: -3"):
        call_command("import_participation_base", "population", str(path))


def test_a_childs_text_with_a_control_character_still_exports_as_xlsx(request, client, make_user):
    survey = request.getfixturevalue("make_survey")()
    request.getfixturevalue("answer_survey")(survey, 1, {"bullied": "no", "wish": "=tolong\x1faku"})
    client.force_login(make_user(Role.FACILITATOR))
    response = client.get(f"/staf/survei/{survey.pk}/ekspor.xlsx")
    assert response.status_code == HTTPStatus.OK
    assert "'=tolong\ufffdaku" in [value for row in read_back_xlsx(response.content) for value in row]
