"""Time the KLA evidence pack on the demo data: gathering its figures, rendering its HTML and drawing its PDF.

    env DATABASE_URL=postgres://postgres@127.0.0.1:5432/suara_pack SUARA_ENV=dev \\
        .venv/bin/python -u bench/evidence_pack.py --repeat 3

Expects a database with the demo data (``manage.py seed_demo``); reads only. Times, for the whole city and for the
first kecamatan, the current year: :func:`surveys.results.evidence.build` (every figure, as the page asks for
them), the template the page and the PDF share, and :func:`surveys.results.evidence.pdf` (WeasyPrint), and prints
the median of ``--repeat`` runs of each with the PDF's size and page count.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
os.environ.setdefault("SUARA_ENV", "dev")


def timed(run):
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from pypdf import PdfReader

    from cms.models import Region
    from surveys.results import evidence
    from surveys.results.forms import ResultFilterForm

    kecamatan = Region.objects.kecamatan().order_by("code").first()
    views = {"seluruh kota": {}, f"kecamatan {kecamatan.name}": {"kecamatan": kecamatan.code}}
    print(f"{'view':<32} {'figures':>9} {'html':>7} {'pdf':>7} {'total':>7} {'KB':>6} {'pages':>6}")
    for label, params in views.items():
        times: dict[str, list[float]] = {"figures": [], "html": [], "pdf": []}
        for _ in range(arguments.repeat):
            cache.clear()
            request = RequestFactory().get("/staf/hasil/laporan.pdf", params)
            pack, spent = timed(lambda request=request: evidence.build(ResultFilterForm(request.GET or None)))
            times["figures"].append(spent)
            html, spent = timed(
                lambda pack=pack, request=request: render_to_string(
                    "surveys/results/report_pdf.html", {"pack": pack}, request=request
                )
            )
            times["html"].append(spent)
            document, spent = timed(lambda html=html: evidence.pdf(html))
            times["pdf"].append(spent)
        medians = {key: statistics.median(values) for key, values in times.items()}
        pages = len(PdfReader(io.BytesIO(document)).pages)
        print(
            f"{label:<32} {medians['figures']:>8.2f}s {medians['html']:>6.2f}s {medians['pdf']:>6.2f}s "
            f"{sum(medians.values()):>6.2f}s {len(document) // 1024:>6} {pages:>6}"
        )


if __name__ == "__main__":
    main()
