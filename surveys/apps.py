from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Survei")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from surveys.models import SurveyPage
        from surveys.services import record_version_on_publish

        page_published.connect(record_version_on_publish, sender=SurveyPage, dispatch_uid="surveys.record_version")
