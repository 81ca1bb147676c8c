"""Survey submission under a production-like server, beside a bare insert (the ceiling) and Wagtail's form builder.

    python -m bench.submission [--clients 50] [--rounds 8] [--workers 4] [--class-codes N]
        [--database-prefix suara_bench_]

Starts ``scripts/production.sh`` (gunicorn, PostgreSQL, Redis, WhiteNoise) on a free loopback port with a fresh
database ``suara_bench_<random>`` and ``SUARA_BENCH_VIEWS=1``, creates a survey and a Wagtail form page of the same
size (``bench/scenario.py``), then measures, with the same number of concurrent clients in each phase:

1. the ceiling: a bare Django view that inserts one row (CSRF-checked POST, 204);
2. Wagtail's form builder: a ``wagtail.contrib.forms`` page storing one submission of 13 fields;
3. our survey, each client with its own cookie jar walking the real flow: GET the intro, POST assent, POST
   "about you", POST each section (to where each screen's form posts, as a browser does); then, all flows ready,
   the final POST (the submit) and the thank-you page (in the POST's response, or the GET its redirect asks for),
   one POST per child, as the ceiling's one insert per request;
4. replays, in a phase of their own: one more child per client taps twice at once on the final button, and two
   children per client send their final POST again after the thank-you page.

Afterwards it counts rows in the database: each client that saw the thank-you page must have exactly one response
(found by the unique text it answered), and no response may be stored twice. The server, its database and its
Redis database are removed at the end. Only loopback addresses are used; every loop is bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
import redis

PROJECT_DIR = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
REDIS_SERVER = os.environ.get("BENCH_REDIS_SERVER", "redis://127.0.0.1:6379")
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "12"))
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_ACTION = re.compile(r'<form method="post" action="([^"]+)"')
TIMEOUT = httpx.Timeout(30.0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Phase:
    """What one phase measured: completed units, the time they took, and the latency of the timed request."""

    name: str
    completed: int = 0
    failed: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, latency: float | None) -> None:
        with self.lock:
            if latency is None:
                self.failed += 1
            else:
                self.completed += 1
                self.latencies.append(latency)

    @property
    def rate(self) -> float:
        return self.completed / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(p) - 1] * 1000


def run_concurrently(clients: int, work: Callable[[int], None]) -> float:
    """Run ``work(i)`` for each client on its own thread; returns the wall-clock seconds until all finished."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for future in [pool.submit(work, i) for i in range(clients)]:
            future.result()
    return time.perf_counter() - started


def client_for(base: str, number: int) -> httpx.Client:
    """One child's browser: its own cookie jar and, as a proxy would tell the app, its own address."""
    address = f"10.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}"
    return httpx.Client(base_url=base, timeout=TIMEOUT, headers={"X-Forwarded-For": address})


def timed(send: Callable[[], httpx.Response], expected: set[int]) -> tuple[httpx.Response | None, float | None]:
    started = time.perf_counter()
    try:
        response = send()
    except httpx.HTTPError:
        return None, None
    latency = time.perf_counter() - started
    return response, (latency if response.status_code in expected else None)


def ceiling_phase(base: str, clients: int, requests_each: int) -> Phase:
    phase = Phase("bare insert: POST (ceiling)")

    def work(i: int) -> None:
        with client_for(base, 100_000 + i) as client:
            client.get("/bench/insert/")
            token = client.cookies["csrftoken"]
            for n in range(requests_each):
                _, latency = timed(
                    lambda n=n: client.post(
                        "/bench/insert/", data={"payload": f"c{i}-{n}"}, headers={"X-CSRFToken": token}
                    ),
                    {204},
                )
                phase.record(latency)

    phase.seconds = run_concurrently(clients, work)
    return phase


def form_data(fields: list, marker: str) -> dict:
    data = {}
    for name, kind, choices in fields:
        options = [c.strip() for c in choices.split(",") if c.strip()]
        if kind == "checkboxes":
            data[name] = options
        elif options:
            data[name] = options[0]
        elif kind == "number":
            data[name] = "3"
        else:
            data[name] = marker
    return data


def wagtail_form_phase(base: str, clients: int, requests_each: int, form_url: str, fields: list) -> Phase:
    phase = Phase("Wagtail form: POST + thank-you")

    def work(i: int) -> None:
        with client_for(base, 200_000 + i) as client:
            token = CSRF_FIELD.search(client.get(form_url).text).group(1)
            for n in range(requests_each):
                data = form_data(fields, f"f{i}-{n}") | {"csrfmiddlewaretoken": token}
                response, latency = timed(lambda data=data: client.post(form_url, data=data), {200})
                if response is not None and "Terima kasih" not in response.text:
                    latency = None
                phase.record(latency)

    phase.seconds = run_concurrently(clients, work)
    return phase


