#!/usr/bin/env bash
# Installs Debian's PgBouncer and HAProxy for the ops tests (tests/ops/test_replica.py, test_haproxy.py), which start
# their own instances on loopback ports; the Debian services themselves are left stopped. Needs root or password-less
# sudo; exits 1 otherwise.
set -euo pipefail
if [ -x /usr/sbin/pgbouncer ] && [ -x /usr/sbin/haproxy ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; else exit 1; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq pgbouncer haproxy >/dev/null
