import gzip
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
import uuid

import psycopg
import pytest

from tests.conftest import PROJECT_DIR, subprocess_env

PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_is_up() -> bool:
    try:
        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=2).close()
        return True
    except psycopg.Error:
        return False


def fetch(url: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback only
    return urllib.request.urlopen(request, timeout=10)  # noqa: S310 - loopback only


@pytest.mark.skipif(not postgres_is_up(), reason="PostgreSQL is not running on 127.0.0.1:5432 (CI starts it)")
def test_production_script_serves_with_several_workers_postgresql_redis_and_compressed_static(tmp_path):
    port = free_port()
    database = f"suara_prodrun_{uuid.uuid4().hex[:8]}"
    env = subprocess_env(
        {
            "SUARA_ENV": None,
            "DATABASE_URL": f"{PG_SERVER}/{database}",
            "REDIS_URL": "redis://127.0.0.1:6379/14",
            "BIND": f"127.0.0.1:{port}",
            "WORKERS": "3",
            "SEED_DEMO": "0",
            "STATIC_ROOT": str(tmp_path / "static"),
        }
    )
    server = subprocess.Popen(
        ["bash", "scripts/production.sh"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                health = fetch(base + "/healthz")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "the production server did not start in time"
                time.sleep(1)
        assert health.status == 200
        assert b'"redis": true' in health.read()

        workers = subprocess.run(["pgrep", "-f", f"gunicorn cms.wsgi.*{port}"], capture_output=True, text=True)
        assert len(workers.stdout.split()) >= 4, "a master and three workers"
        job_worker = subprocess.run(["pgrep", "-g", str(server.pid), "-f", "rqworker"], capture_output=True, text=True)
        assert job_worker.stdout.split(), "a job worker runs beside the app servers"

        home = fetch(base + "/akun/login/").read().decode()
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home)
        assert stylesheet, "static file names carry a content hash"
        compressed = fetch(base + stylesheet.group(1), {"Accept-Encoding": "gzip"})
        assert compressed.headers["Content-Encoding"] == "gzip"
        assert b"skip-link" in gzip.decompress(compressed.read())
        assert "max-age=315360000" in compressed.headers["Cache-Control"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
