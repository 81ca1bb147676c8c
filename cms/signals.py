"""Receivers for events that concern accounts and pages: the audit trail of role changes, and the stories
sections that Forum Anak members may draft in."""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from wagtail.log_actions import log

from cms.models import ArticleIndexPage, User
from cms.services import open_to_forum_members
from cms.vocabulary import AuditAction

ROLE_CHANGE_ACTIONS = {"post_add": AuditAction.ROLE_ADDED, "post_remove": AuditAction.ROLE_REMOVED}


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


@receiver(post_save, sender=ArticleIndexPage)
def open_new_stories_section_to_members(sender, instance: ArticleIndexPage, created: bool, raw: bool = False, **kwargs):
    """Every stories section, in every language and however it was made (admin, seed, translation), is open to
    Forum Anak members for drafting."""
    if created and not raw:
        open_to_forum_members(instance)
