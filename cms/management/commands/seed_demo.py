from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Load demo data (regions, pages, users, schools and each capability's own). Safe to run again."

    def handle(self, *args, **options):
        """Runs each app's ``demo.seed()``, in the order of ``INSTALLED_APPS`` (an app's data after the data of
        the apps it builds on); found the way Django finds admin modules, so this command imports no app above it.
        """
        credentials: dict[str, str] = {}
        for config in apps.get_app_configs():
            if config.name in settings.PROJECT_APPS and module_has_submodule(config.module, "demo"):
                credentials |= import_module(f"{config.name}.demo").seed() or {}
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        if settings.DEBUG:
            self.stdout.write("Demo accounts (shown because DEBUG is on):")
            for email, password in credentials.items():
                self.stdout.write(f"  {email}  {password}")
