"""How long reading and writing XLSForms takes (no database).

    SUARA_ENV=test python -m bench.xlsform

Reads each form in ``tests/surveys/xlsforms/`` (pyxform's conversion included) and a generated form of 300
questions in 30 groups, and writes each question-bank module as an XLSForm; prints the median of 5 runs.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

FORMS = Path(__file__).resolve().parents[1] / "tests" / "surveys" / "xlsforms"


def median_ms(function, runs: int = 5) -> float:
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    import django

    django.setup()
    from surveys.definition import Definition
    from surveys.question_bank import modules
    from surveys.xlsform.reading import read_xlsform
    from surveys.xlsform.writing import workbook

    sections = [
        {
            "title": f"Bagian {s}",
            "questions": [
                {
                    "code": f"q{s}_{q}",
                    "type": "single",
                    "label": f"Pertanyaan {s}.{q}",
                    "choices": [{"code": c, "label": c} for c in ("a", "b", "c", "d")],
                    "show_if": {"question": f"q{s}_{q - 1}", "values": ["a"]} if q else None,
                }
                for q in range(10)
            ],
        }
        for s in range(30)
    ]
    big = Definition.from_json(sections)
    big_form = workbook(big, big, title="Besar", form_id="besar", version="1")
    print(f"{'what':48} {'ms':>8}")
    for path in sorted(FORMS.glob("*.xlsx")):
        content = path.read_bytes()
        print(f"{'read ' + path.name:48} {median_ms(lambda c=content: read_xlsform(c)):8.1f}")
    print(f"{'read generated, 300 questions in 30 groups':48} {median_ms(lambda: read_xlsform(big_form)):8.1f}")
    print(
        f"{'write generated, 300 questions':48} {median_ms(lambda: workbook(big, big, title='B', form_id='b', version='1')):8.1f}"
    )
    for slug, module in modules().items():
        from surveys.blocks import definition_from_stream

        definition = definition_from_stream(module.page_fields("id")["definition"])
        english = definition_from_stream(module.page_fields("en")["definition"])
        print(
            f"{'write bank module ' + slug:48} {median_ms(lambda d=definition, e=english: workbook(d, e, title='x', form_id='x', version='1')):8.1f}"
        )


if __name__ == "__main__":
    main()
