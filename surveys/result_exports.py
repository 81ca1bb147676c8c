"""Exports of suppressed results as CSV and XLSX: the same numbers the dashboards show, labels included.

Every value written is a :class:`~surveys.aggregates.SuppressedCell` label ("12", "< 5", "≥ 5", "x"), so an
export can never hold more than a screen does. Each file opens with the method and the suppression rule.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from surveys.charts import Chart
from surveys.indicators import IndicatorResult

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def suppression_rule(k: int) -> str:
    return _(
        'Aturan kelompok kecil: angka tentang kurang dari %(k)s anak ditampilkan sebagai "< %(k)s"; angka lain '
        'yang dapat dipakai untuk menghitungnya ditampilkan sebagai "≥ %(k)s"; tabel yang terlalu kecil '
        'ditampilkan dengan "x". Tampilan yang difilter selalu dihitung bersama responden lainnya.'
    ) % {"k": k}


def summary_rows(charts: Sequence[Chart]) -> list[list[str]]:
    header = [_("Pertanyaan"), _("Kelompok"), _("Jawaban"), _("Jumlah anak"), _("Keterangan")]
    rows = [header]
    for chart in charts:
        table = chart.table
        for body_row in table.body:
            for label, cell in zip(table.column_labels, body_row.cells, strict=True):
                rows.append([chart.id.removeprefix("q-"), body_row.label, label, cell.label, chart.caption])
            rows.append(
                [
                    chart.id.removeprefix("q-"),
                    body_row.label,
                    _("Jumlah responden"),
                    body_row.total.label,
                    chart.caption,
                ]
            )
    return rows


def indicator_rows(results: Iterable[IndicatorResult]) -> list[list[str]]:
    header = [
        _("Indikator"),
        _("Klaster KLA"),
        _("Periode"),
        _("Wilayah"),
        _("Pembilang"),
        _("Penyebut"),
        _("Persen"),
        _("Jumlah anak di baliknya"),
        _("Cara menghitung"),
    ]
    rows = [header]
    for result in results:
        figure = result.figure
        rows.append(
            [
                result.indicator.name,
                result.cluster_label,
                result.period.label,
                result.area_label,
                figure.numerator.label,
                "" if figure.denominator is None else str(figure.denominator),
                "" if figure.rate is None else f"{figure.rate}",
                figure.respondents.label if figure.respondents else "",
                figure.method,
            ]
        )
    return rows


def as_csv(rows: list[list[str]], preamble: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in preamble:
        writer.writerow([line])
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(rows: list[list[str]], preamble: Sequence[str], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for line in preamble:
        sheet.append([line])
    header_row = sheet.max_row + 1
    for row in rows:
        sheet.append(row)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
