"""Writes that load reference data (regions, schools) from a city's CSV files, give the roles their permissions, and
open sections to editors."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from cms.models import Region, School, SchoolStatus
from cms.national_regions import SOURCE, TABLES, RegionConflict, RegionRow
from cms.roles import GRANTS, ROOT_COLLECTION_GRANTS, ROOT_PAGE_GRANTS
from cms.spreadsheets import ImportResult, csv_rows, fail
from cms.vocabulary import RegionLevel, Role, SchoolLevel

DEFAULT_REGIONS_CSV = Path(__file__).resolve().parent / "data" / "balikpapan-regions.csv"
REGION_COLUMNS = {"code", "level", "parent_code", "name", "name_official"}
SCHOOL_COLUMNS = {"name", "npsn", "level", "status", "kelurahan_code"}


@transaction.atomic
def load_regions(file: IO[str]) -> ImportResult:
    """Create or update regions from a CSV with Kemendagri codes; parents must come before children.

    Loading the same file twice changes nothing, so a city can reload a corrected list.
    """
    created = updated = 0
    levels = set(RegionLevel.values)
    for line, row in csv_rows(file, REGION_COLUMNS):
        if row["level"] not in levels:
            fail(line, _("tingkat %(level)r tidak dikenal.") % {"level": row["level"]})
        parent = None
        if row["parent_code"]:
            parent = Region.objects.filter(code=row["parent_code"]).first()
            if parent is None:
                fail(line, _("wilayah induk %(code)s belum ada.") % {"code": row["parent_code"]})
        region = Region(
            code=row["code"], level=row["level"], parent=parent, name=row["name"], name_official=row["name_official"]
        )
        try:
            region.clean()
        except ValidationError as error:
            fail(line, " ".join(error.messages))
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


@dataclass(frozen=True)
class RegionTreeResult:
    created: int
    renamed: int
    #: ``(code, name here, name in the source)`` for each region whose name was kept.
    names_kept: list[tuple[str, str, str]] = field(default_factory=list)


@transaction.atomic
def load_region_tree(rows: Sequence[RegionRow], *, rename: bool = False) -> RegionTreeResult:
    """Create the regions of ``rows`` (a :func:`cms.national_regions.region_tree`) that are missing, parents first.

    A region already here keeps its name unless ``rename``: a city may spell a kelurahan the way its people do
    (Balikpapan's "Sungai Nangka", legally "Sungainangka"), and the code, not the name, is what everything files by.
    Nothing is deleted. A region here whose level or parent differs from the source refuses the whole load.
    """
    by_code = {region.code: region for region in Region.objects.filter(code__in=[row.code for row in rows])}
    parent_codes = dict(Region.objects.filter(code__in=by_code).values_list("code", "parent__code"))
    created = 0
    renamed: list[Region] = []
    names_kept: list[tuple[str, str, str]] = []
    for level, _table, _parent in TABLES:
        new_regions = []
        for row in rows:
            if row.level != level:
                continue
            region = by_code.get(row.code)
            if region is None:
                region = Region(code=row.code, level=level, parent=by_code.get(row.parent_code), name=row.name)
                region.clean()
                new_regions.append(region)
                continue
            if region.level != level or (parent_codes[row.code] or "") != row.parent_code:
                raise RegionConflict(
                    _(
                        "Wilayah %(code)s sudah ada sebagai %(level)s di bawah %(parent)s, tetapi %(source)s "
                        "menyebutnya %(source_level)s di bawah %(source_parent)s."
                    )
                    % {
                        "code": row.code,
                        "level": region.get_level_display(),
                        "parent": parent_codes[row.code] or "-",
                        "source": SOURCE,
                        "source_level": level.label,
                        "source_parent": row.parent_code or "-",
                    }
                )
            if region.name == row.name:
                continue
            if rename:
                region.name = row.name
                renamed.append(region)
            else:
                names_kept.append((row.code, region.name, row.name))
        for region in Region.objects.bulk_create(new_regions):
            by_code[region.code] = region
        created += len(new_regions)
    Region.objects.bulk_update(renamed, ["name"])
    return RegionTreeResult(created=created, renamed=len(renamed), names_kept=names_kept)


@transaction.atomic
def import_schools(file: IO[str]) -> ImportResult:
    """Create or update schools from a CSV (``name, npsn, level, status, kelurahan_code``).

    A school with an NPSN is matched on it; one without on its name within the kelurahan.
    """
    created = updated = 0
    for line, row in csv_rows(file, SCHOOL_COLUMNS):
        if row["level"] not in SchoolLevel.values:
            fail(line, _("jenjang %(level)r tidak dikenal.") % {"level": row["level"]})
        if row["status"] not in SchoolStatus.values:
            fail(line, _("status %(status)r harus negeri atau swasta.") % {"status": row["status"]})
        if row["npsn"] and not (row["npsn"].isdigit() and len(row["npsn"]) == 8):
            fail(line, _("NPSN harus 8 digit."))
        kelurahan = Region.objects.kelurahan().filter(code=row["kelurahan_code"]).first()
        if kelurahan is None:
            fail(line, _("kelurahan %(code)s tidak ditemukan.") % {"code": row["kelurahan_code"]})
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


def permissions_named(names: Iterable[str]) -> list[Permission]:
    """The ``Permission`` rows for "app_label.codename" names; a name with no row is an error in the declaration."""
    wanted = set(names)
    found = {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in Permission.objects.select_related("content_type").filter(
            codename__in={name.split(".", 1)[1] for name in wanted}
        )
    }
    missing = wanted - set(found)
    if missing:
        raise LookupError(f"permissions declared in cms.roles but not in the database: {sorted(missing)}")
    return [found[name] for name in sorted(wanted)]


@transaction.atomic
def apply_grants() -> None:
    """Make every role's group hold exactly the permissions ``cms.roles`` declares, and nothing else.

    Runs after every ``migrate`` (``cms.apps``), so a permission added to or taken from the declaration reaches every
    database on the next deploy. Only the four role groups are touched; a permission an administrator wants to give
    beyond a role goes to another group. Forum Anak members' page permissions are per section, left as they are.
    """
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    page_type = ContentType.objects.get_for_model(Page)
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set(permissions_named(GRANTS.get(role, ())))
        if root_page is not None:
            page_permissions = Permission.objects.filter(
                content_type=page_type, codename__in=ROOT_PAGE_GRANTS.get(role, ())
            )
            GroupPagePermission.objects.filter(group=group, page=root_page).exclude(
                permission__in=page_permissions
            ).delete()
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        if root_collection is not None:
            collection_permissions = permissions_named(ROOT_COLLECTION_GRANTS.get(role, ()))
            GroupCollectionPermission.objects.filter(group=group, collection=root_collection).exclude(
                permission__in=collection_permissions
            ).delete()
            for permission in collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


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
