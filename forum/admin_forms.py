"""Forms of the Forum Anak admin: choices narrowed to what the signed-in user may touch, and the fields that
record who did what filled in from the user instead of typed."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.models import Region
from forum.models import ConsultationInput, ConsultationPage, ForumGroup, InputStatus
from forum.services import recordable_kinds


class ForumGroupForm(WagtailAdminModelForm):
    """Only administrators choose a group's region and assign its facilitators."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not (self.for_user and self.for_user.is_superuser):
            for name in ("region", "facilitators"):
                if name in self.fields:
                    self.fields[name].disabled = True


class ScopedGroupForm(WagtailAdminModelForm):
    """A member or activity can only be put in a group within the facilitator's scope."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.for_user and "group" in self.fields:
            self.fields["group"].queryset = ForumGroup.objects.for_user(self.for_user).select_related("region")


class MemberForm(ScopedGroupForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = Region.objects.kelurahan()

    def save(self, commit: bool = True):
        """Whoever enters or changes the consent date is recorded as having seen the guardian's consent."""
        if "guardian_consent_on" in self.changed_data and self.for_user:
            self.instance.consent_recorded_by = self.for_user
        return super().save(commit=commit)


class ConsultationSummaryForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = ConsultationPage.objects.order_by("-opens_on")


class ConsultationAnswerForm(WagtailAdminModelForm):
    """Officials can only pick a consultation whose summary of children's input was delivered."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = ConsultationPage.objects.filter(
            summary__delivered_on__isnull=False
        ).order_by("-opens_on")


class ProposalForm(WagtailAdminModelForm):
    """The consultation is a plain list (not a page chooser); inputs are picked from those children sent, newest
    first; a proposal names no child."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "consultation" in self.fields:
            field = self.fields["consultation"]
            field.queryset = ConsultationPage.objects.order_by("-opens_on")
            field.widget = forms.Select(choices=field.choices)
        if "inputs" in self.fields:
            self.fields["inputs"].queryset = ConsultationInput.objects.exclude(
                status=InputStatus.HIDDEN
            ).select_related("consultation")
        if "kecamatan" in self.fields:
            self.fields["kecamatan"].queryset = Region.objects.kecamatan()

    def clean(self) -> dict:
        cleaned = super().clean()
        consultation = cleaned.get("consultation")
        inputs = cleaned.get("inputs")
        if inputs and (consultation is None or any(entry.consultation_id != consultation.pk for entry in inputs)):
            self.add_error("inputs", _("Pilih hanya masukan anak dari konsultasi usulan ini."))
        return cleaned


class ProposalStepForm(WagtailAdminModelForm):
    """Only the steps the user's role may record (``forum.services.recordable_kinds``) are offered."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.for_user and "kind" in self.fields:
            allowed = set(recordable_kinds(self.for_user))
            self.fields["kind"].choices = [
                (value, label) for value, label in self.fields["kind"].choices if value in allowed or value == ""
            ]
