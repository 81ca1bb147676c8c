from django.conf import settings
from django.core.management.base import BaseCommand

from forum.notifications import send_proposal_reminders


class Command(BaseCommand):
    help = (
        "E-mail the facilitators and officials a children's proposal has waited on for more than JEJAK_WAITING_DAYS "
        "days, once per waiting period (a new step starts a new one). Safe to run again: nothing is sent twice. "
        "Run daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Days a proposal may wait (default: the JEJAK_WAITING_DAYS setting)."
        )

    def handle(self, *args, days: int | None, **options):
        days = settings.JEJAK_WAITING_DAYS if days is None else days
        run = send_proposal_reminders(days=days)
        reminded = ", ".join(f"{count} waiting on {role}" for role, count in sorted(run.reminded.items())) or "none"
        self.stdout.write(
            f"Proposals waiting more than {days} days reminded: {reminded}; e-mails sent: {run.emails}; "
            f"waiting with nobody to tell: {run.without_recipient}."
        )
