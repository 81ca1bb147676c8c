#!/usr/bin/env bash
# One command to test Suara Anak: install everything (Python packages; Chromium for the browser tests, PgBouncer and
# HAProxy for the ops tests, when this user may install Debian packages), then lint, check migrations and run the
# whole suite.
# The suite runs on SQLite, or on the database DATABASE_URL names (e.g. PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh requirements-dev.txt
bash scripts/install-browser.sh || echo "Chromium is not installed: browser tests will be skipped." >&2
bash scripts/install-ops.sh || echo "PgBouncer and HAProxy are not installed: their ops tests will be skipped." >&2

export SUARA_ENV=test
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== makemigrations --check"
.venv/bin/python manage.py makemigrations --check --dry-run
echo "== pytest on ${DATABASE_URL:-SQLite}"
exec .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
