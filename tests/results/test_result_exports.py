"""Exports carry exactly the suppressed numbers, the method and the rule, and each one is in the audit log."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, PageLogEntry

from cms.roles import Role
from cms.vocabulary import DEFAULT_K
from surveys.results.suppression import rounded


@pytest.fixture
def official_client(client, make_user, builtin_indicators):
    client.force_login(make_user(Role.OFFICIAL))
    return client


@pytest.fixture
def answered(survey, answer_survey):
    answer_survey(survey, 12, {"bullied": "no", "safe_school": "4", "wish": "rahasia Budi"})
    answer_survey(survey, 2, {"bullied": "yes", "safe_school": "1"})
    return survey


def export_entries():
    return [
        entry for model in (PageLogEntry, ModelLogEntry) for entry in model.objects.filter(action="suara_anak.export")
    ]


def test_the_summary_xlsx_holds_the_suppressed_table(official_client, answered):
    response = official_client.get(reverse("results:export_summary", args=["xlsx"]), {"survei": answered.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    rows = [[cell.value for cell in row] for row in workbook.worksheets[0].iter_rows()]
    assert rows[0] == ["Kode pertanyaan", "Pertanyaan", "Kelompok", "Jawaban", "Jumlah anak"]
    methods = dict(workbook["Metode"].iter_rows(values_only=True))
    assert methods["Survei"] == answered.title
    assert "< 5" in methods["Cara menghitung"] and "Aturan kelompok kecil" in methods["Cara menghitung"]
    bullied = {row[3]: row[4] for row in rows if row[0] == "bullied"}
    no = rounded(12, answered.min_group_size)
    assert bullied["Tidak"] == no, "a count is stored as a number, so a spreadsheet's SUM counts it"
    assert bullied["Ya"] == "< 5", "2 children said yes: hidden in the export as on screen"
    assert not any("rahasia" in str(value) for row in rows for value in row)


def test_the_summary_csv_matches_the_dashboard(official_client, answered, answer_survey):
    answer_survey(answered, 6, {"bullied": "yes", "safe_school": "2"})
    answer_survey(answered, 5, {"bullied": "prefer_not_to_say", "safe_school": "3"})
    response = official_client.get(reverse("results:export_summary", args=["csv"]), {"survei": answered.pk})
    text = response.content.decode("utf-8-sig")
    assert "Semua responden" not in text
    no, yes, answering = (rounded(n, answered.min_group_size) for n in (12, 8, 25))
    assert f",Tidak,{no}\r\n" in text and f",Ya,{yes}\r\n" in text
    assert f",Menjawab pertanyaan ini,{answering}\r\n" in text


def test_the_indicator_table_exports_as_xlsx_and_csv(official_client, answered):
    response = official_client.get(
        reverse("results:export_indicators", args=["xlsx"]), {"dari": "2026-01-01", "sampai": "2026-12-31"}
    )
    workbook = load_workbook(io.BytesIO(response.content))
    rows = [[cell.value for cell in row] for row in workbook.worksheets[0].iter_rows()]
    header = rows[0]
    assert header[:2] == ["Indikator", "Klaster KLA"]
    participants = next(row for row in rows if row[0] == "Jumlah anak yang berpartisipasi (survei dan konsultasi)")
    assert participants[4] == rounded(14, DEFAULT_K) and participants[2] == "01-01-2026 – 31-12-2026"
    assert participants[8]
    assert dict(workbook["Metode"].iter_rows(values_only=True))["Periode"] == "01-01-2026 – 31-12-2026"
    csv_response = official_client.get(reverse("results:export_indicators", args=["csv"]))
    assert "Sekolah yang ikut serta dari semua sekolah" in csv_response.content.decode("utf-8-sig")


def test_every_export_is_recorded_in_the_audit_log(official_client, answered):
    official_client.get(reverse("results:export_indicators", args=["csv"]))
    official_client.get(reverse("results:export_summary", args=["xlsx"]), {"survei": answered.pk, "jk": "female"})
    official_client.get(reverse("results:report"), {"survei": answered.pk})
    entries = export_entries()
    assert sorted(entry.data["kind"] for entry in entries) == ["indikator", "laporan-bukti", "ringkasan"]
    summary = next(entry for entry in entries if entry.data["kind"] == "ringkasan")
    assert summary.data["filters"] == {"survei": str(answered.pk), "jk": "female"}


def test_the_evidence_report_states_method_and_rule_and_prints(official_client, answered):
    response = official_client.get(reverse("results:report"), {"survei": answered.pk})
    html = response.content.decode()
    assert "Laporan bukti partisipasi anak" in html
    assert "Cara menghitung" in html and "Aturan kelompok kecil" in html
    assert "results.css" in html


def test_an_unknown_export_format_is_not_found(official_client):
    assert official_client.get("/staf/hasil/ekspor/indikator.pdf").status_code == 404


def test_exports_are_for_officials_and_facilitators_only(client, make_user, answered):
    client.force_login(make_user(Role.FORUM_MEMBER))
    assert client.get(reverse("results:export_indicators", args=["csv"])).status_code == 403
