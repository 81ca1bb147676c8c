"""Two app servers (``scripts/production.sh`` on two ports) behind HAProxy, on one PostgreSQL database and one Redis.

A page published through one server is served, and listed in the menu, by the other on its next request (the menu
is cached per server and in Redis; the publish replaces the shared generation). Then a class of children walks the
survey through HAProxy, and one server is killed by its process id halfway: every child who saw the thank-you page
has exactly one response.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
import pytest
import redis

from bench.submission import CSRF_FIELD, Child, client_for, count_rows, thanked, walk_to_last_section
from tests.conftest import PASSWORD, PROJECT_DIR, current_totp_code, subprocess_env
from tests.ops.conftest import require_programs
from tests.ops.test_production_run import PG_SERVER, free_port, postgres_is_up

REDIS_URL = os.environ.get("OPS_REDIS_URL", "redis://127.0.0.1:6379/13")
CHILDREN = 30
AT_ONCE = 10
ATTEMPTS = 5

HAPROXY_CFG = """\
global
    maxconn 500

defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout check 5s
    retries 3
    option redispatch

frontend web
    bind 127.0.0.1:{port}
    default_backend app

backend app
    balance roundrobin
    option httpchk GET /healthz
    http-check expect status 200
    default-server inter 500ms fall 2 rise 1
    server a 127.0.0.1:{port_a} check
    server b 127.0.0.1:{port_b} check
"""


def redis_is_up() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(not postgres_is_up(), reason="PostgreSQL is not running on 127.0.0.1:5432 (CI starts it)"),
    pytest.mark.skipif(not redis_is_up(), reason=f"Redis is not running at {REDIS_URL} (CI starts it)"),
]


def start_app_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    with log.open("w") as output:
        return subprocess.Popen(
            ["bash", "scripts/production.sh"],
            cwd=PROJECT_DIR,
            env=env | {"BIND": f"127.0.0.1:{port}"},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_healthy(base: str, process: subprocess.Popen, log: Path, limit: float = 240) -> None:
    deadline = time.monotonic() + limit
    while True:
        assert process.poll() is None, log.read_text()[-3000:]
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, f"{base} did not answer /healthz in time"
        time.sleep(0.5)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def sign_in(client: httpx.Client, email: str) -> None:
    """allauth's two steps over HTTP: the password, then the authenticator's code."""
    token = CSRF_FIELD.search(client.get("/akun/login/").text).group(1)
    response = client.post("/akun/login/", data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and "/akun/2fa/authenticate/" in response.headers["location"], response.text
    token = CSRF_FIELD.search(client.get("/akun/2fa/authenticate/").text).group(1)
    response = client.post("/akun/2fa/authenticate/", data={"code": current_totp_code(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302, response.text


def publish(client: httpx.Client, page_id: int) -> None:
    """Wagtail's bulk "Publish" action on one page: its confirmation form, then the POST."""
    url = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"
    token = CSRF_FIELD.search(client.get(url).text).group(1)
    response = client.post(url, data={"csrfmiddlewaretoken": token})
    assert response.status_code == 302, response.text[-2000:]


FAILURES: list[str] = []


def take_part(child: Child, survey_url: str, sections: int, kecamatan: int, base: str) -> None:
    """One child: walk the survey (starting over, as a child reloads, when a screen fails), then send the final
    answers, sending them again while the answer is an error instead of the thank-you page."""
    for _ in range(ATTEMPTS):
        try:
            walk_to_last_section(child, survey_url, sections, kecamatan)
            break
        except (httpx.HTTPError, AssertionError, AttributeError) as error:
            FAILURES.append(f"walk {child.number}: {error!r}")
            child.client.close()
            child.client = client_for(base, child.number)
            time.sleep(0.5)
    else:
        return
    for _ in range(ATTEMPTS):
        try:
            response = child.client.post(child.final_url, data=child.final_data)
        except httpx.HTTPError as error:
            FAILURES.append(f"submit {child.number}: {error!r}")
            response = None
        if thanked(child.client, response, survey_url + "terima-kasih/"):
            child.thanked = True
            return
        time.sleep(0.5)


def requests_served(log: Path) -> int:
    return len(re.findall(r'"POST /survei/', log.read_text()))


