from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from surveys.xlsform.writing import export_xlsform


class Command(BaseCommand):
    help = "Write a survey (both languages, codes, skip rules, version) as an XLSForm that pyxform converts."

    def add_arguments(self, parser):
        parser.add_argument("survey", help="The survey page's id or slug.")
        parser.add_argument("output", type=Path)

    def handle(self, *args, survey: str, output: Path, **options):
        from surveys.models import SurveyPage

        pages = (
            SurveyPage.objects.filter(pk=int(survey)) if survey.isdigit() else SurveyPage.objects.filter(slug=survey)
        )
        page = pages.order_by("locale_id").first()
        if page is None:
            raise CommandError(f"No survey {survey}.")
        output.write_bytes(export_xlsform(page))
        self.stdout.write(f"{page.survey.title}: {output}")
