"""The rows of the suppressed-results exports: the same numbers the dashboards show, labels included.

Every count written is a :class:`~surveys.results.suppression.SuppressedCell` (a number, or "< 5", "≥ 5", "x"), so an
export can never hold more than a screen does. How the numbers were made (survey, version, period, filters, k,
method, generated on) is said once, in the methods rows (the XLSX's "Metode" sheet), not on every row; the files
themselves are written by ``cms.spreadsheets``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from surveys.results.charts import Chart
from surveys.results.indicators import IndicatorResult, Period
from surveys.results.suppression import SuppressedCell, SuppressedTable, rounding_base


def suppression_rule(k: int) -> str:
    return _(
        'Aturan kelompok kecil: angka tentang kurang dari %(k)s anak ditampilkan sebagai "< %(k)s"; angka lain '
        'yang dapat dipakai untuk menghitungnya ditampilkan sebagai "≥ %(k)s"; tabel yang terlalu kecil '
        'ditampilkan dengan "x". Tampilan yang difilter selalu dihitung bersama responden lainnya. Angka lain '
        "dibulatkan ke kelipatan %(base)s, sehingga angka dalam satu tabel tidak selalu tepat berjumlah sama dengan "
        "totalnya."
    ) % {"k": k, "base": rounding_base(k)}


def definitions() -> list[tuple[str, str]]:
    """What the figures count, each defined once in code and stated here in words, for the methods note of every
    results page and the methods sheet of every export.

    Respondent: ``surveys.models.has_answers``; a response's area: ``surveys.models.response_kecamatan`` and
    ``in_response_area``; who counts for the indicator: ``surveys.results.indicators.responses_in`` and ``schools``.
    """
    return [
        (
            _("Responden"),
            _(
                "Responden adalah kiriman survei anak yang berisi sedikitnya satu jawaban. Kiriman yang semua "
                "pertanyaannya dilewati ditampilkan terpisah sebagai “dikirim tanpa jawaban” dan tidak dihitung "
                "sebagai responden. Angka di bawah setiap pertanyaan adalah responden yang menjawab pertanyaan itu."
            ),
        ),
        (
            _("Wilayah jawaban"),
            _(
                "Kecamatan sebuah jawaban adalah kecamatan yang tersimpan pada jawaban itu (dipilih anak, atau "
                "kecamatan sekolah dari kode kelas); bila tidak ada, kecamatan sekolahnya. Kelurahan sebuah jawaban "
                "adalah kelurahan sekolahnya. Jawaban tanpa keduanya (tanpa kode kelas, dan anak menjawab “Aku tidak "
                "tahu” atau melewatinya) masuk “Tidak diketahui”: wilayahnya tidak pernah ditebak. Filter, rincian, "
                "laporan, ekspor dan indikator memakai arti yang sama."
            ),
        ),
        (
            _("Metode perlindungan"),
            _(
                "Pembulatan acak tetap (fixed random rounding), gagasan “cell key” yang dipakai Biro Statistik "
                "Australia (TableBuilder) dan Stats NZ: setiap angka yang ditampilkan dibulatkan ke kelipatan 5 "
                "(atau 10 bila k lebih dari 5), naik atau turun secara acak tetapi selalu sama untuk angka yang sama. "
                "Karena itu mengurangkan satu tampilan dari tampilan lain, dengan filter apa pun, tidak pernah "
                "menghasilkan jumlah pasti sebuah kelompok yang lebih kecil dari k. Persen dihitung dari angka yang "
                "sudah dibulatkan. Tanggal hanya dapat dipilih per bulan penuh."
            ),
        ),
        (
            _("Pembaruan hasil"),
            _(
                "Jawaban baru diterbitkan berkelompok: baru masuk ke hasil setelah sedikitnya k jawaban baru terkumpul "
                "(atau setelah survei ditutup). Karena itu tidak ada angka yang berubah karena satu anak mengirim "
                "jawaban, dan semua halaman serta berkas menunjukkan angka yang sama."
            ),
        ),
        (
            _("Yang dihitung indikator"),
            _(
                "Hanya kiriman survei untuk anak yang berisi jawaban dihitung sebagai anak yang berpartisipasi. "
                "Kuesioner sekolah diisi koordinator sekolah: dihitung sebagai sekolah yang ikut serta, tidak pernah "
                "sebagai anak."
            ),
        ),
    ]


def summary_rows(
    charts: Sequence[Chart],
    *,
    respondents: SuppressedTable | None = None,
    blank: SuppressedCell | None = None,
    blank_group: str = "",
) -> list[list[str | int]]:
    """One row per group and answer: the question's code beside its text, the count a number where shown.

    First the survey's respondents per group (the page's respondents table) and its submissions without an answer,
    which are not respondents.
    """
    header = [_("Kode pertanyaan"), _("Pertanyaan"), _("Kelompok"), _("Jawaban"), _("Jumlah anak")]
    rows = [header]
    whole_survey = _("Seluruh survei")
    if respondents is not None:
        for body_row in respondents.body:
            rows.append(["", whole_survey, body_row.label, _("Responden"), body_row.total.in_file])
    if blank is not None:
        rows.append(["", whole_survey, blank_group, _("Dikirim tanpa jawaban"), blank.in_file])
    for chart in charts:
        table = chart.table
        code = chart.id.removeprefix("q-")
        for body_row in table.body:
            for label, cell in zip(table.column_labels, body_row.cells, strict=True):
                rows.append([code, chart.title, body_row.label, label, cell.in_file])
            rows.append([code, chart.title, body_row.label, _("Menjawab pertanyaan ini"), body_row.total.in_file])
    return rows


def generated_on() -> str:
    return f"{localtime():%d-%m-%Y %H:%M}"


def summary_methods(survey, *, period: str, filters: str) -> list[tuple[str, object]]:
    """The methods sheet of a survey summary: what was counted, from which version, how and when."""
    versions = ", ".join(str(number) for number in survey.versions.values_list("number", flat=True))
    return [
        (_("Survei"), survey.title),
        (_("Versi"), versions or "–"),
        (_("Periode"), period),
        (_("Filter yang dipakai"), filters or _("Tanpa filter (seluruh kota)")),
        (_("Ukuran kelompok terkecil (k)"), survey.min_group_size),
        (_("Cara menghitung"), suppression_rule(survey.min_group_size)),
        *definitions(),
        (_("Dibuat pada"), generated_on()),
    ]


def indicator_methods(period: Period, area: str, *, k: int) -> list[tuple[str, object]]:
    """The methods sheet of the indicator export."""
    return [
        (_("Periode"), period.label),
        (_("Wilayah"), area),
        (_("Ukuran kelompok terkecil (k)"), k),
        (_("Cara menghitung"), suppression_rule(k)),
        *definitions(),
        (_("Dibuat pada"), generated_on()),
    ]


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
