#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into the database DATABASE_URL names (or db.sqlite3).
# The target should be empty (a new database); existing objects are replaced.
# Usage: bash scripts/restore.sh backups/suara-<stamp>.dump|.sqlite3 [backups/media-<stamp>.tar.gz]
set -euo pipefail
cd "$(dirname "$0")/.."
backup=${1:?usage: restore.sh BACKUP [MEDIA_ARCHIVE]}
case "$backup" in
  *.dump)
    : "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to restore into}"
    pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$backup"
    ;;
  *.sqlite3)
    target=${SQLITE_PATH:-db.sqlite3}
    cp "$backup" "$target"
    ;;
  *) echo "unknown backup type: $backup" >&2; exit 1 ;;
esac
if [ -n "${2:-}" ]; then tar -xzf "$2"; fi
echo "restored $backup"
