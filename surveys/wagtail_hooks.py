from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from surveys import admin_views


@hooks.register("register_admin_urls")
def register_bank_url():
    return [path("survei/bank/", admin_views.bank, name="surveys_bank")]


@hooks.register("register_admin_menu_item")
def register_bank_menu_item():
    return MenuItem(_("Bank pertanyaan"), reverse("surveys_bank"), icon_name="form", order=250)


@hooks.register("register_log_actions")
def register_survey_log_actions(actions):
    actions.register_action(
        "suara_anak.survey_from_bank",
        _("Survei dibuat dari bank pertanyaan"),
        _("Survei dibuat dari bank pertanyaan"),
    )
