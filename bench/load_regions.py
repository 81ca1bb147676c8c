"""How long ``load_regions --city/--province`` takes: reading the shipped tables, a first load, a reload.

    SUARA_ENV=dev DATABASE_URL=postgres://… .venv/bin/python -m bench.load_regions [CODE …]

Each code (default: Kota Balikpapan, Kalimantan Timur, and Jawa Tengah, the province with the most regions) is
loaded inside a transaction that is rolled back, so the database is left as it was; a region already there is
counted as kept, not created.
"""

from __future__ import annotations

import os
import sys
import time

DEFAULT_CODES = ("64.71", "64", "33")


class Rollback(Exception):
    pass


def main(codes: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from cms.national_regions import region_tree
    from cms.services import load_region_tree
    from cms.vocabulary import RegionLevel

    print(f"database: {connection.vendor}")
    print(f"{'code':<8}{'regions':>9}{'read s':>9}{'load s':>9}{'created':>9}{'reload s':>10}{'created':>9}")
    for code in codes:
        level = RegionLevel.PROVINCE if "." not in code else RegionLevel.CITY
        started = time.perf_counter()
        tree = region_tree(code, level)
        read = time.perf_counter() - started
        try:
            with transaction.atomic():
                started = time.perf_counter()
                first = load_region_tree(tree)
                load = time.perf_counter() - started
                started = time.perf_counter()
                again = load_region_tree(tree)
                reload = time.perf_counter() - started
                raise Rollback
        except Rollback:
            pass
        print(f"{code:<8}{len(tree):>9}{read:>9.2f}{load:>9.2f}{first.created:>9}{reload:>10.2f}{again.created:>9}")


if __name__ == "__main__":
    main(sys.argv[1:] or list(DEFAULT_CODES))
