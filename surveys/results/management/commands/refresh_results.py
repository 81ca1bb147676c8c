from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from surveys.models import SurveyPage
from surveys.results import rollup


class Command(BaseCommand):
    help = (
        "Publish the newest responses of children's surveys into the pre-counted rollup every results page reads "
        "(surveys.results.rollup), in batches of at least the survey's k; with --rebuild, count every response "
        "again. Run e.g. hourly from cron; readers also publish a waiting batch themselves."
    )

    def add_arguments(self, parser):
        parser.add_argument("--survey", type=int, action="append", help="Only this survey page id (repeatable).")
        parser.add_argument("--rebuild", action="store_true", help="Throw the rollup away and count everything again.")

    def handle(self, *args, survey: list[int] | None, rebuild: bool, **options):
        surveys = SurveyPage.objects.for_children().filter(locale=Locale.get_default())
        if survey:
            surveys = surveys.filter(pk__in=survey)
            if surveys.count() != len(set(survey)):
                raise CommandError("Unknown survey id, or not a children's survey in the default language.")
        for page in surveys.order_by("pk"):
            done = rollup.rebuild(page) if rebuild else rollup.refresh(page)
            self.stdout.write(
                f"{page.title} (#{page.pk}): {done.responses} responses counted, watermark {done.watermark}."
            )
