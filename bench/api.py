"""Time the read-only API and the open-data download on the demo data, beside the pages showing the same figures.

    DATABASE_URL=sqlite:////tmp/suara_api_bench.sqlite3 SUARA_ENV=dev .venv/bin/python -u bench/api.py --seed

``--seed`` migrates and loads the demo data first. Each URL is requested ``--repeat`` times with Django's test
client (no network); the median and the slowest are printed in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
os.environ.setdefault("SUARA_ENV", "dev")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", action="store_true")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.API_RATE_ANONYMOUS = "100000/m"
    if args.seed:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0)
    from surveys.results.pages import published_surveys

    survey = published_surveys()[0]
    client = Client()
    urls = [
        "/hasil/",
        "/api/v1/surveys",
        f"/api/v1/surveys/{survey.pk}/results",
        f"/api/v1/surveys/{survey.pk}/results?rinci=kecamatan",
        "/api/v1/indicators",
        "/api/v1/consultations",
        f"/hasil/data/{survey.pk}.zip",
    ]
    print(f"{'url':55} {'status':>6} {'p50 ms':>8} {'max ms':>8} {'bytes':>8}")
    for url in urls:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        print(
            f"{url:55} {response.status_code:>6} {statistics.median(times):8.1f} {max(times):8.1f} {len(response.content):>8}"
        )


if __name__ == "__main__":
    main()
