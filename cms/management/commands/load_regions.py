from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.services import DEFAULT_REGIONS_CSV, load_regions
from cms.spreadsheets import CsvImportError


class Command(BaseCommand):
    help = "Load a city's regions (province, city, kecamatan, kelurahan) from a CSV with Kemendagri codes."

    def add_arguments(self, parser):
        parser.add_argument(
            "csv",
            nargs="?",
            type=Path,
            default=DEFAULT_REGIONS_CSV,
            help="CSV with columns code, level, parent_code, name, name_official (default: Kota Balikpapan).",
        )

    def handle(self, *args, csv: Path, **options):
        try:
            with csv.open(encoding="utf-8-sig", newline="") as file:
                result = load_regions(file)
        except (OSError, CsvImportError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Regions: {result.created} created, {result.updated} updated.")
