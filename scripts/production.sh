#!/usr/bin/env bash
# A production-like run on one machine: PostgreSQL, Redis, gunicorn with several workers, WhiteNoise serving
# compressed, hashed static files. Plain HTTP on loopback, so the HTTPS-only cookie and redirect settings are
# relaxed here (and only here) with SECURE_SSL_REDIRECT=false and INSECURE_LOCAL_HTTP=1.
#   DATABASE_URL (default postgres://postgres@127.0.0.1:5432/suara_anak; created when missing)
#   REDIS_URL    (default redis://127.0.0.1:6379/0)
#   WORKERS      (default 4)   BIND (default 127.0.0.1:8000)
#   JOB_WORKERS  (default 1: RQ workers for background jobs, on REDIS_URL or QUEUE_URL)
#   MAX_REQUESTS (default 2000: a worker is replaced after about that many requests; 0 never)
# Several app servers: run this same script (with the same DATABASE_URL, REDIS_URL, SECRET_KEY and MEDIA_ROOT
# on shared storage) on each machine or port behind one load balancer; run migrations from one of them only.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh requirements.txt

export SUARA_ENV=production
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/suara_anak}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-false}
export INSECURE_LOCAL_HTTP=${INSECURE_LOCAL_HTTP:-1}
if [ -z "${SECRET_KEY:-}" ]; then
  mkdir -p var && [ -s var/secret_key ] || .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key
  SECRET_KEY=$(cat var/secret_key)
  export SECRET_KEY
fi

db_name=${DATABASE_URL##*/}; db_name=${db_name%%\?*}
server_url=${DATABASE_URL%/*}/postgres
psql "$server_url" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'" | grep -q 1 \
  || psql "$server_url" -c "CREATE DATABASE \"$db_name\""

.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput -v0
if [ "${SEED_DEMO:-1}" = 1 ]; then .venv/bin/python manage.py seed_demo; fi
# The job worker (exports, rollup refreshes, e-mail) runs beside the app servers and stops with them; more
# workers (JOB_WORKERS) work more jobs at once. On several machines, run workers where the disk of DOWNLOADS_ROOT is.
worker_pids=()
for _ in $(seq "${JOB_WORKERS:-1}"); do
  .venv/bin/python manage.py rqworker default &
  worker_pids+=($!)
done
trap 'kill "${worker_pids[@]}" 2>/dev/null || true' EXIT
.venv/bin/gunicorn cms.wsgi --workers "${WORKERS:-4}" --bind "${BIND:-127.0.0.1:8000}" \
  --access-logfile - --max-requests "${MAX_REQUESTS:-2000}" --max-requests-jitter 200 --timeout 30
