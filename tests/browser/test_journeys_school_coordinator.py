"""A school coordinator's journey: signs in, makes class codes for their school, prints the sheet, and reads their
school's results beside the rest of the city."""

import re

import pytest

from surveys.models import ClassCode
from surveys.results.suppression import rounded
from tests.browser.journeys import axe_violations, new_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_makes_class_codes_prints_the_sheet_and_reads_the_school_results(
    live_server, browser, survey, coordinator, school, other_school, answer_survey
):
    from playwright.sync_api import expect

    answer_survey(survey, 8, {"safe_school": "3", "bullied": "no"}, school=school, school_level=school.level)
    answer_survey(survey, 6, {"safe_school": "2", "bullied": "no"}, school=school, school_level=school.level)
    answer_survey(survey, 20, {"safe_school": "3", "bullied": "no"}, school=other_school, school_level="SMP")
    page = new_page(browser, width=390, height=844, mobile=True)
    found: list[str] = []

    sign_in(page, live_server, coordinator, found=found)
    expect(page.get_by_role("heading", name="Survei: halaman staf")).to_be_visible()
    found += axe_violations(page)
    page.get_by_role("link", name="Kode kelas dan lembar cetak").click()
    expect(page.get_by_role("heading", name="Kode kelas", level=1)).to_be_visible()
    expect(page.get_by_text(school.name)).to_be_visible()
    found += axe_violations(page)
    page.get_by_label("Jumlah kode (satu per kelas)").fill("3")
    page.get_by_label("Batas pemakaian per kode").fill("35")
    page.get_by_role("button", name="Buat kode").click()
    expect(page.get_by_text("3 kode kelas dibuat.")).to_be_visible()
    codes = list(ClassCode.objects.filter(survey=survey, school=school).values_list("code", flat=True))
    assert len(codes) == 3
    for code in codes:
        expect(page.get_by_role("cell", name=code, exact=True)).to_be_visible()

    page.get_by_role("link", name="Lembar cetak dengan kode QR").click()
    expect(page.get_by_role("heading", name="Lembar kode kelas")).to_be_visible()
    found += axe_violations(page)
    for code in codes:
        expect(page.get_by_text(code, exact=True)).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("heading", name="Lembar kode kelas")).to_be_hidden()
    expect(page.locator(".slip")).to_have_count(3)
    for code in codes:
        expect(page.get_by_text(code, exact=True)).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "three slips print on one A4 page"
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Kembali ke kode kelas").click()
    page.get_by_role("link", name="Kembali ke halaman staf").click()
    page.get_by_role("link", name="Hasil survei sekolah Anda").click()
    expect(page.get_by_role("heading", name=f"Hasil survei {school.name}", level=1)).to_be_visible()
    found += axe_violations(page)
    safe = page.locator("#q-safe_school table")
    school_row = safe.get_by_role("row").filter(has=page.get_by_role("rowheader", name=school.name))
    shown = str(rounded(14, survey.min_group_size))  # the school's 14 children, rounded as every count is
    expect(school_row.get_by_role("cell").last).to_have_text(shown)
    expect(page.get_by_text(other_school.name)).to_have_count(0)
    page.context.close()
    assert found == []
