from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

SEEDERS = [
    "cms.demo.seed",
    "forum.demo.seed",
    "surveys.demo.seed",
    "surveys.results.demo.seed",
]


class Command(BaseCommand):
    help = "Load demo data (regions, pages, users, schools and each capability's own). Safe to run again."

    def handle(self, *args, **options):
        credentials: dict[str, str] = {}
        for path in SEEDERS:
            credentials |= import_string(path)() or {}
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        if settings.DEBUG:
            self.stdout.write("Demo accounts (shown because DEBUG is on):")
            for email, password in credentials.items():
                self.stdout.write(f"  {email}  {password}")
