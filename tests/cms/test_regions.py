import io

import pytest
from django.core.management import CommandError, call_command

from cms.models import Region, RegionLevel
from cms.services import load_regions
from cms.spreadsheets import CsvImportError

BALIKPAPAN_KECAMATAN = {
    "64.71.01": "Balikpapan Timur",
    "64.71.02": "Balikpapan Barat",
    "64.71.03": "Balikpapan Utara",
    "64.71.04": "Balikpapan Tengah",
    "64.71.05": "Balikpapan Selatan",
    "64.71.06": "Balikpapan Kota",
}


def test_balikpapan_has_six_kecamatan_and_thirty_four_kelurahan(regions):
    city = Region.objects.get(code="64.71")
    assert city.level == RegionLevel.CITY
    assert city.parent.code == "64"
    kecamatan = dict(Region.objects.kecamatan().values_list("code", "name"))
    assert kecamatan == BALIKPAPAN_KECAMATAN
    assert Region.objects.kelurahan().count() == 34
    assert Region.objects.kelurahan().within(city).count() == 34
    assert Region.objects.get(code="64.71.01.1001").name == "Manggar"
    for kelurahan in Region.objects.kelurahan().select_related("parent"):
        assert kelurahan.parent.level == RegionLevel.KECAMATAN
        assert kelurahan.code.startswith(kelurahan.parent.code + ".")


def test_loading_the_same_csv_twice_changes_nothing(regions):
    before = list(Region.objects.values_list("code", "level", "parent__code", "name", "name_official"))
    call_command("load_regions", stdout=io.StringIO())
    assert list(Region.objects.values_list("code", "level", "parent__code", "name", "name_official")) == before


def test_another_city_loads_from_a_csv_with_the_same_columns(db, tmp_path):
    csv_file = tmp_path / "samarinda.csv"
    csv_file.write_text(
        "code,level,parent_code,name,name_official\n"
        "64,province,,Kalimantan Timur,KALIMANTAN TIMUR\n"
        "64.72,city,64,Kota Samarinda,KOTA SAMARINDA\n"
        "64.72.01,kecamatan,64.72,Palaran,PALARAN\n"
        "64.72.01.1001,kelurahan,64.72.01,Rawa Makmur,RAWA MAKMUR\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("load_regions", str(csv_file), stdout=out)
    assert "4 created" in out.getvalue()
    assert Region.objects.get(code="64.72.01.1001").parent.name == "Palaran"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("code,level,name\n64,province,X\n", "Kolom CSV tidak lengkap"),
        ("code,level,parent_code,name,name_official\n64.71,city,99,Kota,KOTA\n", "wilayah induk 99 belum ada"),
        ("code,level,parent_code,name,name_official\n64,planet,,X,X\n", "tingkat 'planet' tidak dikenal"),
        ("code,level,parent_code,name,name_official\n64,province,,K,K\n64.01.01,kecamatan,64,X,X\n", "bertingkat"),
    ],
)
def test_a_broken_csv_is_refused_with_a_clear_message_and_loads_nothing(db, body, message):
    with pytest.raises(CsvImportError) as error:
        load_regions(io.StringIO(body))
    assert message in str(error.value)
    assert not Region.objects.exists()


def test_command_reports_a_missing_file(db):
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_regions", "/nonexistent/regions.csv")


def test_csv_import_error_is_a_value_error():
    assert issubclass(CsvImportError, ValueError)