def form_target(page: httpx.Response, url: str) -> tuple[str, str]:
    """Where the form on a screen posts (its ``action``, else the screen's own URL) and its CSRF token."""
    action = FORM_ACTION.search(page.text)
    return (action.group(1) if action else url), CSRF_FIELD.search(page.text).group(1)


def post_form(client: httpx.Client, url: str, data: dict) -> httpx.Response:
    """POST like a browser: read the CSRF token and the form's target from the current screen first."""
    page = client.get(url)
    page.raise_for_status()
    target, token = form_target(page, url)
    return client.post(target, data=data | {"csrfmiddlewaretoken": token})


@dataclass
class Child:
    number: int
    marker: str
    client: httpx.Client
    class_code: str = ""
    final_url: str = ""
    final_data: dict = field(default_factory=dict)
    thanked: bool = False


def survey_answers(section: int, marker: str) -> dict:
    from bench.scenario import ANSWERS

    return {code: (marker if value is None else value) for code, value in ANSWERS[section].items()}


def walk_to_last_section(child: Child, survey_url: str, sections: int, kecamatan: int) -> None:
    """GET the intro, agree (typing the class code, if any), tell about yourself, answer every section but the last;
    keep the last screen's form."""
    client = child.client
    response = post_form(client, survey_url, {"choice": "agree", "kode": child.class_code})
    assert response.status_code == 302, response.status_code
    about = {"age_band": "13-15", "sex": "female"}
    if not child.class_code:  # a class code tells the school, its level and kecamatan
        about |= {"school_level": "SMP", "kecamatan": str(kecamatan)}
    response = post_form(client, survey_url + "tentang-kamu/", about)
    assert response.status_code == 302, response.status_code
    for number in range(1, sections):
        response = post_form(client, f"{survey_url}bagian/{number}/", survey_answers(number - 1, child.marker))
        assert response.status_code == 302, (number, response.status_code)
    last_screen = f"{survey_url}bagian/{sections}/"
    child.final_url, token = form_target(client.get(last_screen), last_screen)
    child.final_data = survey_answers(sections - 1, child.marker) | {"csrfmiddlewaretoken": token}


def thanked(client: httpx.Client, response: httpx.Response | None, thanks_url: str) -> bool:
    """Whether a final POST's answer is the thank-you page: shown in the response itself, or after its redirect
    (then the GET of the thank-you page is part of the child's submit, as a browser follows it at once)."""
    if response is None:
        return False
    if response.status_code == 302 and response.headers.get("location", "").endswith(thanks_url):
        response = client.get(response.headers["location"])
    return response.status_code == 200 and "Terima kasih" in response.text


def submit(child: Child, phase: Phase, survey_url: str) -> None:
    """The final POST (timed) and the thank-you page: one child's submission, as the ceiling's one insert."""
    response, latency = timed(lambda: child.client.post(child.final_url, data=child.final_data), {200, 302})
    child.thanked = thanked(child.client, response, survey_url + "terima-kasih/")
    phase.record(latency if child.thanked else None)


def double_tap(child: Child, phase: Phase, survey_url: str, replays: Phase) -> None:
    """Two final POSTs at once from one phone (a double tap on a slow network): both must show the thank-you page
    and one response be stored."""
    client = child.client
    with httpx.Client(
        base_url=client.base_url, cookies=client.cookies, headers=client.headers, timeout=TIMEOUT
    ) as twin:
        second: list = []
        tap = threading.Thread(target=lambda: second.append(twin.post(child.final_url, data=child.final_data)))
        tap.start()
        submit(child, phase, survey_url)
        tap.join()
        replays.record(0.0 if second and thanked(twin, second[0], survey_url + "terima-kasih/") else None)


def retry(child: Child, survey_url: str, replays: Phase) -> None:
    """The final POST sent again after the thank-you page (a retry, a refresh): the thank-you page, nothing stored."""
    again = child.client.post(child.final_url, data=child.final_data)
    replays.record(0.0 if thanked(child.client, again, survey_url + "terima-kasih/") else None)


