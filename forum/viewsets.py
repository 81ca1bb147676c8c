"""The Forum Anak admin in Wagtail: groups, members and activities scoped to the facilitator's groups, and the
consultation steps (moderation, summary and delivery, the agency's answer), each behind its own permissions."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from forum import services
from forum.admin_forms import (
    ConsultationAnswerForm,
    ConsultationSummaryForm,
    ForumGroupForm,
    MemberForm,
    ProposalForm,
    ProposalStepForm,
    ScopedGroupForm,
)
from forum.models import (
    Activity,
    ConsultationAnswer,
    ConsultationInput,
    ConsultationSummary,
    ForumGroup,
    Member,
    Proposal,
    ProposalStep,
    StepKind,
)
from forum.permissions import (
    ScopedDeleteView,
    ScopedEditView,
    ScopedHistoryView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedUsageView,
)


class ScopedModelViewSet(ModelViewSet):
    """A viewset whose every view keeps to ``model.objects.for_user(user)``; its model's permission policy
    (:class:`forum.permissions.ScopedPermissionPolicy`, registered in ``wagtail_hooks``) does the same."""

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = True


class ForumGroupViewSet(ScopedModelViewSet):
    model = ForumGroup
    icon = "group"
    menu_label = _("Forum Anak")
    list_display = ["__str__", "status", "formed_on", "decree_number"]
    list_filter = ["status", "region__level"]
    edit_handler = ObjectList(
        [
            FieldPanel("region"),
            FieldPanel("facilitators"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("formed_on"), FieldPanel("decree_number")]),
            FieldPanel("about"),
        ],
        base_form_class=ForumGroupForm,
    )


class MemberViewSet(ScopedModelViewSet):
    model = Member
    icon = "user"
    menu_label = _("Data anggota")
    list_display = ["display_name", "group", "role", "birth_year", BooleanColumn("is_alumnus", label=_("alumni"))]
    list_filter = ["group", "role", "sex"]
    edit_handler = ObjectList(
        [
            FieldPanel("group"),
            FieldPanel("display_name"),
            FieldRowPanel([FieldPanel("birth_year"), FieldPanel("sex"), FieldPanel("school_level")]),
            FieldRowPanel([FieldPanel("kelurahan"), FieldPanel("role")]),
            FieldPanel("guardian_consent_on"),
        ],
        base_form_class=MemberForm,
    )


class ActivityViewSet(ScopedModelViewSet):
    model = Activity
    icon = "date"
    menu_label = _("Kegiatan")
    list_display = ["__str__", "group", "date", "kind"]
    list_filter = ["kind", "group"]
    edit_handler = ObjectList(
        [
            FieldPanel("group"),
            FieldRowPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("place")]),
            FieldPanel("summary"),
            InlinePanel(
                "head_counts",
                label=_("Peserta"),
                help_text=_("Satu baris untuk setiap jenis kelamin dan kelompok umur yang ikut. Jangan tulis nama."),
                panels=[FieldRowPanel([FieldPanel("sex"), FieldPanel("age_band"), FieldPanel("children")])],
            ),
            InlinePanel(
                "photos",
                label=_("Foto"),
                panels=[FieldPanel("image"), FieldPanel("caption"), FieldPanel("has_consent")],
            ),
        ],
        base_form_class=ScopedGroupForm,
    )


class InputEditView(generic.EditView):
    def save_instance(self) -> ConsultationInput:
        return services.moderate_input(
            self.form.instance,
            status=self.form.cleaned_data["status"],
            text=self.form.cleaned_data["text"],
            user=self.request.user,
        )


class ConsultationInputViewSet(ModelViewSet):
    """Moderation: facilitators read children's input, approve or hide it, and edit out personal details."""

    model = ConsultationInput
    icon = "comment"
    menu_label = _("Moderasi masukan")
    add_view_enabled = False
    copy_view_enabled = False
    edit_view_class = InputEditView
    list_display = ["__str__", "consultation", "status", "submitted_on"]
    list_filter = ["status", "consultation"]
    form_fields = ["text", "status"]


class SummaryCreateView(generic.CreateView):
    def save_instance(self) -> ConsultationSummary:
        return services.save_summary(self.form.save(commit=False), user=self.request.user)


class SummaryEditView(generic.EditView):
    def save_instance(self) -> ConsultationSummary:
        return services.save_summary(self.form.save(commit=False), user=self.request.user)


