from django.db.models.signals import post_save
from django.dispatch import receiver

from cms.models import ArticleIndexPage
from cms.services import open_to_forum_members


@receiver(post_save, sender=ArticleIndexPage)
def open_new_stories_section_to_members(sender, instance: ArticleIndexPage, created: bool, raw: bool = False, **kwargs):
    """Every stories section, in every language and however it was made (admin, seed, translation), is open to
    Forum Anak members for drafting."""
    if created and not raw:
        open_to_forum_members(instance)
