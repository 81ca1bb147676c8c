#!/usr/bin/env bash
# One command to try Suara Anak: install, migrate, load the demo data, serve http://127.0.0.1:8000/ on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh requirements.txt
export SUARA_ENV=${SUARA_ENV:-dev}
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo
echo "Suara Anak runs at http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/). Stop with Ctrl+C."
# With Redis (REDIS_URL or QUEUE_URL), large exports and mail run on a job worker started here; without it they run
# inside the request that asks for them.
if [ -n "${QUEUE_URL:-${REDIS_URL:-}}" ]; then
  .venv/bin/python manage.py rqworker default &
  worker_pid=$!
  trap 'kill "$worker_pid" 2>/dev/null || true' EXIT
fi
.venv/bin/python manage.py runserver "${PORT:-127.0.0.1:8000}"
