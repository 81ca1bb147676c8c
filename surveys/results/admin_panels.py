"""The results area inside the Wagtail admin: indicators and denominators, and the facilitators' summary panel."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from surveys.results.models import ChildPopulation, Indicator, RegionBoundary, SchoolEnrolment


class IndicatorViewSet(ModelViewSet):
    model = Indicator
    icon = "list-ol"
    menu_label = _("Indikator partisipasi")
    list_display = ["name", "cluster", "formula", "is_active", "order"]
    list_filter = ["cluster", "is_active"]
    copy_view_enabled = False
    add_to_admin_menu = False


class ChildPopulationViewSet(ModelViewSet):
    model = ChildPopulation
    icon = "group"
    menu_label = _("Jumlah anak per kelurahan")
    list_display = ["kelurahan", "year", "children"]
    list_filter = ["year"]
    copy_view_enabled = False


class SchoolEnrolmentViewSet(ModelViewSet):
    model = SchoolEnrolment
    icon = "group"
    menu_label = _("Jumlah siswa per sekolah")
    list_display = ["school", "year", "pupils"]
    list_filter = ["year"]
    copy_view_enabled = False


class RegionBoundaryViewSet(ModelViewSet):
    """Boundaries per kecamatan/kelurahan: uploaded as a GeoJSON file, checked, kept as the geometry alone."""

    model = RegionBoundary
    icon = "site"
    menu_label = _("Batas wilayah (peta)")
    list_display = ["region", "source", "updated_at"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        from surveys.results.forms import RegionBoundaryForm

        return RegionBoundaryForm


class ResultsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Indikator KLA")
    menu_icon = "list-ol"
    menu_order = 260
    items = (
        IndicatorViewSet("indikator"),
        ChildPopulationViewSet("jumlah-anak"),
        SchoolEnrolmentViewSet("jumlah-siswa"),
        RegionBoundaryViewSet("batas-wilayah"),
    )


class ResultsSummaryPanel(Component):
    """On the admin dashboard: each children's survey with how many children answered (suppressed) and a link."""

    name = "results_summary"
    order = 150
    template_name = "surveys/admin/results_panel.html"

    def get_context_data(self, parent_context=None):
        from cms.vocabulary import DEFAULT_K
        from surveys.results.forms import surveys_with_results
        from surveys.results.pages import Scope, respondent_count

        rows = []
        for survey in surveys_with_results()[:5]:
            rows.append({"survey": survey, "respondents": respondent_count(Scope(survey)).grand_total})
        thresholds = sorted({row["survey"].min_group_size for row in rows}) or [DEFAULT_K]
        return {"rows": rows, "k": thresholds[0] if len(thresholds) == 1 else None}
