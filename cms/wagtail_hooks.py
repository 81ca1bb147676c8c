from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action("suara_anak.role_added", _("Peran diberikan"), _("Peran diberikan"))
    actions.register_action("suara_anak.role_removed", _("Peran dicabut"), _("Peran dicabut"))
