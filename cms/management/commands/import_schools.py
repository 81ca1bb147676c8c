from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.services import import_schools
from cms.spreadsheets import CsvImportError


class Command(BaseCommand):
    help = "Create or update schools from a CSV with columns name, npsn, level, status, kelurahan_code."

    def add_arguments(self, parser):
        parser.add_argument("csv", type=Path)

    def handle(self, *args, csv: Path, **options):
        try:
            with csv.open(encoding="utf-8-sig", newline="") as file:
                result = import_schools(file)
        except (OSError, CsvImportError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Schools: {result.created} created, {result.updated} updated.")
