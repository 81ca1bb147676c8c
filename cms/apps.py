from django.apps import AppConfig
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


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the fields Suara Anak adds to a user (the coordinator's school)."""

    user_viewset = "cms.viewsets.UserViewSet"
