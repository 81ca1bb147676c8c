from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from surveys.services import purge_old_data


class Command(BaseCommand):
    help = (
        "Blank the free text of survey answers older than the retention period (RETENTION_FREE_TEXT_DAYS), "
        "then delete expired sessions, which hold abandoned survey drafts (Django's clearsessions). Run daily, "
        "e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the free text that would be blanked; change nothing."
        )
        parser.add_argument(
            "--days", type=int, default=None, help="Retention in days (default: the RETENTION_FREE_TEXT_DAYS setting)."
        )

    def handle(self, *args, dry_run: bool, days: int | None, **options):
        days = settings.RETENTION_FREE_TEXT_DAYS if days is None else days
        result = purge_old_data(older_than_days=days, dry_run=dry_run)
        if dry_run:
            self.stdout.write(
                f"Would purge: {result.free_text_answers} free-text answers older than {days} days; "
                "expired sessions would be cleared."
            )
            return
        call_command("clearsessions")
        self.stdout.write(
            f"Purged: {result.free_text_answers} free-text answers older than {days} days, and expired sessions "
            "(abandoned drafts)."
        )
