from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Survei")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published

        from surveys.models import SafeguardingWord, SurveyPage
        from surveys.services import forget_safeguarding_words, record_version_on_publish

        page_published.connect(record_version_on_publish, sender=SurveyPage, dispatch_uid="surveys.record_version")
        for signal in (post_save, post_delete):
            signal.connect(
                forget_safeguarding_words, sender=SafeguardingWord, dispatch_uid="surveys.safeguarding_words"
            )
