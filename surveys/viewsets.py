"""The safeguarding queue and its word list in the Wagtail admin.

Only readers with ``surveys.view_free_text`` see the queue (:class:`surveys.permissions.SafeguardingPermissionPolicy`).
Opening an item is written to the audit log; marking it reviewed records who did it, when and what was done.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.vocabulary import AuditAction
from surveys.models import FlagStatus, SafeguardingFlag, SafeguardingWord

EXTRA_LABELS = {"text": _("Jawaban anak"), "survey": _("Survei")}


class SafeguardingInspectView(generic.InspectView):
    """Shows the child's words; every opening is logged as ``suara_anak.safeguarding_view``."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log(instance=self.object, action=AuditAction.SAFEGUARDING_VIEW, user=request.user)
        return response

    def get_field_label(self, field_name, field):
        if field_name in EXTRA_LABELS:
            return EXTRA_LABELS[field_name]
        return super().get_field_label(field_name, field)


class SafeguardingReviewView(generic.EditView):
    """Saving the form is the review: the flag becomes reviewed, by this user, today."""

    def save_instance(self):
        flag = self.form.instance
        flag.status = FlagStatus.REVIEWED
        flag.reviewed_by = self.request.user
        flag.reviewed_on = timezone.localdate()
        return super().save_instance()


class SafeguardingFlagViewSet(ModelViewSet):
    model = SafeguardingFlag
    icon = "warning"
    menu_label = _("Perlindungan anak")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = SafeguardingInspectView
    edit_view_class = SafeguardingReviewView
    inspect_view_fields = [
        "text",
        "matched_words",
        "survey",
        "flagged_on",
        "status",
        "action",
        "note",
        "reviewed_by",
        "reviewed_on",
    ]
    list_display = ["__str__", "matched_words", "status", "action", "flagged_on"]
    list_filter = ["status", "action"]
    edit_handler = ObjectList([FieldPanel("action"), FieldPanel("note")])


class SafeguardingWordViewSet(SnippetViewSet):
    model = SafeguardingWord
    icon = "warning"
    menu_label = _("Kata perlindungan anak")
    list_display = ["word", "language"]
    list_filter = ["language"]
    search_fields = ["word"]
    panels = [FieldPanel("word"), FieldPanel("language")]
