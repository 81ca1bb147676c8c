#!/usr/bin/env bash
# Back up the database (and uploaded media) into backups/, named by date and time.
#   PostgreSQL (DATABASE_URL=postgres://…): pg_dump in custom format → backups/suara-<stamp>.dump
#   SQLite (no DATABASE_URL): SQLite's online backup of db.sqlite3 (or SQLITE_PATH) → backups/suara-<stamp>.sqlite3
# Usage: bash scripts/backup.sh [target folder]
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-backups}
mkdir -p "$target"
stamp=$(date +%Y%m%d-%H%M%S)
case "${DATABASE_URL:-}" in
  postgres://*|postgresql://*)
    out="$target/suara-$stamp.dump"
    pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$out"
    ;;
  "")
    out="$target/suara-$stamp.sqlite3"
    python3 - "${SQLITE_PATH:-db.sqlite3}" "$out" <<'PY'
import sqlite3, sys
source = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
with sqlite3.connect(sys.argv[2]) as copy:
    source.backup(copy)
PY
    ;;
  *) echo "backup.sh knows PostgreSQL and SQLite; DATABASE_URL is ${DATABASE_URL%%:*}" >&2; exit 1 ;;
esac
if [ -d media ]; then tar -czf "$target/media-$stamp.tar.gz" media; fi
echo "$out"
