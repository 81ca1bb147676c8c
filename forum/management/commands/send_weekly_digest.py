from django.conf import settings
from django.core.management.base import BaseCommand

from forum.notifications import send_weekly_digest


class Command(BaseCommand):
    help = (
        "E-mail the city's coordinator (the facilitators of the city's Forum Anak) the week's digest of children's "
        "proposals: where they stand, what moved, what waits longer than JEJAK_WAITING_DAYS days. Sent once per "
        "week; run weekly (e.g. Monday morning from cron), a rerun the same week sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Send again even if this week's digest went out.")

    def handle(self, *args, force: bool, **options):
        run = send_weekly_digest(force=force)
        if run.already_sent:
            self.stdout.write("This week's digest was already sent; nothing sent (use --force to send again).")
            return
        self.stdout.write(
            f"Weekly digest sent to {run.emails} coordinator(s); waiting means over {settings.JEJAK_WAITING_DAYS} days."
        )