def survey_phases(
    base: str, clients: int, rounds: int, scenario: dict, class_codes: int = 0
) -> tuple[Phase, Phase, Phase, Phase, list[Child]]:
    """Every client walks ``rounds`` children through the survey (and one more for the double taps); then, all flows
    ready, the submits are fired together, one POST per child as the ceiling's clients send one insert each. The
    double taps and retries follow in a phase of their own, so the throughput compares like with like and the
    replays are still counted in the rows afterwards."""
    survey_url, sections, kecamatan = scenario["survey_url"], scenario["sections"], scenario["kecamatan"]
    codes = scenario["class_codes"][:class_codes]
    children = [
        Child(
            number=n,
            marker=f"bench-{n:05d}-{secrets.token_hex(3)}",
            client=client_for(base, n),
            class_code=codes[n % clients % len(codes)] if codes else "",
        )
        for n in range(clients * (rounds + 1))
    ]
    walks = Phase("survey flow up to the last section")

    def walk(i: int) -> None:
        for child in children[i::clients]:
            started = time.perf_counter()
            try:
                walk_to_last_section(child, survey_url, sections, kecamatan)
            except (httpx.HTTPError, AssertionError, AttributeError):
                walks.record(None)
                continue
            walks.record(time.perf_counter() - started)

    walks.seconds = run_concurrently(clients, walk)
    measured, tappers = children[: clients * rounds], children[clients * rounds :]
    submits = Phase("our survey: submit + thank-you")

    def submit_all(i: int) -> None:
        for child in measured[i::clients]:
            if child.final_url:
                submit(child, submits, survey_url)

    submits.seconds = run_concurrently(clients, submit_all)
    taps = Phase("double-tapped submits")
    replays = Phase("replayed final POSTs")

    def replay(i: int) -> None:
        if tappers[i].final_url:
            double_tap(tappers[i], taps, survey_url, replays)
        for child in measured[i::clients][:2]:
            if child.thanked:
                retry(child, survey_url, replays)

    taps.seconds = run_concurrently(clients, replay)
    for child in children:
        child.client.close()
    return walks, submits, taps, replays, children


def count_rows(database_url: str, children: list[Child]) -> dict:
    """Lost and duplicated responses, found by each child's unique answer text; and the other phases' rows."""
    thanked = {child.marker for child in children if child.thanked}
    with psycopg.connect(database_url) as connection:
        stored = dict(
            connection.execute(
                "SELECT text_value, count(*) FROM surveys_answer WHERE question_code = 'wish' GROUP BY text_value"
            ).fetchall()
        )
        responses = connection.execute("SELECT count(*) FROM surveys_response").fetchone()[0]
        tokens = connection.execute("SELECT count(DISTINCT submission_token) FROM surveys_response").fetchone()[0]
        answers = connection.execute("SELECT count(*) FROM surveys_answer").fetchone()[0]
        rows = connection.execute("SELECT count(*) FROM bench_benchrow").fetchone()[0]
        forms = connection.execute("SELECT count(*) FROM wagtailforms_formsubmission").fetchone()[0]
        code_uses = connection.execute("SELECT coalesce(sum(uses), 0) FROM surveys_classcode").fetchone()[0]
        with_school = connection.execute(
            "SELECT count(*) FROM surveys_response WHERE school_id IS NOT NULL"
        ).fetchone()[0]
    return {
        "thanked": len(thanked),
        "responses": responses,
        "distinct_tokens": tokens,
        "answers": answers,
        "lost": len(thanked - set(stored)),
        "duplicated": sum(count - 1 for count in stored.values() if count > 1),
        "unexpected": len(set(stored) - thanked),
        "bench_rows": rows,
        "form_submissions": forms,
        "code_uses": code_uses,
        "with_school": with_school,
    }


