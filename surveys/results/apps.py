from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "surveys.results"
    label = "results"
    verbose_name = _("Hasil survei dan indikator partisipasi")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save, pre_delete

        from cms.models import School
        from surveys.models import Response
        from surveys.results import rollup

        post_save.connect(rollup.forget_counted_response, sender=Response, dispatch_uid="surveys.rollup_save")
        post_delete.connect(rollup.forget_counted_response, sender=Response, dispatch_uid="surveys.rollup_delete")
        pre_delete.connect(rollup.forget_school, sender=School, dispatch_uid="surveys.rollup_school")
