"""Writes of the results area: importing the denominators of the participation rate, and logging exports."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.models import Region, School
from cms.vocabulary import AuditAction
from surveys.models import ChildPopulation, SchoolEnrolment

EXPORT_ACTION = AuditAction.EXPORT


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def _whole_number(value: str, line: int) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = -1
    if number < 0:
        raise ValidationError(_("Baris %(line)s: angka tidak sah: %(value)s") % {"line": line, "value": value})
    return number


@transaction.atomic
def import_population(rows: Iterable[dict[str, str]]) -> ImportResult:
    """Child population per kelurahan from CSV rows ``kode_kelurahan,tahun,jumlah_anak``; all or nothing."""
    created = updated = 0
    for line, row in enumerate(rows, start=2):
        code = (row.get("kode_kelurahan") or "").strip()
        kelurahan = Region.objects.kelurahan().filter(code=code).first()
        if kelurahan is None:
            raise ValidationError(_("Baris %(line)s: kelurahan %(code)s tidak dikenal.") % {"line": line, "code": code})
        _record, was_created = ChildPopulation.objects.update_or_create(
            kelurahan=kelurahan,
            year=_whole_number(row.get("tahun", ""), line),
            defaults={"children": _whole_number(row.get("jumlah_anak", ""), line)},
        )
        created, updated = created + was_created, updated + (not was_created)
    return ImportResult(created, updated)


@transaction.atomic
def import_enrolment(rows: Iterable[dict[str, str]]) -> ImportResult:
    """Pupils per school from CSV rows ``npsn,tahun,jumlah_siswa``; all or nothing."""
    created = updated = 0
    for line, row in enumerate(rows, start=2):
        npsn = (row.get("npsn") or "").strip()
        school = School.objects.filter(npsn=npsn).first() if npsn else None
        if school is None:
            raise ValidationError(
                _("Baris %(line)s: sekolah dengan NPSN %(npsn)s tidak dikenal.") % {"line": line, "npsn": npsn}
            )
        _record, was_created = SchoolEnrolment.objects.update_or_create(
            school=school,
            year=_whole_number(row.get("tahun", ""), line),
            defaults={"pupils": _whole_number(row.get("jumlah_siswa", ""), line)},
        )
        created, updated = created + was_created, updated + (not was_created)
    return ImportResult(created, updated)


def read_csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def log_export(*, user, survey=None, kind: str, file_format: str, filters: dict) -> None:
    """Audit who exported which aggregates; the data names the export, never a number of it.

    The entry hangs on the survey exported, or on the exporting account when the export spans surveys.
    """
    log(
        instance=survey or user,
        action=EXPORT_ACTION,
        user=user,
        title=f"{kind}.{file_format}",
        data={"kind": kind, "format": file_format, "filters": filters},
    )
