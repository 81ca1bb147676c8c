"""Row-level scope for the Forum Anak admin: a facilitator works only on the groups they are assigned to
(and the groups below them); administrators work on everything.

The scope itself lives on each model's queryset (``for_user``); this module applies it to Wagtail's
permission policy and views, so the listing, the edit form and every other view agree.
"""

from django.http import Http404
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.permission_policies import ModelPermissionPolicy


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions from the user's roles, narrowed to the rows ``model.objects.for_user(user)`` returns."""

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return (
            self.user_has_permission(user, action)
            and self.model._default_manager.for_user(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.for_user(user)


class ScopedViewMixin:
    """Lists only rows in the user's scope and answers 404 for any other row, as if it did not exist."""

    def get_base_queryset(self):
        return super().get_base_queryset().for_user(self.request.user)

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not self.model._default_manager.for_user(self.request.user).filter(pk=instance.pk).exists():
            raise Http404
        return instance


class ScopedIndexView(ScopedViewMixin, generic.IndexView):
    pass


class ScopedEditView(ScopedViewMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedViewMixin, generic.DeleteView):
    pass


class ScopedInspectView(ScopedViewMixin, generic.InspectView):
    pass


class ScopedHistoryView(ScopedViewMixin, HistoryView):
    def get_base_queryset(self):
        return super(ScopedViewMixin, self).get_base_queryset()


class ScopedUsageView(ScopedViewMixin, UsageView):
    def get_base_queryset(self):
        return super(ScopedViewMixin, self).get_base_queryset()
