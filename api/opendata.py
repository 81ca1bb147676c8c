"""A published survey's results as a Frictionless data package (``datapackage.json`` and CSV files in a zip), for
a city's open-data portal (CKAN reads data packages).

It holds what the public results page shows, and nothing more: the published questions' suppressed tables for the
whole city and by kecamatan, the survey's respondents, and the participation indicator for the survey's year. A
hidden count is an empty cell in the number column, with its label ("< 5", "≥ 5", "x") beside it, so the number
column stays an integer column. The methods, the suppression rule and the licence are in ``datapackage.json``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from surveys.models import SurveyPage
from surveys.results import pages as results
from surveys.results.exports import definitions, suppression_rule
from surveys.results.indicators import Period, indicator_table
from surveys.results.suppression import SuppressedCell

SUMMARY_FIELDS = [
    ("kode_pertanyaan", "string", "Kode pertanyaan, sama di setiap bahasa dan versi"),
    ("pertanyaan", "string", "Teks pertanyaan"),
    ("rincian", "string", "Rincian tabel: kota atau kecamatan"),
    ("kelompok", "string", "Kelompok (baris tabel)"),
    ("kode_jawaban", "string", "Kode jawaban; kosong untuk jumlah yang menjawab pertanyaan"),
    ("jawaban", "string", "Teks jawaban"),
    ("jumlah_anak", "integer", "Jumlah anak (dibulatkan); kosong bila disamarkan"),
    ("keterangan_jumlah", "string", "Jumlah seperti ditampilkan: angka, atau alasan disamarkan (< k, ≥ k, x)"),
]
INDICATOR_FIELDS = [
    ("indikator", "string", "Nama indikator"),
    ("klaster", "string", "Klaster KLA"),
    ("periode_mulai", "date", "Awal periode"),
    ("periode_selesai", "date", "Akhir periode"),
    ("wilayah", "string", "Wilayah"),
    ("pembilang", "integer", "Pembilang (dibulatkan); kosong bila disamarkan"),
    ("keterangan_pembilang", "string", "Pembilang seperti ditampilkan"),
    ("penyebut", "integer", "Penyebut; kosong bila tidak ada"),
    ("persen", "number", "Persen; kosong bila tidak dapat dihitung"),
    ("jumlah_anak", "integer", "Jumlah anak di baliknya (dibulatkan); kosong bila tidak ada atau disamarkan"),
    ("cara_menghitung", "string", "Cara menghitung"),
]


def _number(cell: SuppressedCell | None) -> str:
    return "" if cell is None or cell.value is None else str(cell.value)


def _label(cell: SuppressedCell | None) -> str:
    return "" if cell is None else str(cell.label)


def summary_rows(survey: SurveyPage) -> list[list[str]]:
    """The published questions' tables, city-wide and by kecamatan, each cell as the public page shows it."""
    rows = []
    for code in survey.published_results or []:
        for by in (None, "kecamatan"):
            chart = results.published_chart(survey, code, by=by)
            if chart is None:
                continue
            table = chart.table
            breakdown = _("kecamatan") if by else _("kota")
            for body_row in table.body:
                for column, label, cell in zip(table.columns, table.column_labels, body_row.cells, strict=True):
                    rows.append(
                        [code, chart.title, breakdown, body_row.label, column, label, _number(cell), _label(cell)]
                    )
                total = body_row.total
                rows.append(
                    [
                        code,
                        chart.title,
                        breakdown,
                        body_row.label,
                        "",
                        _("Menjawab pertanyaan ini"),
                        _number(total),
                        _label(total),
                    ]
                )
    return rows


def indicator_period(survey: SurveyPage) -> Period:
    """The indicator's year: the year the survey opened, else this year."""
    opened = timezone.localtime(survey.opens_at) if survey.opens_at else timezone.localtime()
    return Period.year(opened.year)


def indicator_rows(period: Period) -> list[list[str]]:
    rows = []
    for result in indicator_table(period):
        figure = result.figure
        rows.append(
            [
                result.indicator.name,
                str(result.cluster_label),
                result.period.start.isoformat(),
                result.period.end.isoformat(),
                str(result.area_label),
                _number(figure.numerator),
                _label(figure.numerator),
                "" if figure.denominator is None else str(figure.denominator),
                "" if figure.rate is None else str(figure.rate),
                _number(figure.respondents),
                str(figure.method),
            ]
        )
    return rows


def _csv(fields, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _type, _description in fields])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _resource(name: str, path: str, title: str, fields) -> dict:
    return {
        "name": name,
        "path": path,
        "title": title,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": [{"name": n, "type": t, "description": description} for n, t, description in fields],
            "missingValues": [""],
        },
    }


def package_name(survey: SurveyPage) -> str:
    return f"suara-anak-{survey.pk}-{slugify(survey.slug)}"[:100]


def descriptor(survey: SurveyPage, period: Period) -> dict:
    rule = suppression_rule(survey.min_group_size)
    methods = "\n\n".join(f"{title}: {text}" for title, text in definitions())
    return {
        "name": package_name(survey),
        "title": _("Hasil survei anak: %(title)s") % {"title": survey.title},
        "description": f"{rule}\n\n{methods}",
        "version": "1.0.0",
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "licenses": [dict(settings.OPEN_DATA_LICENSE)],
        "keywords": ["Kota Layak Anak", "partisipasi anak", "Forum Anak", "survei"],
        "homepage": survey.full_url or "",
        "suppression": {"k": survey.min_group_size, "rule": rule},
        "methods": [{"title": str(title), "text": str(text)} for title, text in definitions()],
        "resources": [
            _resource("ringkasan", "ringkasan.csv", _("Ringkasan hasil yang diumumkan (disamarkan)"), SUMMARY_FIELDS),
            _resource(
                "indikator",
                "indikator.csv",
                _("Indikator partisipasi anak %(period)s") % {"period": period.label},
                INDICATOR_FIELDS,
            ),
        ],
    }


def package(survey: SurveyPage) -> bytes:
    """The zip: ``datapackage.json``, ``ringkasan.csv`` and ``indikator.csv``."""
    period = indicator_period(survey)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor(survey, period), ensure_ascii=False, indent=2))
        archive.writestr("ringkasan.csv", _csv(SUMMARY_FIELDS, summary_rows(survey)))
        archive.writestr("indikator.csv", _csv(INDICATOR_FIELDS, indicator_rows(period)))
    return buffer.getvalue()
