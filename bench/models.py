"""What the benchmark compares our survey submission with: one bare row, and Wagtail's own form builder."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField


class BenchRow(models.Model):
    """The ceiling: the least a Django view can do to store something."""

    payload = models.CharField(_("isi"), max_length=200, blank=True)
    created_on = models.DateField(_("tanggal"), auto_now_add=True)

    class Meta:
        verbose_name = _("baris tolok ukur")

    def __str__(self) -> str:
        return self.payload


class BenchFormField(AbstractFormField):
    page = ParentalKey("BenchFormPage", on_delete=models.CASCADE, related_name="form_fields")


class BenchFormPage(AbstractForm):
    """Wagtail's form builder as a Wagtail user would pick it, for the same submission size as our survey."""

    content_panels = AbstractForm.content_panels + [InlinePanel("form_fields", label=_("isian"))]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("formulir tolok ukur")

    def get_landing_page_template(self, request, *args, **kwargs):
        return "bench/bench_form_page_landing.html"
