from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    """Installed by ``cms/settings.py`` only when ``SUARA_BENCH_VIEWS=1`` (for ``bench/submission.py``)."""

    name = "bench"
    verbose_name = _("tolok ukur")
    default_auto_field = "django.db.models.BigAutoField"
