"""A school coordinator downloads their own school's summary beside the city's: the page's suppressed tables as
a file, never a response, never another school, and every download in the audit log."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, PageLogEntry

from cms.models import Region, School, SchoolLevel, SchoolStatus
from cms.roles import Role
from surveys.results.pages import school_charts
from surveys.results.suppression import rounded

FORMATS = ("csv", "xlsx")


@pytest.fixture
def schools(regions):
    kelurahan = list(Region.objects.kelurahan().order_by("code")[:3])
    mine = School.objects.create(
        name="SMP Kita", level=SchoolLevel.SMP, status=SchoolStatus.PUBLIC, kelurahan=kelurahan[0]
    )
    other = School.objects.create(
        name="SMP Tetangga Rahasia", level=SchoolLevel.SMP, status=SchoolStatus.PUBLIC, kelurahan=kelurahan[1]
    )
    tiny = School.objects.create(
        name="SD Kecil", level=SchoolLevel.SD, status=SchoolStatus.PUBLIC, kelurahan=kelurahan[2]
    )
    return mine, other, tiny


@pytest.fixture
def answered(survey, answer_survey, schools):
    mine, other, tiny = schools
    answer_survey(survey, 9, {"bullied": "no", "safe_school": "4", "wish": "Namaku Sinta dari kelas 7B"}, school=mine)
    answer_survey(survey, 6, {"bullied": "yes", "safe_school": "2"}, school=mine)
    answer_survey(survey, 5, {"bullied": "prefer_not_to_say", "safe_school": "3"}, school=mine)
    answer_survey(survey, 7, {"bullied": "yes", "safe_school": "1"}, school=other)
    answer_survey(survey, 5, {"bullied": "prefer_not_to_say", "safe_school": "1"}, school=other)
    answer_survey(survey, 2, {"bullied": "yes", "safe_school": "1"}, school=tiny)
    answer_survey(survey, 23, {"bullied": "no", "safe_school": "3"})
    return survey


def download(client, file_format, **params):
    return client.get(reverse("results:school_export", args=[file_format]), params)


def table(response, file_format) -> list[list]:
    """The data rows of a download (header first), without the methods lines."""
    if file_format == "xlsx":
        workbook = load_workbook(io.BytesIO(response.content))
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    start = next(number for number, line in enumerate(lines) if line and line[0] == "Kode pertanyaan")
    return lines[start:]


def export_entries():
    return [
        entry for model in (PageLogEntry, ModelLogEntry) for entry in model.objects.filter(action="suara_anak.export")
    ]


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_coordinator_downloads_the_same_tables_as_the_page(client, make_user, answered, schools, file_format):
    mine, _other, _tiny = schools
    client.force_login(make_user(Role.SCHOOL_COORDINATOR, school=mine))
    response = download(client, file_format, survei=answered.pk)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    rows = table(response, file_format)
    assert rows[0] == ["Kode pertanyaan", "Pertanyaan", "Kelompok", "Jawaban", "Jumlah anak"]
    expected = [
        [chart.id.removeprefix("q-"), chart.title, row.label, label, cell.in_file]
        for chart in school_charts(answered, mine)
        for row in chart.table.body
        for label, cell in [
            *zip(chart.table.column_labels, row.cells, strict=True),
            ("Menjawab pertanyaan ini", row.total),
        ]
    ]
    got = [list(row) for row in rows[1:]]
    if file_format == "csv":
        expected = [[str(value) for value in row] for row in expected]
    assert got == expected, "the file holds exactly the page's suppressed tables"
    groups = {row[2] for row in got}
    assert groups == {"SMP Kita", "Sekolah lain di kota"}
    mine_no = next(row[4] for row in got if row[0] == "bullied" and row[2] == "SMP Kita" and row[3] == "Tidak")
    shown = rounded(9, answered.min_group_size)
    assert mine_no == (shown if file_format == "xlsx" else str(shown)), "a count is a number a spreadsheet can add up"


@pytest.mark.parametrize("file_format", FORMATS)
def test_the_file_never_holds_a_response_or_another_school(client, make_user, answered, schools, file_format):
    mine, other, _tiny = schools
    client.force_login(make_user(Role.SCHOOL_COORDINATOR, school=mine))
    plain = table(download(client, file_format, survei=answered.pk), file_format)
    for attempt in ({"sekolah": other.pk}, {"school": other.pk}, {"kecamatan": other.kelurahan.parent_id}):
        response = download(client, file_format, survei=answered.pk, **attempt)
        assert response.status_code == 200
        assert table(response, file_format) == plain, f"{attempt} must not change which school is shown"
    response = download(client, file_format, survei=answered.pk)
    text = response.content.decode("utf-8-sig") if file_format == "csv" else repr(table(response, "xlsx"))
    assert "Tetangga" not in text
    assert "Sinta" not in text and "kelas 7B" not in text


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_small_school_gets_suppressed_cells_not_counts(client, make_user, answered, schools, file_format):
    _mine, _other, tiny = schools
    client.force_login(make_user(Role.SCHOOL_COORDINATOR, school=tiny))
    rows = table(download(client, file_format, survei=answered.pk), file_format)[1:]
    ours = [row for row in rows if row[2] == "SD Kecil"]
    assert ours, "the school's own row is there"
    for row in ours:
        value = row[4]
        assert not (isinstance(value, int) or str(value).isdigit()) or int(value) == 0 or int(value) >= 5, (
            f"a count under k=5 is never written: {row}"
        )
    assert any(str(row[4]) in {"< 5", "x"} for row in ours)


def test_each_download_is_audited_without_its_numbers(client, make_user, answered, schools):
    mine, _other, _tiny = schools
    coordinator = make_user(Role.SCHOOL_COORDINATOR, school=mine)
    client.force_login(coordinator)
    for file_format in FORMATS:
        download(client, file_format, survei=answered.pk)
    entries = [entry for entry in export_entries() if entry.data.get("kind") == "ringkasan-sekolah"]
    assert sorted(entry.data["format"] for entry in entries) == ["csv", "xlsx"]
    assert all(entry.user_id == coordinator.pk and entry.data["school"] == mine.pk for entry in entries)


def test_only_a_coordinator_with_a_school_may_download(client, make_user, answered, schools):
    mine, _other, _tiny = schools
    url = reverse("results:school_export", args=["csv"])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"], "anyone else is asked to sign in"
    for role in Role:
        client.force_login(make_user(role, school=mine if role == Role.SCHOOL_COORDINATOR else None))
        expected = 200 if role == Role.SCHOOL_COORDINATOR else 403
        assert client.get(url, {"survei": answered.pk}).status_code == expected, role
    client.force_login(make_user(Role.SCHOOL_COORDINATOR, email="tanpa-sekolah@example.org"))
    assert client.get(url).status_code == 403, "a coordinator without a school has nothing to download"


def test_bad_requests_are_not_found_not_errors(client, make_user, answered, schools):
    mine, _other, _tiny = schools
    client.force_login(make_user(Role.SCHOOL_COORDINATOR, school=mine))
    assert download(client, "pdf", survei=answered.pk).status_code == 404
    assert download(client, "csv", survei="bukan-angka").status_code == 200, "an unknown survey falls back"
    assert client.post(reverse("results:school_export", args=["csv"])).status_code == 405


def test_the_school_page_links_both_downloads(client, make_user, answered, schools):
    mine, _other, _tiny = schools
    client.force_login(make_user(Role.SCHOOL_COORDINATOR, school=mine))
    html = client.get(reverse("results:school")).content.decode()
    for file_format in FORMATS:
        assert f"{reverse('results:school_export', args=[file_format])}?survei={answered.pk}" in html
