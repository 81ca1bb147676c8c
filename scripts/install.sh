#!/usr/bin/env bash
# Installs Suara Anak into .venv: system packages it needs (when it may), then the pinned Python packages.
# Usage: bash scripts/install.sh [requirements file]   (idempotent; safe to run again)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
REQUIREMENTS=${1:-requirements.txt}

apt_install() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    return 1
  fi
}

if ! command -v "$PYTHON" >/dev/null; then
  echo "Python 3.11 or newer is needed: sudo apt-get install python3 python3-venv" >&2
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Python 3.11 or newer is needed; $("$PYTHON" --version) was found." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
    apt_install python3-venv || { echo "Please install python3-venv: sudo apt-get install python3-venv" >&2; exit 1; }
  fi
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
# The KLA evidence pack's PDF is drawn by WeasyPrint, which needs Pango (text layout) and a font with Indonesian
# letters; Debian and Ubuntu name them as below.
if ! .venv/bin/python -c 'import weasyprint' 2>/dev/null; then
  apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core || {
    echo "The evidence pack's PDF needs Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" \
      "libharfbuzz-subset0 fonts-dejavu-core" >&2
    exit 1
  }
fi
