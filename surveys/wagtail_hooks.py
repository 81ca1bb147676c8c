from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

import cms.converters  # noqa: F401  (registers the "id" converter)
from surveys import admin_views
from surveys.models import SafeguardingFlag, SurveyPage
from surveys.permissions import SafeguardingPermissionPolicy
from surveys.readability import survey_warnings
from surveys.viewsets import SafeguardingFlagViewSet, SafeguardingWordViewSet

register_permission_policy(SafeguardingFlag, SafeguardingPermissionPolicy(SafeguardingFlag))
register_snippet(SafeguardingWordViewSet)


@hooks.register("register_admin_urls")
def register_bank_url():
    return [
        path("survei/bank/", admin_views.bank, name="surveys_bank"),
        path("survei/xlsform/impor/", admin_views.xlsform_import, name="surveys_xlsform_import"),
        path("survei/xlsform/ekspor/<id:page_id>/", admin_views.xlsform_export, name="surveys_xlsform_export"),
    ]


@hooks.register("register_admin_menu_item")
def register_bank_menu_item():
    return MenuItem(_("Bank pertanyaan"), reverse("surveys_bank"), icon_name="form", order=250)


@hooks.register("register_admin_menu_item")
def register_xlsform_menu_item():
    return MenuItem(_("Impor XLSForm"), reverse("surveys_xlsform_import"), icon_name="upload", order=251)


@hooks.register("register_page_header_buttons")
def xlsform_download_button(page, user, view_name, next_url=None):
    """ "Unduh XLSForm" in a survey's header menu, for whoever may edit it."""
    if issubclass(page.specific_class or type(page), SurveyPage) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Unduh XLSForm"),
            reverse("surveys_xlsform_export", args=[page.pk]),
            icon_name="download",
            priority=80,
        )


@hooks.register("register_admin_viewset")
def register_safeguarding_viewset():
    return SafeguardingFlagViewSet("safeguarding")


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_readability(request, page):
    """After a survey is saved, say how many of its texts may be hard for a younger child (the panel lists them)."""
    if not isinstance(page, SurveyPage):
        return
    if count := len(survey_warnings(page)):
        messages.warning(
            request,
            ngettext(
                "Satu teks mungkin sulit dibaca anak kecil: lihat “Mudah dibaca anak?” sebelum menerbitkan.",
                "%(count)d teks mungkin sulit dibaca anak kecil: lihat “Mudah dibaca anak?” sebelum menerbitkan.",
                count,
            )
            % {"count": count},
        )
