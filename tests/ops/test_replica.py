"""A real PostgreSQL streaming replica (``pg_basebackup -R``) beside a primary, both started here on loopback ports,
directly and once through PgBouncer in transaction mode.

The primary is a throw-away cluster of its own (``initdb``), so no setting of the machine's PostgreSQL has to allow
replication; it gets the test database's migrated rows with ``pg_dump``/``pg_restore``. The app runs in a fresh
process (``tests/ops/replica_reads.py``) whose settings name both servers.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import PROJECT_DIR, subprocess_env
from tests.ops.conftest import require_programs
from tests.ops.test_production_run import free_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a streaming replica needs PostgreSQL"),
]

DATABASE = "suara"


def postgres_bin() -> Path:
    """The newest PostgreSQL server programs Debian installed (initdb, pg_ctl, pg_basebackup)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    if not found:
        reason = "PostgreSQL's server programs (/usr/lib/postgresql/*/bin) are not installed"
        if os.environ.get("SUARA_REQUIRE_OPS"):
            pytest.fail(reason)
        pytest.skip(reason)
    return Path(found[-1]).parent


def as_postgres(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    """PostgreSQL refuses to run as root: as root, run its programs as the ``postgres`` user."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("timeout", 60)
    result = subprocess.run(command, check=False, **kwargs)  # noqa: S603 - fixed programs, loopback only
    assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    return result


@dataclass
class Clusters:
    workdir: Path
    primary_port: int
    replica_port: int

    def url(self, port: int, database: str = DATABASE) -> str:
        return f"postgres://postgres@127.0.0.1:{port}/{database}"


def pg_ctl(bin_dir: Path, data: Path, *args: str) -> None:
    as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-t", "30", *args])


@pytest.fixture
def clusters(transactional_db) -> Iterator[Clusters]:
    """A primary with the test database's migrated rows, and a streaming replica of it made by pg_basebackup."""
    bin_dir = postgres_bin()
    workdir = Path(tempfile.mkdtemp(prefix="suara-replica-"))
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
    primary, replica = workdir / "primary", workdir / "replica"
    ports = Clusters(workdir, free_port(), free_port())
    options = f"-c listen_addresses=127.0.0.1 -c unix_socket_directories={workdir} -c timezone=UTC -c fsync=off"
    started = []
    try:
        as_postgres([str(bin_dir / "initdb"), "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8"])
        pg_ctl(
            bin_dir, primary, "-l", str(workdir / "primary.log"), "-o", f"-p {ports.primary_port} {options}", "start"
        )
        started.append(primary)
        source = connection.settings_dict
        source_url = (
            f"postgres://{source['USER']}@{source['HOST'] or '127.0.0.1'}:{source['PORT'] or 5432}/{source['NAME']}"
        )
        dump = workdir / "app.dump"
        subprocess.run(["pg_dump", "-Fc", "-f", str(dump), source_url], check=True, timeout=60)
        as_postgres(["createdb", "-h", "127.0.0.1", "-p", str(ports.primary_port), "-U", "postgres", DATABASE])
        restored = subprocess.run(
            ["pg_restore", "--no-owner", "-d", ports.url(ports.primary_port), str(dump)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert restored.returncode == 0, restored.stderr
        as_postgres(
            [
                str(bin_dir / "pg_basebackup"),
                *("-h", "127.0.0.1", "-p", str(ports.primary_port), "-U", "postgres"),
                *("-D", str(replica), "-R", "-X", "stream", "-c", "fast"),
            ]
        )
        pg_ctl(
            bin_dir, replica, "-l", str(workdir / "replica.log"), "-o", f"-p {ports.replica_port} {options}", "start"
        )
        started.append(replica)
        yield ports
    finally:
        for data in reversed(started):
            pg_ctl(bin_dir, data, "-m", "immediate", "stop")
        shutil.rmtree(workdir, ignore_errors=True)


def run_app(env: dict[str, str]) -> dict:
    """The app in a fresh process configured with these databases; what ``tests/ops/replica_reads.py`` observed."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.ops.replica_reads"],
        cwd=PROJECT_DIR,
        env=subprocess_env({"SUARA_ENV": "test", "REDIS_URL": None, **env}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_reads_from_replica_and_writer_reads_own_change(seen: dict) -> None:
    assert seen["publish_status"] == 302 and seen["live_on_primary"], seen
    assert seen["before"] == {"writer_dashboard": False, "reader_dashboard": False, "public_results": False}
    assert seen["pin_cookie"], "the write marked the facilitator's browser to read from the primary"
    assert seen["while_paused"] == {
        "writer_dashboard": True,  # pinned to the primary: reads their own change at once
        "reader_dashboard": False,  # the dashboard read the paused replica
        "public_results": False,  # so did the public results page
    }
    assert seen["after_replay"] == {"writer_dashboard": True, "reader_dashboard": True, "public_results": True}


def test_dashboards_and_public_results_read_the_replica_while_the_writer_reads_the_primary(clusters):
    seen = run_app(
        {
            "DATABASE_URL": clusters.url(clusters.primary_port),
            "DATABASE_REPLICA_URL": clusters.url(clusters.replica_port),
            "PRIMARY_CONTROL_URL": clusters.url(clusters.primary_port),
            "REPLICA_CONTROL_URL": clusters.url(clusters.replica_port),
        }
    )
    assert_reads_from_replica_and_writer_reads_own_change(seen)


PGBOUNCER_INI = """\
[databases]
suara = host=127.0.0.1 port={primary_port} dbname={database}
suara_replica = host=127.0.0.1 port={replica_port} dbname={database}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {workdir}/users.txt
pool_mode = transaction
default_pool_size = 5
max_client_conn = 100
logfile = {workdir}/pgbouncer.log
pidfile = {workdir}/pgbouncer.pid
"""


def test_the_same_through_pgbouncer_in_transaction_mode(clusters):
    programs = require_programs("pgbouncer")
    port = free_port()
    ini = clusters.workdir / "pgbouncer.ini"
    (clusters.workdir / "users.txt").write_text('"postgres" ""\n')
    ini.write_text(
        PGBOUNCER_INI.format(
            primary_port=clusters.primary_port,
            replica_port=clusters.replica_port,
            database=DATABASE,
            port=port,
            workdir=clusters.workdir,
        )
    )
    command = [programs["pgbouncer"], str(ini)]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    bouncer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # noqa: S603
    try:
        seen = run_app(
            {
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/suara",
                "DATABASE_REPLICA_URL": f"postgres://postgres@127.0.0.1:{port}/suara_replica",
                "DATABASE_DISABLE_SERVER_SIDE_CURSORS": "1",
                "PRIMARY_CONTROL_URL": clusters.url(clusters.primary_port),
                "REPLICA_CONTROL_URL": clusters.url(clusters.replica_port),
            }
        )
        assert_reads_from_replica_and_writer_reads_own_change(seen)
        log = (clusters.workdir / "pgbouncer.log").read_text()
        assert "suara_replica" in log and "suara/postgres" in log, "both pools were used through PgBouncer"
    finally:
        bouncer.terminate()
        bouncer.wait(timeout=10)
