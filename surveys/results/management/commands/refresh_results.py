from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from cms.queue import enqueue
from surveys.models import SurveyPage
from surveys.results import rollup


class Command(BaseCommand):
    help = (
        "Publish the newest responses of children's surveys into the pre-counted rollup every results page reads "
        "(surveys.results.rollup), in batches of at least the survey's k; with --rebuild, count every response "
        "again; with --queue, as background jobs on the worker. Run e.g. hourly from cron; readers also publish a "
        "waiting batch themselves."
    )

    def add_arguments(self, parser):
        parser.add_argument("--survey", type=int, action="append", help="Only this survey page id (repeatable).")
        parser.add_argument("--rebuild", action="store_true", help="Throw the rollup away and count everything again.")
        parser.add_argument("--queue", action="store_true", help="Leave the work to the job worker, one job a survey.")

    def handle(self, *args, survey: list[int] | None, rebuild: bool, queue: bool, **options):
        surveys = SurveyPage.objects.for_children().filter(locale=Locale.get_default())
        if survey:
            surveys = surveys.filter(pk__in=survey)
            if surveys.count() != len(set(survey)):
                raise CommandError("Unknown survey id, or not a children's survey in the default language.")
        for page in surveys.order_by("pk"):
            if queue:
                enqueue(rollup.refresh_job, page.pk, full=rebuild)
                self.stdout.write(f"{page.title} (#{page.pk}): queued for the job worker.")
                continue
            done = rollup.rebuild(page) if rebuild else rollup.refresh(page)
            self.stdout.write(
                f"{page.title} (#{page.pk}): {done.responses} responses counted, watermark {done.watermark}."
            )
