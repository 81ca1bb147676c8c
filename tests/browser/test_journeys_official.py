"""An official's journey: signs in with an authenticator code, opens the results from the admin dashboard, filters
by kecamatan, and downloads the survey summary as XLSX, which says what the dashboard says."""

import io

import pytest
from openpyxl import load_workbook

from cms.models import Region
from cms.roles import Role
from surveys.results.suppression import rounded
from tests.browser.journeys import axe_violations, new_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DASHBOARD_TABLES = """
figures => figures.map(figure => ({
    code: figure.id.replace(/^q-/, ''),
    answers: [...figure.querySelectorAll('thead th')].slice(1).map(th => th.textContent.trim()),
    rows: [...figure.querySelectorAll('tbody tr')].map(row => ({
        group: row.querySelector('th').textContent.trim(),
        cells: [...row.querySelectorAll('td')].map(td => td.textContent.trim()),
    })),
}))
"""


def test_official_filters_the_dashboard_by_kecamatan_and_downloads_the_same_numbers_as_xlsx(
    live_server, browser, make_user, survey, answer_survey
):
    from playwright.sync_api import expect

    first, second = Region.objects.kecamatan().order_by("code")[:2]
    answer_survey(survey, 7, {"safe_school": "3", "bullied": "no"}, kecamatan=first)
    answer_survey(survey, 6, {"safe_school": "2", "bullied": "yes", "bullied_where": "classroom"}, kecamatan=first)
    answer_survey(survey, 9, {"safe_school": "4", "bullied": "no"}, kecamatan=second)
    official = make_user(Role.OFFICIAL)
    page = new_page(browser)
    found: list[str] = []

    sign_in(page, live_server, official, found=found)
    page.get_by_role("link", name="Buka semua hasil").click()
    expect(page.get_by_role("heading", name="Hasil survei dan indikator partisipasi", level=1)).to_be_visible()
    found += axe_violations(page)
    page.get_by_label("Kecamatan", exact=True).select_option(label=first.name)
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_label("Kecamatan", exact=True)).to_have_value(first.code)
    expect(page.locator("#q-safe_school")).to_contain_text(first.name)
    found += axe_violations(page)
    shown = page.eval_on_selector_all("figure.chart", DASHBOARD_TABLES)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ringkasan survei (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(download_path_bytes(download)))
    sheet = workbook.worksheets[0]
    lines = [[("" if value is None else str(value)) for value in row] for row in sheet.iter_rows(values_only=True)]
    page.context.close()

    methods = dict(workbook["Metode"].iter_rows(values_only=True))
    assert first.name in methods["Filter yang dipakai"], "the file says which kecamatan it covers"
    header = lines.index(["Kode pertanyaan", "Pertanyaan", "Kelompok", "Jawaban", "Jumlah anak"])
    in_file = {(code, group, answer): count for code, _question, group, answer, count in lines[header + 1 :] if code}
    respondents_in_file = {group: n for code, _q, group, answer, n in lines[header + 1 :] if answer == "Responden"}
    k = survey.min_group_size
    assert respondents_in_file[first.name] == str(rounded(13, k)), "the survey's respondents, as the page shows them"
    on_screen = {
        (table["code"], row["group"], answer): cell
        for table in shown
        for row in table["rows"]
        for answer, cell in zip(table["answers"], row["cells"], strict=True)
    }
    assert on_screen, "the dashboard shows tables"
    assert in_file == on_screen
    rest = f"Kota tanpa {first.name}"
    answered_here = in_file[("safe_school", first.name, "Menjawab pertanyaan ini")]
    assert answered_here == str(rounded(13, k)), "the 13 children in the kecamatan, rounded as every count"
    assert in_file[("safe_school", rest, "Menjawab pertanyaan ini")] == str(rounded(9, k))
    assert in_file[("safe_school", first.name, "Sangat tidak setuju")] == "< 5", (
        "small groups stay hidden: words only, the face is not part of a label"
    )
    assert found == []


def download_path_bytes(download) -> bytes:
    with open(download.path(), "rb") as file:
        return file.read()
