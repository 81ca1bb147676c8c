"""Export one survey's responses as CSV and as XLSX through the background job, as a reader asking for it would.

    flock /tmp/suara-bench.lock env DATABASE_URL=postgres://postgres@127.0.0.1:5432/suara_speed_export \\
        QUEUE_URL=redis://127.0.0.1:6379/6 SUARA_ENV=dev .venv/bin/python -u bench/export.py --responses 1000000

Creates the database, migrates it, loads a survey from the question bank and ``responses`` synthetic responses
with COPY (about 15 answers each; bench/dashboard.py's loader), then for each format asks for the export as the
staff export view does (a ``Download``, a job on the queue) and works it with one RQ worker started as a child
process (``rqworker --burst`` with rq's SimpleWorker, so the job runs in the worker process itself and its memory
is the worker's). Prints the job's wall time, rows per second, the worker's peak RSS (from ``wait4``), the RSS
sampled every second beside the job's progress (flat memory shows as the same figure from 10 % to 100 %), the
file's size, and checks the file holds the header and one row per response. The database is dropped at the end
unless ``--keep``; its name must start with ``suara_speed_``.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
os.environ.setdefault("SUARA_ENV", "dev")

from bench.dashboard import create_database, drop_database, load_responses, make_survey  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parents[1]


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run_job(download) -> tuple[float, float, list[tuple[int, float]]]:
    """Queue the export of ``download`` and work it with one worker process; (seconds, peak RSS MB, samples)."""
    from cms.models import Download
    from cms.queue import enqueue
    from surveys import exports

    enqueue(exports.run_export, str(download.pk))
    started = time.perf_counter()
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "rqworker",
            "default",
            "--burst",
            "--worker-class",
            "rq.SimpleWorker",
        ],
        cwd=PROJECT_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    samples: list[tuple[int, float]] = []
    while True:
        pid, _status, usage = os.wait4(worker.pid, os.WNOHANG)
        if pid:
            return time.perf_counter() - started, usage.ru_maxrss / 1024, samples
        rss = rss_mb(worker.pid)
        if rss is not None:
            progress = Download.objects.filter(pk=download.pk).values_list("progress", flat=True).first()
            samples.append((progress or 0, rss))
        time.sleep(1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--formats", nargs="+", default=["csv", "xlsx"], choices=["csv", "xlsx"])
    parser.add_argument("--keep", action="store_true")
    arguments = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or not url.rsplit("/", 1)[-1].startswith("suara_speed_"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database named suara_speed_...")
    if not (os.environ.get("QUEUE_URL") or os.environ.get("REDIS_URL")):
        raise SystemExit("set QUEUE_URL to a Redis database for the job queue")
    create_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from cms.models import Download, DownloadStatus, User

    try:
        call_command("migrate", verbosity=0)
        from cms.demo import seed_home_pages, seed_regions, seed_schools

        seed_regions()
        seed_home_pages()
        seed_schools()
        survey, version = make_survey(1)
        started = time.perf_counter()
        answers = load_responses(survey, version, arguments.responses, 1, random.Random(2026))
        print(f"loaded {arguments.responses:,} responses, {answers:,} answers in {time.perf_counter() - started:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE surveys_response")
            cursor.execute("VACUUM ANALYZE surveys_answer")
        reader = User.objects.create_superuser("bench-export", "bench-export@example.test", None)
        for file_format in arguments.formats:
            download = Download.objects.create(
                owner=reader,
                kind="jawaban",
                file_format=file_format,
                filename=f"bench-{file_format}",
                params={"survey": survey.pk, "filters": {}, "free_text": True, "language": "id"},
            )
            seconds, peak, samples = run_job(download)
            download.refresh_from_db()
            if download.status != DownloadStatus.DONE:
                raise SystemExit(f"{file_format}: the job ended {download.status}: {download.error}")
            size = download.path.stat().st_size
            rows = None
            if file_format == "csv":
                with open(download.path, "rb") as file:
                    rows = sum(1 for _ in file)
                assert rows == arguments.responses + 1, rows
            marks = {}
            for progress, rss in samples:
                for mark in (10, 25, 50, 75, 90, 99):
                    if progress >= mark and mark not in marks:
                        marks[mark] = rss
            print(
                f"\n{file_format}: {arguments.responses:,} rows in {seconds:.1f} s "
                f"({arguments.responses / seconds:,.0f} rows/s), worker peak RSS {peak:.0f} MB, "
                f"file {size / 1e6:.0f} MB" + (f", {rows:,} lines" if rows else "")
            )
            print("  RSS by progress: " + ", ".join(f"{mark}% {rss:.0f} MB" for mark, rss in sorted(marks.items())))
            download.path.unlink()
    finally:
        if not arguments.keep:
            drop_database(url)


if __name__ == "__main__":
    main()
