from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale, Page

from surveys.xlsform.reading import XLSFormRefused, import_xlsform


def find_parent(path: str) -> Page:
    """The page at ``path`` as visitors see it (``/survei/``), in the default language; a page id works too."""
    pages = Page.objects.filter(locale=Locale.get_default())
    if path.isdigit():
        found = pages.filter(pk=int(path)).first()
    else:
        slugs = [slug for slug in path.strip("/").split("/") if slug]
        found = (
            next(
                (page for page in pages.filter(slug=slugs[-1]) if page.url_path.rstrip("/").endswith("/".join(slugs))),
                None,
            )
            if slugs
            else None
        )
    if found is None:
        raise CommandError(f"No page at {path}.")
    return found.specific


class Command(BaseCommand):
    help = (
        "Create a draft survey (with its English translation) from an XLSForm. Unsupported rows are reported with "
        "their sheet, row and column and left out; with --strict any of them refuses the whole file. Nothing is "
        "created when the form cannot be imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--parent", required=True, help="The survey list page's path, e.g. /survei/, or its id.")
        parser.add_argument("--strict", action="store_true", help="Refuse the whole file when any row is refused.")

    def handle(self, *args, file: Path, parent: str, strict: bool, **options):
        from surveys.models import SurveyPage

        index = find_parent(parent)
        if SurveyPage not in index.specific_class.allowed_subpage_models():
            raise CommandError(f"{parent} cannot hold surveys.")
        try:
            page, read = import_xlsform(file.read_bytes(), index, strict=strict)
        except XLSFormRefused as refused:
            raise CommandError("Nothing imported:\n" + "\n".join(str(p) for p in refused.problems)) from refused
        for problem in read.problems:
            self.stderr.write(f"Skipped: {problem}")
        self.stdout.write(f"Draft survey {page.pk} created at {page.url_path} (version {read.version or '-'}).")
