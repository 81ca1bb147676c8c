#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the end-to-end tests (Playwright drives /usr/bin/chromium;
# Playwright's own browser download is not used). Needs root or password-less sudo; exits 1 otherwise.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; else exit 1; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
