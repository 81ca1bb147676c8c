"""Indonesia's administrative areas with their Kemendagri codes, as shipped in ``cms/data/regions/``.

The tables are the data files of the npm package idn-area-data (MIT for the code, ODbL for the data; see
``cms/data/regions/README.md``), gzipped and otherwise unchanged. They are read, never loaded whole: a city loads
its own tree (:func:`region_tree`) with ``load_regions --city`` so the database holds only the regions in use.
"""

import csv
import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from cms.vocabulary import RegionLevel, lies_within

SOURCE_DIR = Path(__file__).resolve().parent / "data" / "regions"
SOURCE = "idn-area-data 4.0.1"

#: Each level's table in the package and the column naming its parent, top level first.
TABLES: tuple[tuple[RegionLevel, str, str | None], ...] = (
    (RegionLevel.PROVINCE, "provinces", None),
    (RegionLevel.CITY, "regencies", "province_code"),
    (RegionLevel.KECAMATAN, "districts", "regency_code"),
    (RegionLevel.KELURAHAN, "villages", "district_code"),
)


class UnknownRegion(LookupError):
    """No region of the asked level has the code; the message says so in the reader's language."""


class RegionConflict(ValueError):
    """A region already loaded sits at another level or under another parent than the source says."""


@dataclass(frozen=True)
class RegionRow:
    code: str
    level: RegionLevel
    parent_code: str
    name: str


def read_level(level: RegionLevel) -> Iterator[RegionRow]:
    """Every region of ``level`` in the shipped tables, in the tables' order (by code)."""
    for table_level, table, parent_column in TABLES:
        if table_level != level:
            continue
        with gzip.open(SOURCE_DIR / f"{table}.csv.gz", mode="rt", encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                parent_code = row[parent_column] if parent_column else ""
                yield RegionRow(code=row["code"], level=level, parent_code=parent_code, name=row["name"])


def region_tree(code: str, level: RegionLevel) -> list[RegionRow]:
    """The region of ``level`` with ``code``, the regions above it and every region below it, parents first.

    Raises :class:`UnknownRegion` when the tables have no region of that level with that code.
    """
    rows: list[RegionRow] = []
    found = False
    for table_level, _table, _parent in TABLES:
        for row in read_level(table_level):
            if row.code == code and table_level == level:
                found = True
                rows.append(row)
            elif lies_within(code, row.code) or lies_within(row.code, code):
                rows.append(row)
    if not found:
        raise UnknownRegion(unknown_region_message(code, level))
    return rows


def unknown_region_message(code: str, level: RegionLevel) -> str:
    """Why ``code`` is refused, naming the region it belongs to at another level when there is one."""
    message = _("Tidak ada %(level)s dengan kode %(code)r di %(source)s.") % {
        "level": level.label,
        "code": code,
        "source": SOURCE,
    }
    for table_level, _table, _parent in TABLES:
        if table_level == level:
            continue
        for row in read_level(table_level):
            if row.code == code:
                hint = _("Kode %(code)s adalah %(name)s (%(level)s).") % {
                    "code": code,
                    "level": table_level.label,
                    "name": row.name,
                }
                return f"{message} {hint}"
    return message
