from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.national_regions import SOURCE, RegionConflict, UnknownRegion, region_tree
from cms.services import DEFAULT_REGIONS_CSV, load_region_tree, load_regions
from cms.spreadsheets import CsvImportError
from cms.vocabulary import RegionLevel


class Command(BaseCommand):
    help = (
        f"Load one city's or province's regions (kabupaten/kota, kecamatan, desa/kelurahan) from {SOURCE}, "
        "or any regions from a CSV with Kemendagri codes."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "csv",
            nargs="?",
            type=Path,
            help="CSV with columns code, level, parent_code, name, name_official (default: Kota Balikpapan).",
        )
        source.add_argument("--city", metavar="CODE", help=f"Kemendagri code of a kabupaten/kota in {SOURCE}.")
        source.add_argument("--province", metavar="CODE", help=f"Kemendagri code of a province in {SOURCE}.")
        parser.add_argument(
            "--rename",
            action="store_true",
            help=f"Also give regions already loaded the names {SOURCE} has (by default their names are kept).",
        )

    def handle(self, *args, csv: Path | None, city: str | None, province: str | None, rename: bool, **options):
        if city is not None:
            self.load_tree(city, RegionLevel.CITY, rename=rename)
            return
        if province is not None:
            self.load_tree(province, RegionLevel.PROVINCE, rename=rename)
            return
        try:
            with (csv or DEFAULT_REGIONS_CSV).open(encoding="utf-8-sig", newline="") as file:
                result = load_regions(file)
        except (OSError, CsvImportError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Regions: {result.created} created, {result.updated} updated.")

    def load_tree(self, code: str, level: RegionLevel, *, rename: bool) -> None:
        try:
            result = load_region_tree(region_tree(code.strip(), level), rename=rename)
        except (UnknownRegion, RegionConflict) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Regions of {code} from {SOURCE}: {result.created} created, {result.renamed} renamed, "
            f"{len(result.names_kept)} names kept."
        )
        for region_code, name, source_name in result.names_kept:
            self.stdout.write(f"  {region_code}: kept {name!r} ({SOURCE}: {source_name!r}; --rename takes it)")
