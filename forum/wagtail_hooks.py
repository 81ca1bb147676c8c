from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from forum.models import Activity, ForumGroup, Member
from forum.permissions import ScopedPermissionPolicy
from forum.viewsets import ForumViewSetGroup

for scoped_model in (ForumGroup, Member, Activity):
    register_permission_policy(scoped_model, ScopedPermissionPolicy(scoped_model))


@hooks.register("register_admin_viewset")
def register_forum_viewsets():
    return ForumViewSetGroup()


@hooks.register("register_log_actions")
def register_forum_log_actions(actions):
    actions.register_action("suara_anak.input_moderate", _("Moderasi masukan anak"), _("Masukan anak dimoderasi"))
    actions.register_action(
        "suara_anak.summary_deliver", _("Penyerahan rangkuman"), _("Rangkuman masukan anak diserahkan")
    )
    actions.register_action("suara_anak.consultation_answer", _("Jawaban instansi"), _("Jawaban instansi dicatat"))
