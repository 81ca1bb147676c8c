#!/usr/bin/env bash
# One command to try Suara Anak: install, migrate, load the demo data, serve http://127.0.0.1:8000/ on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh requirements.txt
export SUARA_ENV=${SUARA_ENV:-dev}
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo
echo "Suara Anak runs at http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/). Stop with Ctrl+C."
exec .venv/bin/python manage.py runserver "${PORT:-127.0.0.1:8000}"
