"""Editor panels of the survey page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class ReadabilityPanel(Panel):
    """Warns, above the questions, where a younger child may struggle to read the saved draft (see
    ``surveys.readability``). Shown on every edit, so after "Simpan draf" the facilitator reads the warnings before
    pressing "Terbitkan"; it never blocks saving or publishing."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Mudah dibaca anak?"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "surveys/admin/readability_panel.html"

        def get_context_data(self, parent_context=None):
            from surveys.readability import survey_warnings

            context = super().get_context_data(parent_context)
            context["warnings"] = survey_warnings(self.instance)
            return context
