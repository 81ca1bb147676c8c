"""A published survey's open data: a Frictionless data package (datapackage.json and CSV files) that
``frictionless validate`` accepts, holding the public page's suppressed numbers and nothing else."""

import csv
import io
import json
import subprocess
import sys
import zipfile
from http import HTTPStatus
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from surveys.results.pages import published_chart

pytestmark = pytest.mark.django_db

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def download(client, survey) -> zipfile.ZipFile:
    response = client.get(f"/hasil/data/{survey.pk}.zip")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_package_is_valid_frictionless(client, published_results, tmp_path):
    download(client, published_results).extractall(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["datapackage.json", "indikator.csv", "ringkasan.csv"]
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", str(tmp_path / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[:3000]
    assert {task["name"] for task in report["tasks"]} == {"ringkasan", "indikator"}
    assert all(task["stats"]["rows"] > 0 for task in report["tasks"])


def test_the_package_says_its_licence_methods_and_suppression_rule(client, published_results):
    descriptor = json.loads(download(client, published_results).read("datapackage.json"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["suppression"]["k"] == published_results.min_group_size
    assert "Aturan kelompok kecil" in descriptor["suppression"]["rule"]
    assert "Aturan kelompok kecil" in descriptor["description"]
    assert any(method["title"] == "Metode perlindungan" for method in descriptor["methods"])
    types = {
        field["name"]: field["type"] for resource in descriptor["resources"] for field in resource["schema"]["fields"]
    }
    assert types["jumlah_anak"] == "integer" and types["periode_mulai"] == "date" and types["persen"] == "number"


def test_the_summary_holds_the_public_pages_numbers_and_hides_what_it_hides(client, published_results):
    archive = download(client, published_results)
    rows = list(csv.DictReader(io.StringIO(archive.read("ringkasan.csv").decode("utf-8"))))
    expected = []
    for code in published_results.published_results:
        for by in (None, "kecamatan"):
            table = published_chart(published_results, code, by=by).table
            for row in table.body:
                expected += [
                    (code, row.label, column, cell.value) for column, cell in zip(table.columns, row.cells, strict=True)
                ]
    written = [
        (
            row["kode_pertanyaan"],
            row["kelompok"],
            row["kode_jawaban"],
            int(row["jumlah_anak"]) if row["jumlah_anak"] else None,
        )
        for row in rows
        if row["kode_jawaban"]
    ]
    assert written == expected
    hidden = [row for row in rows if not row["jumlah_anak"]]
    assert hidden and all(row["keterangan_jumlah"] for row in hidden), "a hidden count says why"
    assert "wish" not in {row["kode_pertanyaan"] for row in rows}, "only published questions"


def test_only_a_published_survey_has_open_data(client, survey):
    assert client.get(f"/hasil/data/{survey.pk}.zip").status_code == HTTPStatus.NOT_FOUND


def test_the_public_results_page_links_to_the_package(client, published_results):
    soup = BeautifulSoup(client.get("/hasil/").content, "html.parser")
    assert soup.find("a", href=f"/hasil/data/{published_results.pk}.zip") is not None