class ConsultationSummaryViewSet(ModelViewSet):
    model = ConsultationSummary
    icon = "doc-full"
    menu_label = _("Rangkuman & penyerahan")
    copy_view_enabled = False
    inspect_view_enabled = True
    add_view_class = SummaryCreateView
    edit_view_class = SummaryEditView
    list_display = ["__str__", "delivered_on", "delivered_to"]
    edit_handler = ObjectList(
        [
            FieldPanel("consultation"),
            FieldPanel("text"),
            FieldRowPanel([FieldPanel("delivered_on"), FieldPanel("delivered_to")], heading=_("Penyerahan")),
        ],
        base_form_class=ConsultationSummaryForm,
    )


class AnswerSaveMixin:
    def save_instance(self) -> ConsultationAnswer:
        data = self.form.cleaned_data
        return services.record_answer(
            data["consultation"],
            decision=data["decision"],
            reasons=data["reasons"],
            next_steps=data["next_steps"],
            answered_on=data["answered_on"],
            user=self.request.user,
        )


class AnswerCreateView(AnswerSaveMixin, generic.CreateView):
    pass


class AnswerEditView(AnswerSaveMixin, generic.EditView):
    pass


class ConsultationAnswerViewSet(ModelViewSet):
    """Where an official of the responsible agency records its answer, in plain words for children."""

    model = ConsultationAnswer
    icon = "success"
    menu_label = _("Jawaban instansi")
    copy_view_enabled = False
    add_view_class = AnswerCreateView
    edit_view_class = AnswerEditView
    list_display = ["__str__", "decision", "answered_on"]
    edit_handler = ObjectList(
        [
            FieldPanel("consultation"),
            FieldRowPanel([FieldPanel("decision"), FieldPanel("answered_on")]),
            FieldPanel("reasons"),
            FieldPanel("next_steps"),
        ],
        base_form_class=ConsultationAnswerForm,
    )


class ProposalCreateView(generic.CreateView):
    def save_instance(self) -> Proposal:
        """A new proposal starts its trail as "received", dated today, when the user may record progress."""
        proposal = super().save_instance()
        if services.may_record(self.request.user, StepKind.RECEIVED):
            services.record_step(
                proposal, ProposalStep(kind=StepKind.RECEIVED, on=timezone.localdate()), user=self.request.user
            )
        return proposal


class ProposalViewSet(ModelViewSet):
    """Children's proposals, from a consultation, a Forum Anak meeting or a survey finding (Jejak Suara)."""

    model = Proposal
    icon = "list-ul"
    menu_label = _("Usulan anak (Jejak Suara)")
    copy_view_enabled = False
    inspect_view_enabled = True
    add_view_class = ProposalCreateView
    list_display = ["title", "consultation", "kecamatan", "stage"]
    list_filter = ["stage", "source", "kecamatan"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("details"),
            FieldRowPanel([FieldPanel("source"), FieldPanel("kecamatan")]),
            FieldPanel("consultation"),
            FieldPanel("inputs"),
            FieldPanel("meeting"),
            FieldPanel("survey_finding"),
        ],
        base_form_class=ProposalForm,
    )


class StepCreateView(generic.CreateView):
    def save_instance(self) -> ProposalStep:
        step = self.form.save(commit=False)
        return services.record_step(step.proposal, step, user=self.request.user)


class ProposalStepViewSet(ModelViewSet):
    """The steps of a proposal's trail. Steps are only added, forward, each by the role that may record its kind
    (``STEP_PERMISSIONS``); a mistaken step is removed by an administrator."""

    model = ProposalStep
    icon = "tasks"
    menu_label = _("Tahap usulan")
    copy_view_enabled = False
    inspect_view_enabled = True
    add_view_class = StepCreateView
    list_display = ["proposal", "kind", "on", "role"]
    list_filter = ["kind", "role"]
    edit_handler = ObjectList(
        [
            FieldPanel("proposal"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("on")]),
            FieldPanel("note"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("year"), FieldPanel("budget_line")]),
                    FieldPanel("evidence_document"),
                    FieldPanel("evidence_image"),
                ],
                heading=_("Bila dilaksanakan"),
            ),
        ],
        base_form_class=ProposalStepForm,
    )


class ForumViewSetGroup(ModelViewSetGroup):
    menu_label = _("Forum Anak")
    menu_icon = "group"
    menu_order = 250
    items = (
        ForumGroupViewSet("forum_groups"),
        MemberViewSet("forum_members"),
        ActivityViewSet("forum_activities"),
        ConsultationInputViewSet("forum_inputs"),
        ConsultationSummaryViewSet("forum_summaries"),
        ConsultationAnswerViewSet("forum_answers"),
        ProposalViewSet("forum_proposals"),
        ProposalStepViewSet("forum_proposal_steps"),
    )
