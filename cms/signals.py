"""Receivers for events that concern accounts: the audit trail of role changes."""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from wagtail.log_actions import log

from cms.models import User

ROLE_CHANGE_ACTIONS = {"post_add": "suara_anak.role_added", "post_remove": "suara_anak.role_removed"}


@receiver(m2m_changed, sender=User.groups.through)
def log_role_change(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """Record every role given or taken away, whichever side of the relation was edited."""
    if action not in ROLE_CHANGE_ACTIONS or not pk_set:
        return
    if reverse:
        pairs = [(user, instance) for user in User.objects.filter(pk__in=pk_set)]
    else:
        pairs = [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]
    for user, group in pairs:
        log(instance=user, action=ROLE_CHANGE_ACTIONS[action], data={"role": group.name, "user": user.get_username()})
