"""Import the denominators of the participation rate: ``population`` (kode_kelurahan,tahun,jumlah_anak) or
``enrolment`` (npsn,tahun,jumlah_siswa). A file with any bad line changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from cms.spreadsheets import CsvImportError, open_csv
from surveys.results.services import import_enrolment, import_population


class Command(BaseCommand):
    help = "Import child population per kelurahan or pupils per school from CSV."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["population", "enrolment"])
        parser.add_argument("path")

    def handle(self, kind, path, **options):
        importer = import_population if kind == "population" else import_enrolment
        try:
            with open_csv(path) as file:
                result = importer(file)
        except (OSError, CsvImportError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"created {result.created}, updated {result.updated}")
