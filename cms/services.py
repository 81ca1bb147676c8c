"""Writes that load reference data (regions, schools) from a city's CSV files, and that open sections to editors."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NoReturn

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page

from cms.models import Region, School, SchoolStatus
from cms.vocabulary import RegionLevel, Role, SchoolLevel

DEFAULT_REGIONS_CSV = Path(__file__).resolve().parent / "data" / "balikpapan-regions.csv"
REGION_COLUMNS = {"code", "level", "parent_code", "name", "name_official"}
SCHOOL_COLUMNS = {"name", "npsn", "level", "status", "kelurahan_code"}


class CsvImportError(ValueError):
    """A CSV row that cannot be loaded; the message names the line and what is wrong, in Indonesian."""


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def _fail(line: int, message: str) -> NoReturn:
    raise CsvImportError(_("Baris %(line)d: %(message)s") % {"line": line, "message": message})


def _rows(file: IO[str], required: set[str]) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(file)
    missing = required - set(reader.fieldnames or [])
    if missing:
        raise CsvImportError(_("Kolom CSV tidak lengkap, yang hilang: %(cols)s") % {"cols": ", ".join(sorted(missing))})
    for line, row in enumerate(reader, start=2):
        yield line, {key: (value or "").strip() for key, value in row.items() if key}


@transaction.atomic
def load_regions(file: IO[str]) -> ImportResult:
    """Create or update regions from a CSV with Kemendagri codes; parents must come before children.

    Loading the same file twice changes nothing, so a city can reload a corrected list.
    """
    created = updated = 0
    levels = set(RegionLevel.values)
    for line, row in _rows(file, REGION_COLUMNS):
        if row["level"] not in levels:
            _fail(line, _("tingkat %(level)r tidak dikenal.") % {"level": row["level"]})
        parent = None
        if row["parent_code"]:
            parent = Region.objects.filter(code=row["parent_code"]).first()
            if parent is None:
                _fail(line, _("wilayah induk %(code)s belum ada.") % {"code": row["parent_code"]})
        region = Region(
            code=row["code"], level=row["level"], parent=parent, name=row["name"], name_official=row["name_official"]
        )
        try:
            region.clean()
        except ValidationError as error:
            _fail(line, " ".join(error.messages))
        _region, was_created = Region.objects.update_or_create(
            code=row["code"],
            defaults={
                "level": row["level"],
                "parent": parent,
                "name": row["name"],
                "name_official": row["name_official"],
            },
        )
        created += was_created
        updated += not was_created
    return ImportResult(created=created, updated=updated)


@transaction.atomic
def import_schools(file: IO[str]) -> ImportResult:
    """Create or update schools from a CSV (``name, npsn, level, status, kelurahan_code``).

    A school with an NPSN is matched on it; one without on its name within the kelurahan.
    """
    created = updated = 0
    for line, row in _rows(file, SCHOOL_COLUMNS):
        if row["level"] not in SchoolLevel.values:
            _fail(line, _("jenjang %(level)r tidak dikenal.") % {"level": row["level"]})
        if row["status"] not in SchoolStatus.values:
            _fail(line, _("status %(status)r harus negeri atau swasta.") % {"status": row["status"]})
        if row["npsn"] and not (row["npsn"].isdigit() and len(row["npsn"]) == 8):
            _fail(line, _("NPSN harus 8 digit."))
        kelurahan = Region.objects.kelurahan().filter(code=row["kelurahan_code"]).first()
        if kelurahan is None:
            _fail(line, _("kelurahan %(code)s tidak ditemukan.") % {"code": row["kelurahan_code"]})
        values = {"name": row["name"], "level": row["level"], "status": row["status"], "kelurahan": kelurahan}
        if row["npsn"]:
            _school, was_created = School.objects.update_or_create(npsn=row["npsn"], defaults=values)
        else:
            _school, was_created = School.objects.update_or_create(
                name=row["name"], kelurahan=kelurahan, defaults=values | {"npsn": None}
            )
        created += was_created
        updated += not was_created
    return ImportResult(created=created, updated=updated)


MEMBER_PAGE_PERMISSIONS = ("add_page", "change_page")


@transaction.atomic
def open_to_forum_members(section: Page) -> None:
    """Let Forum Anak members draft and edit pages under ``section``, and nowhere else.

    Members never get the publish permission, so what they write goes live only through the facilitators'
    approval workflow. Running this again for the same section changes nothing.
    """
    group = Group.objects.filter(name=Role.FORUM_MEMBER.value).first()
    if group is None:
        return
    page_type = ContentType.objects.get_for_model(Page)
    for permission in Permission.objects.filter(content_type=page_type, codename__in=MEMBER_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=group, page=section, permission=permission)
