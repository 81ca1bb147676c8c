import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from cms.models import School, SchoolLevel, SchoolStatus
from cms.services import import_schools
from cms.spreadsheets import CsvImportError

HEADER = "name,npsn,level,status,kelurahan_code\n"


def test_schools_import_from_csv_and_reimport_updates_in_place(regions, tmp_path):
    csv_file = tmp_path / "schools.csv"
    csv_file.write_text(
        HEADER + "SD Uji Satu,12345678,SD,negeri,64.71.01.1001\nSMP Uji Dua,,SMP,swasta,64.71.03.1001\n",
        encoding="utf-8",
    )
    call_command("import_schools", str(csv_file), stdout=io.StringIO())
    assert School.objects.count() == 2
    first = School.objects.get(npsn="12345678")
    assert (first.level, first.status, first.kelurahan.name) == (SchoolLevel.SD, SchoolStatus.PUBLIC, "Manggar")
    assert School.objects.get(name="SMP Uji Dua").npsn is None

    csv_file.write_text(HEADER + "SD Uji Satu Baru,12345678,SD,negeri,64.71.01.1001\n", encoding="utf-8")
    call_command("import_schools", str(csv_file), stdout=io.StringIO())
    assert School.objects.count() == 2
    assert School.objects.get(npsn="12345678").name == "SD Uji Satu Baru"


def test_npsn_is_optional_but_unique_when_given(regions):
    from cms.models import Region

    kelurahan = Region.objects.kelurahan().first()
    School.objects.create(name="A", npsn="", level="SD", status="negeri", kelurahan=kelurahan)
    School.objects.create(name="B", npsn=None, level="SD", status="negeri", kelurahan=kelurahan)
    School.objects.create(name="C", npsn="87654321", level="SD", status="negeri", kelurahan=kelurahan)
    with pytest.raises(IntegrityError), transaction.atomic():
        School.objects.create(name="D", npsn="87654321", level="SD", status="negeri", kelurahan=kelurahan)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("SD X,,TK,negeri,64.71.01.1001", "jenjang 'TK' tidak dikenal"),
        ("SD X,,SD,umum,64.71.01.1001", "harus negeri atau swasta"),
        ("SD X,123,SD,negeri,64.71.01.1001", "NPSN harus 8 digit"),
        ("SD X,,SD,negeri,64.71.01", "kelurahan 64.71.01 tidak ditemukan"),
    ],
)
def test_bad_school_rows_are_refused_and_nothing_is_imported(regions, row, message):
    good = "SD Baik,,SD,negeri,64.71.01.1001\n"
    with pytest.raises(CsvImportError, match=message):
        import_schools(io.StringIO(HEADER + good + row + "\n"))
    assert not School.objects.exists()
