"""Run the browser journeys and report every request they made, slowest route first: no web request should take
more than ``SLOW_REQUEST_SECONDS`` (2 s); heavy work belongs to a background job (#22.1).

    env DATABASE_URL=postgres://postgres@127.0.0.1:5432/suara_journeys \\
        .venv/bin/python -u bench/journey_requests.py

The journeys are the browser tests (``tests/browser`` unless other paths are given after ``--``): a child, a school
coordinator, a facilitator, an official and a forum member in a real Chromium against the live server. Each request
the server answered is logged by ``cms.middleware.RequestTimeMiddleware`` to a file (``REQUEST_TIME_LOG``); this
script runs pytest once, in one process, then reads that file and prints, per route, how many requests, the median,
the 95th percentile and the slowest, and every request over the limit. It exits 1 when the tests failed or a request
was over the limit. Times are wall-clock on a shared machine: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^(?P<method>\S+) (?P<route>.+) -> (?P<status>\d{3}) in (?P<ms>\d+) ms$")


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def read(log: Path) -> list[tuple[str, int, int]]:
    requests = []
    for line in log.read_text().splitlines():
        match = LINE.match(line)
        if match:
            requests.append((f"{match['method']} {match['route']}", int(match["status"]), int(match["ms"])))
    return requests


def percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=float, default=2.0, help="seconds a request may take (default 2)")
    parser.add_argument("--top", type=int, default=25, help="routes to print, slowest first")
    parser.add_argument("tests", nargs="*", default=["tests/browser"])
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "requests.log"
        environment = os.environ | {
            "SUARA_ENV": "test",
            "REQUEST_TIME_LOG": str(log),
            "SLOW_REQUEST_SECONDS": str(arguments.limit),
            "SUARA_REQUIRE_BROWSER": "1",
        }
        print(f"load average before: {load_average()}", flush=True)
        tests = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments.tests],
            cwd=PROJECT,
            env=environment,
            check=False,
        )
        print(f"load average after: {load_average()}")
        requests = read(log) if log.exists() else []

    by_route: dict[str, list[int]] = defaultdict(list)
    for route, _, ms in requests:
        by_route[route].append(ms)
    limit_ms = arguments.limit * 1000
    slow = [(route, status, ms) for route, status, ms in requests if ms > limit_ms]

    print(f"\n{len(requests)} requests on {len(by_route)} routes (pytest exit code {tests.returncode})")
    print(f"{'route':<64} {'count':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    for route, times in sorted(by_route.items(), key=lambda item: -max(item[1]))[: arguments.top]:
        print(
            f"{route[:64]:<64} {len(times):>6} {statistics.median(times):>7.0f} "
            f"{percentile(times, 0.95):>7} {max(times):>7}"
        )
    for route, status, ms in slow:
        print(f"over {arguments.limit:g} s: {route} -> {status} in {ms} ms")
    met = not slow and bool(requests)
    print(f"target (no request over {arguments.limit:g} s in the journeys): {'met' if met else 'missed'}")
    return 0 if met and tests.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