def test_two_app_servers_behind_haproxy_share_pages_and_lose_no_thanked_child_when_one_is_killed():
    programs = require_programs("haproxy")
    workdir = Path(tempfile.mkdtemp(prefix="suara-haproxy-"))
    database = f"suara_haproxy_{secrets.token_hex(4)}"
    database_url = f"{PG_SERVER}/{database}"
    port_a, port_b, port = free_port(), free_port(), free_port()
    base_a, base_b, base = (f"http://127.0.0.1:{p}" for p in (port_a, port_b, port))
    env = subprocess_env(
        {
            "SUARA_ENV": None,
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "WORKERS": "2",
            "MAX_REQUESTS": "0",
            "SEED_DEMO": "0",
            "SUARA_BENCH_VIEWS": "1",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "RATELIMIT_IP_META_KEY": "HTTP_X_FORWARDED_FOR",
        }
    )
    logs = {name: workdir / f"server-{name}.log" for name in "ab"}
    (workdir / "haproxy.cfg").write_text(HAPROXY_CFG.format(port=port, port_a=port_a, port_b=port_b))
    processes: list[subprocess.Popen] = []
    children: list[Child] = []
    try:
        server_a = start_app_server(env, port_a, logs["a"])
        processes.append(server_a)
        wait_until_healthy(base_a, server_a, logs["a"])  # A has migrated the database before B starts
        server_b = start_app_server(env, port_b, logs["b"])
        processes.append(server_b)
        made = subprocess.run(
            [sys.executable, "-m", "tests.ops.cluster_scenario"],
            cwd=PROJECT_DIR,
            env=env | {"SUARA_ENV": "production"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert made.returncode == 0, made.stderr[-3000:]
        scenario = json.loads(made.stdout.strip().splitlines()[-1])
        wait_until_healthy(base_b, server_b, logs["b"])
        proxy = subprocess.Popen(
            [programs["haproxy"], "-db", "-f", str(workdir / "haproxy.cfg")],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        processes.append(proxy)

        title, path = scenario["page_title"], scenario["page_path"]
        with httpx.Client(base_url=base_a, timeout=30) as staff, httpx.Client(base_url=base_b, timeout=30) as visitor:
            for _ in range(2):  # B caches its menu, in its memory and in Redis
                assert title not in visitor.get("/").text
            assert visitor.get(path).status_code == 404
            sign_in(staff, scenario["staff_email"])
            publish(staff, scenario["page_id"])
            served = visitor.get(path)
            assert served.status_code == 200 and title in served.text, "B serves the page A published"
            assert title in visitor.get("/").text, "B's menu lists it on the next request"

        wait_until_healthy(base, proxy, workdir / "haproxy.cfg", limit=20)
        survey_url, sections, kecamatan = scenario["survey_url"], scenario["sections"], scenario["kecamatan"]
        children = [
            Child(number=n, marker=f"haproxy-{n:03d}-{secrets.token_hex(3)}", client=client_for(base, n))
            for n in range(CHILDREN)
        ]
        killed_after: list[int] = []

        def kill_a_mid_class() -> None:
            deadline = time.monotonic() + 120
            while sum(child.thanked for child in children) < CHILDREN // 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            killed_after.append(sum(child.thanked for child in children))
            os.killpg(server_a.pid, signal.SIGKILL)  # the master and its workers, without a graceful shutdown

        killer = threading.Thread(target=kill_a_mid_class)
        killer.start()
        with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
            for future in [pool.submit(take_part, child, survey_url, sections, kecamatan, base) for child in children]:
                future.result()
        killer.join()
        server_a.wait(timeout=10)

        served_by_a, served_by_b = requests_served(logs["a"]), requests_served(logs["b"])
        counts = count_rows(database_url, children)
        report = (
            f"killed A after {killed_after} thanked; survey POSTs served by A {served_by_a}, B {served_by_b}; {counts}"
        )
        report += f"; {len(FAILURES)} failed screens, first ones: {FAILURES[:5]}"
        print(report)
        assert killed_after and 0 < killed_after[0] < CHILDREN, report
        assert served_by_a > 0 and served_by_b > 0, report
        assert counts["lost"] == 0 and counts["duplicated"] == 0, report
        assert counts["responses"] == counts["distinct_tokens"], report
        assert counts["thanked"] >= CHILDREN - 2, report
    finally:
        for child in children:
            child.client.close()
        for process in reversed(processes):
            stop(process)
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        redis.Redis.from_url(REDIS_URL).flushdb()
        shutil.rmtree(workdir, ignore_errors=True)