def start_server(env: dict, log: Path) -> subprocess.Popen:
    with log.open("w") as output:
        return subprocess.Popen(
            ["bash", "scripts/production.sh"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_healthy(base: str, server: subprocess.Popen, log: Path, limit: float = 300) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise SystemExit("the server did not answer /healthz in time")


def report(phases: list[Phase], ceiling: Phase, counts: dict, args, flow: Phase, taps: Phase, replays: Phase) -> None:
    codes = f"children typing {args.class_codes} class codes" if args.class_codes else "children without class codes"
    print(
        f"\n{args.clients} concurrent clients, {args.workers} gunicorn workers, PostgreSQL + Redis, loopback; {codes}"
    )
    print(f"{'':34} {'done':>6} {'failed':>6} {'per s':>8} {'p50 ms':>8} {'p95 ms':>8} {'vs ceiling':>10}")
    for phase in phases:
        print(
            f"{phase.name:34} {phase.completed:6d} {phase.failed:6d} {phase.rate:8.1f} "
            f"{phase.percentile(50):8.1f} {phase.percentile(95):8.1f} {phase.rate / ceiling.rate:10.2f}"
        )
    print(
        f"\nsurvey flow up to the last section: {flow.completed} children in {flow.seconds:.1f} s "
        f"(p50 {flow.percentile(50):.0f} ms, p95 {flow.percentile(95):.0f} ms per child; {flow.failed} failed)"
    )
    end_to_end = flow.seconds + phases[-1].seconds + taps.seconds
    print(
        f"complete submissions end to end (whole flow, thank-you seen): {counts['thanked']} in {end_to_end:.1f} s "
        f"= {counts['thanked'] / end_to_end:.1f}/s"
    )
    print(
        f"double-tapped submits: {taps.completed} thanked, {taps.failed} not; replayed final POSTs (second taps and "
        f"retries) that led to the thank-you page: {replays.completed}, other outcome: {replays.failed}"
    )
    print(
        f"rows: {counts['responses']} responses ({counts['distinct_tokens']} distinct tokens), {counts['answers']} "
        f"answers; {counts['bench_rows']} bare rows; {counts['form_submissions']} Wagtail form submissions"
    )
    print(
        f"children thanked: {counts['thanked']}; lost: {counts['lost']}; duplicated: {counts['duplicated']}; "
        f"stored without a thank-you: {counts['unexpected']}; class-code uses spent: {counts['code_uses']} for "
        f"{counts['with_school']} responses with a school"
    )
    # Judged against the faster of the two ceiling runs: a ceiling slowed by other load on the machine must not
    # make the target look met.
    strictest = max(phases[0].rate, phases[1].rate)
    target = phases[-1].rate / strictest
    print(
        f"target (our submit >= 0.5 x the faster ceiling run, {strictest:.1f}/s): "
        f"{'met' if target >= 0.5 else 'NOT met'} ({target:.2f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=8, help="children each client submits in the measured phase")
    parser.add_argument("--requests", type=int, default=40, help="POSTs each client sends to the ceiling view")
    parser.add_argument("--form-requests", type=int, default=20, help="POSTs each client sends to the Wagtail form")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--class-codes",
        type=int,
        default=0,
        help="children type one of this many class codes (client i uses code i mod N; at most 50); 0: none, "
        "they pick their kecamatan",
    )
    parser.add_argument(
        "--database-prefix", default="suara_bench_", help="name of the throw-away database, before a random suffix"
    )
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    database = f"{args.database_prefix}{secrets.token_hex(4)}"
    database_url = f"{PG_SERVER}/{database}"
    workdir = Path(tempfile.mkdtemp(prefix="suara-bench-"))
    log = workdir / "server.log"
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "cms.settings",
        "SUARA_ENV": "production",
        "SUARA_BENCH_VIEWS": "1",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"{REDIS_SERVER}/{REDIS_DB}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "BIND": f"127.0.0.1:{port}",
        "WORKERS": str(args.workers),
        # Workers are not replaced during the run: a fresh worker's first requests are slow, and which phase they
        # fall in would be chance (with the default 2000 they fell in the second ceiling run, halving it).
        "MAX_REQUESTS": "0",
        "SEED_DEMO": "0",
        "STATIC_ROOT": str(workdir / "static"),
        "RATELIMIT_IP_META_KEY": "HTTP_X_FORWARDED_FOR",
    }
    print(f"database {database}, server {base}, log {log}")
    server = start_server(env, log)
    try:
        wait_until_healthy(base, server, log)
        made = subprocess.run(
            [sys.executable, "-m", "bench.scenario"],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        scenario = json.loads(made.stdout.strip().splitlines()[-1])
        warm = ceiling_phase(base, 4, 5), wagtail_form_phase(base, 4, 5, scenario["form_url"], scenario["form_fields"])
        print(f"warm-up: {sum(p.completed for p in warm)} requests")
        ceiling = ceiling_phase(base, args.clients, args.requests)
        print(f"ceiling: {ceiling.completed} in {ceiling.seconds:.1f} s")
        form = wagtail_form_phase(base, args.clients, args.form_requests, scenario["form_url"], scenario["form_fields"])
        print(f"Wagtail form: {form.completed} in {form.seconds:.1f} s")
        flow, submits, taps, replays, children = survey_phases(
            base, args.clients, args.rounds, scenario, args.class_codes
        )
        print(f"survey: {submits.completed} submits in {submits.seconds:.1f} s")
        ceiling_after = ceiling_phase(base, args.clients, args.requests)
        ceiling_after.name = "bare insert again, after"
        counts = count_rows(database_url, children)
        report([ceiling, ceiling_after, form, submits], ceiling, counts, args, flow, taps, replays)
        correct = not (counts["lost"] or counts["duplicated"] or counts["unexpected"] or replays.failed or taps.failed)
        correct = correct and counts["code_uses"] == counts["with_school"]
        return 0 if correct else 1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        redis.Redis.from_url(f"{REDIS_SERVER}/{REDIS_DB}").flushdb()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
