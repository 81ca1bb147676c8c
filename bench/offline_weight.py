"""What offline class mode (#18) adds to a survey's first load, gzip-compressed: the service worker, the offline
screen's script and the web app manifest (icons are fetched only when the app is installed).

    SUARA_ENV=test .venv/bin/python bench/offline_weight.py
"""

import gzip
import os
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
FILES = ("static/js/sw.js", "static/js/offline.js", "static/manifest.webmanifest")
BUDGET = 15 * 1024


def main() -> int:
    os.chdir(BASE)
    total = 0
    print(f"{'file':34} {'raw':>8} {'gzip':>8}")
    for name in FILES:
        raw = Path(name).read_bytes()
        packed = len(gzip.compress(raw))
        total += packed
        print(f"{name:34} {len(raw):8} {packed:8}")
    print(f"{'total (gzip)':34} {'':8} {total:8}  budget {BUDGET} bytes: {'met' if total <= BUDGET else 'MISSED'}")
    return 0 if total <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
