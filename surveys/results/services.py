"""Writes of the results area: importing the denominators of the participation rate."""

from __future__ import annotations

from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from cms.models import Region, School
from cms.spreadsheets import ImportResult, csv_rows, fail, whole_number
from surveys.results.models import ChildPopulation, SchoolEnrolment

COUNT_COLUMNS = {
    "population": {"kode_kelurahan", "tahun", "jumlah_anak"},
    "enrolment": {"npsn", "tahun", "jumlah_siswa"},
}


@transaction.atomic
def import_population(file: IO[str]) -> ImportResult:
    """Child population per kelurahan from a CSV ``kode_kelurahan,tahun,jumlah_anak``; all or nothing."""
    created = updated = 0
    for line, row in csv_rows(file, COUNT_COLUMNS["population"]):
        kelurahan = Region.objects.kelurahan().filter(code=row["kode_kelurahan"]).first()
        if kelurahan is None:
            fail(line, _("kelurahan %(code)s tidak dikenal.") % {"code": row["kode_kelurahan"]})
        _record, was_created = ChildPopulation.objects.update_or_create(
            kelurahan=kelurahan,
            year=whole_number(row["tahun"], line),
            defaults={"children": whole_number(row["jumlah_anak"], line)},
        )
        created, updated = created + was_created, updated + (not was_created)
    return ImportResult(created, updated)


@transaction.atomic
def import_enrolment(file: IO[str]) -> ImportResult:
    """Pupils per school from a CSV ``npsn,tahun,jumlah_siswa``; all or nothing."""
    created = updated = 0
    for line, row in csv_rows(file, COUNT_COLUMNS["enrolment"]):
        school = School.objects.filter(npsn=row["npsn"]).first() if row["npsn"] else None
        if school is None:
            fail(line, _("sekolah dengan NPSN %(npsn)s tidak dikenal.") % {"npsn": row["npsn"]})
        _record, was_created = SchoolEnrolment.objects.update_or_create(
            school=school,
            year=whole_number(row["tahun"], line),
            defaults={"pupils": whole_number(row["jumlah_siswa"], line)},
        )
        created, updated = created + was_created, updated + (not was_created)
    return ImportResult(created, updated)
