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
