from django.apps import AppConfig, apps
from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class CmsConfig(AppConfig):
    default = True
    name = "cms"
    verbose_name = _("Situs Suara Anak")

    def ready(self) -> None:
        from cms import admin_scripts, chrome, signals  # noqa: F401

        admin_scripts.install()
        chrome.connect()
        post_migrate.connect(grant_declared_permissions, sender=self)


def grant_declared_permissions(sender, using: str = "default", **kwargs) -> None:
    """After ``migrate``, give the roles what ``cms.roles`` declares (the permissions of every app made first)."""
    from cms.services import apply_grants

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    apply_grants()


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the fields Suara Anak adds to a user (the coordinator's school)."""

    user_viewset = "cms.viewsets.UserViewSet"
