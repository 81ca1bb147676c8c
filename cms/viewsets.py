from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from cms.models import School
from cms.vocabulary import Role


class SchoolFieldMixin(forms.Form):
    school = forms.ModelChoiceField(
        queryset=School.objects.select_related("kelurahan"),
        required=False,
        label=_("Sekolah"),
        help_text=_("Wajib untuk koordinator sekolah: mereka hanya bertindak untuk sekolah ini."),
    )

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups") or []
        is_coordinator = any(group.name == Role.SCHOOL_COORDINATOR for group in groups)
        if is_coordinator and not cleaned.get("school"):
            self.add_error("school", _("Pilih sekolah untuk koordinator sekolah."))
        return cleaned


class SuaraUserCreationForm(SchoolFieldMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"school"}


class SuaraUserEditForm(SchoolFieldMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"school"}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update: bool = False):
        return SuaraUserEditForm if for_update else SuaraUserCreationForm
