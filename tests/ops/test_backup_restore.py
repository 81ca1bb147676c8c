import sqlite3
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.conftest import PROJECT_DIR, run_manage
from tests.surveys.conftest import answer_survey, make_survey, survey, survey_index  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

# Tables whose every row must survive a backup and restore; later capabilities add theirs.
CHECKED_TABLES = [
    "cms_region",
    "cms_school",
    "cms_user",
    "wagtailcore_page",
    "surveys_response",
    "surveys_answer",
    "forum_consultationinput",
]


def row_counts(cursor) -> dict[str, int]:
    counts = {}
    for table in CHECKED_TABLES:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - fixed table names
        counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump/pg_restore need PostgreSQL")
def test_a_postgresql_dump_restores_into_an_empty_database_with_every_row(request, home, school, make_user, tmp_path):
    make_user(email="pemulih@example.test")
    store_responses = request.getfixturevalue("answer_survey")
    store_responses(request.getfixturevalue("survey"), 25, {"bullied": "yes", "wish": "taman aman"}, school=school)
    with connection.cursor() as cursor:
        expected = row_counts(cursor)
    settings = connection.settings_dict
    base = f"postgresql://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    source_url = f"{base}/{settings['NAME']}"
    env = {"DATABASE_URL": source_url, "PATH": "/usr/bin:/bin"}
    backup = subprocess.run(
        ["bash", "scripts/backup.sh", str(tmp_path)], cwd=PROJECT_DIR, env=env, capture_output=True, text=True
    )
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip().splitlines()[-1])
    assert dump.suffix == ".dump" and dump.stat().st_size > 0

    restored_name = f"suara_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{restored_name}"')
    try:
        restore = subprocess.run(
            ["bash", "scripts/restore.sh", str(dump)],
            cwd=PROJECT_DIR,
            env={"DATABASE_URL": f"{base}/{restored_name}", "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
        )
        assert restore.returncode == 0, restore.stderr
        with psycopg.connect(f"{base}/{restored_name}") as restored:
            assert row_counts(restored.cursor()) == expected
            assert expected["surveys_response"] == 25 and expected["surveys_answer"] == 50
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')


def test_a_sqlite_backup_restores_with_every_row(tmp_path):
    database = tmp_path / "live.sqlite3"
    env = {"SUARA_ENV": "test", "DATABASE_URL": f"sqlite:///{database}"}
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        result = run_manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    backup = subprocess.run(
        ["bash", "scripts/backup.sh", str(tmp_path / "backups")],
        cwd=PROJECT_DIR,
        env={"PATH": "/usr/bin:/bin", "SQLITE_PATH": str(database)},
        capture_output=True,
        text=True,
    )
    assert backup.returncode == 0, backup.stderr
    copy = Path(backup.stdout.strip().splitlines()[-1])
    restored = tmp_path / "restored.sqlite3"
    restore = subprocess.run(
        ["bash", "scripts/restore.sh", str(copy)],
        cwd=PROJECT_DIR,
        env={"PATH": "/usr/bin:/bin", "SQLITE_PATH": str(restored)},
        capture_output=True,
        text=True,
    )
    assert restore.returncode == 0, restore.stderr
    with sqlite3.connect(database) as original, sqlite3.connect(restored) as copy_db:
        assert row_counts(copy_db.cursor()) == row_counts(original.cursor())
        assert row_counts(copy_db.cursor())["cms_school"] == 30
        assert row_counts(copy_db.cursor())["surveys_response"] >= 2000, "every demo response is in the backup"
