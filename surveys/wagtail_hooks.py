from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from surveys import admin_views
from surveys.models import SafeguardingFlag
from surveys.permissions import SafeguardingPermissionPolicy
from surveys.viewsets import SafeguardingFlagViewSet, SafeguardingWordViewSet

register_permission_policy(SafeguardingFlag, SafeguardingPermissionPolicy(SafeguardingFlag))
register_snippet(SafeguardingWordViewSet)


@hooks.register("register_admin_urls")
def register_bank_url():
    return [path("survei/bank/", admin_views.bank, name="surveys_bank")]


@hooks.register("register_admin_menu_item")
def register_bank_menu_item():
    return MenuItem(_("Bank pertanyaan"), reverse("surveys_bank"), icon_name="form", order=250)


@hooks.register("register_admin_viewset")
def register_safeguarding_viewset():
    return SafeguardingFlagViewSet("safeguarding")
