"""CSV and XLSX files in and out: the one place that writes a download and reads an uploaded list.

Out: rows in, a file out, with text a spreadsheet would run as a formula escaped (children's free text can start
with ``=``), numbers kept as numbers (so Excel's SUM counts them), the file name, the MIME type and the audit entry.
In: a CSV's rows with their line numbers, checked for the columns a loader needs, and errors that name the line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, NoReturn

import xlsxwriter
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from wagtail.log_actions import log

from cms.vocabulary import AuditAction

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}
EXPORT_ACTION = AuditAction.EXPORT
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_TYPES = (int, float, Decimal)


def safe_cell(value: object) -> str | int | float | Decimal:
    """A number as itself; anything else as text that no spreadsheet will run as a formula."""
    if value.__class__ is str:  # the common case first: a million-row export calls this for every cell
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, NUMBER_TYPES) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class Sheet:
    """What a download holds: a header row then data rows, under a few lines that say what the numbers are.

    ``methods`` are (label, value) pairs saying how the numbers were made (survey, period, filters, k, method,
    generated on): written once, as a second worksheet of an XLSX and as lines before the rows of a CSV.
    """

    title: str
    rows: Iterable[Sequence[object]]
    preamble: Sequence[str] = field(default_factory=tuple)
    methods: Sequence[tuple[str, object]] = field(default_factory=tuple)
    #: The rows' cells have been through :func:`safe_cell` already (it changes a safe cell no further), so a
    #: million-row export is not escaped twice.
    escaped: bool = False


METHODS_TITLE = "Metode"


def write_csv(sheet: Sheet) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Indonesian text correctly."""
    buffer = io.StringIO()
    stream_csv(sheet, buffer)
    return buffer.getvalue().encode("utf-8")


def stream_csv(sheet: Sheet, file: IO[str]) -> None:
    """The CSV of :func:`write_csv` written row by row into ``file`` (a text file opened with ``newline=""``), so
    a million rows never sit in memory at once."""
    file.write("\ufeff")
    writer = csv.writer(file)
    for line in sheet.preamble:
        writer.writerow([safe_cell(line)])
    for label, value in sheet.methods:
        writer.writerow([safe_cell(label), safe_cell(value)])
    if sheet.methods:
        writer.writerow([])
    writer.writerows(sheet.rows if sheet.escaped else map(_safe_row, sheet.rows))


def _safe_row(row: Sequence[object]) -> list:
    return [safe_cell(value) for value in row]


def xlsx_cell(value: object) -> str | int | float | Decimal:
    """A safe cell without the control characters XLSX cannot hold (a child's text may carry one): each shows as �."""
    value = safe_cell(value)
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value


def write_xlsx(sheet: Sheet) -> bytes:
    """The rows' worksheet, written row by row (openpyxl's write-only mode), the header row in bold; then the
    "Metode" worksheet when the sheet has methods."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet.title[:31] or "data")
    for line in sheet.preamble:
        worksheet.append([xlsx_cell(line)])
    bold = Font(bold=True)
    for number, row in enumerate(sheet.rows):
        cells = [xlsx_cell(value) for value in row]
        if number == 0:
            cells = [_bold(worksheet, value, bold) for value in cells]
        worksheet.append(cells)
    if sheet.methods:
        methods = workbook.create_sheet(METHODS_TITLE)
        for label, value in sheet.methods:
            methods.append([_bold(methods, xlsx_cell(label), bold), xlsx_cell(value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def stream_xlsx(sheet: Sheet, path: str | Path) -> None:
    """The workbook of :func:`write_xlsx` written to ``path`` row by row with XlsxWriter's constant-memory mode
    (each row goes to disk once the next begins; ZIP64 for files past 4 GB), so memory stays flat at any size."""
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "use_zip64": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = workbook.add_format({"bold": True})
    worksheet = workbook.add_worksheet(sheet.title[:31] or "data")
    number = 0
    for line in sheet.preamble:
        _write_xlsx_row(worksheet, number, [line])
        number += 1
    for index, row in enumerate(sheet.rows):
        _write_xlsx_row(worksheet, number, row, bold if index == 0 else None)
        number += 1
    if sheet.methods:
        methods = workbook.add_worksheet(METHODS_TITLE)
        for row_number, (label, value) in enumerate(sheet.methods):
            _write_xlsx_row(methods, row_number, [label], bold)
            _write_xlsx_row(methods, row_number, [value], first_column=1)
    workbook.close()


def _write_xlsx_row(worksheet, number: int, row: Sequence[object], cell_format=None, first_column: int = 0) -> None:
    """One row: numbers as numbers, text escaped as :func:`xlsx_cell` does, empty cells left out (as openpyxl
    reads an empty string back as no value)."""
    for column, value in enumerate(row, start=first_column):
        value = xlsx_cell(value)
        if isinstance(value, str):
            if value:
                worksheet.write_string(number, column, value, cell_format)
        else:
            worksheet.write_number(number, column, value, cell_format)


def _bold(worksheet, value, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=value)
    cell.font = font
    return cell


def download(
    request: HttpRequest,
    sheet: Sheet,
    *,
    file_format: str,
    filename: str,
    audited: Model,
    kind: str,
    details: dict | None = None,
) -> HttpResponse:
    """The file as an attachment, recorded in the audit log on ``audited`` (the survey, or the reader's account).

    The entry names the export, its format and ``details`` (the filters), never a number from it. Unknown formats
    are a 404, as if the URL did not exist.
    """
    if file_format not in FORMATS:
        raise Http404
    content = write_csv(sheet) if file_format == "csv" else write_xlsx(sheet)
    record_export(request, audited=audited, kind=kind, file_format=file_format, details=details)
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


def record_export(
    request: HttpRequest, *, audited: Model, kind: str, file_format: str, details: dict | None = None
) -> None:
    """Audit who took which export (a printable report too); the entry names it, never a number of it."""
    log(
        instance=audited,
        action=EXPORT_ACTION,
        user=request.user,
        title=f"{kind}.{file_format}",
        data={"kind": kind, "format": file_format, **(details or {})},
    )


class CsvImportError(ValueError):
    """A CSV that cannot be loaded; the message names the line and what is wrong, in the reader's language."""


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def fail(line: int, message: str) -> NoReturn:
    raise CsvImportError(_("Baris %(line)d: %(message)s") % {"line": line, "message": message})


def csv_rows(file: IO[str], required: set[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row with its line number in the file (the header is line 1), values stripped of spaces."""
    reader = csv.DictReader(file)
    missing = required - set(reader.fieldnames or [])
    if missing:
        raise CsvImportError(_("Kolom CSV tidak lengkap, yang hilang: %(cols)s") % {"cols": ", ".join(sorted(missing))})
    for line, row in enumerate(reader, start=2):
        yield line, {key: (value or "").strip() for key, value in row.items() if key}


def whole_number(value: str, line: int) -> int:
    """A count from a CSV cell: a whole number, zero or more."""
    try:
        number = int(value.strip())
    except ValueError:
        number = -1
    if number < 0:
        fail(line, _("angka tidak sah: %(value)s") % {"value": value})
    return number


def open_csv(path: str) -> IO[str]:
    """A CSV file as text, with or without the byte-order mark Excel writes."""
    return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
