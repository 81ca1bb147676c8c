"""The rows of the suppressed-results exports: the same numbers the dashboards show, labels included.

Every count written is a :class:`~surveys.aggregates.SuppressedCell` (a number, or "< 5", "≥ 5", "x"), so an
export can never hold more than a screen does. Each file opens with the method and the suppression rule; the files
themselves are written by ``cms.spreadsheets``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from surveys.charts import Chart
from surveys.indicators import IndicatorResult


def suppression_rule(k: int) -> str:
    return _(
        'Aturan kelompok kecil: angka tentang kurang dari %(k)s anak ditampilkan sebagai "< %(k)s"; angka lain '
        'yang dapat dipakai untuk menghitungnya ditampilkan sebagai "≥ %(k)s"; tabel yang terlalu kecil '
        'ditampilkan dengan "x". Tampilan yang difilter selalu dihitung bersama responden lainnya.'
    ) % {"k": k}


def summary_rows(charts: Sequence[Chart]) -> list[list[str | int]]:
    header = [_("Pertanyaan"), _("Kelompok"), _("Jawaban"), _("Jumlah anak"), _("Keterangan")]
    rows = [header]
    for chart in charts:
        table = chart.table
        for body_row in table.body:
            for label, cell in zip(table.column_labels, body_row.cells, strict=True):
                rows.append([chart.id.removeprefix("q-"), body_row.label, label, cell.in_file, chart.caption])
            rows.append(
                [
                    chart.id.removeprefix("q-"),
                    body_row.label,
                    _("Jumlah responden"),
                    body_row.total.in_file,
                    chart.caption,
                ]
            )
    return rows


def indicator_rows(results: Iterable[IndicatorResult]) -> list[list[str | int | float]]:
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
                figure.numerator.in_file,
                "" if figure.denominator is None else figure.denominator,
                "" if figure.rate is None else figure.rate,
                figure.respondents.in_file if figure.respondents else "",
                figure.method,
            ]
        )
    return rows
