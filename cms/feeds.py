from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed


class StoryFeed(Feed):
    """An Atom feed of one stories section's published stories and news, newest first."""

    feed_type = Atom1Feed
    item_count = 20

    def __init__(self, index_page) -> None:
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        return self.index_page

    def title(self, index_page) -> str:
        return f"{index_page.title} · Suara Anak"

    def link(self, index_page) -> str:
        return index_page.url

    def subtitle(self, index_page) -> str:
        return index_page.intro

    def items(self, index_page):
        return index_page.get_listing()[: self.item_count]

    def item_title(self, article) -> str:
        return article.title

    def item_description(self, article) -> str:
        return article.summary

    def item_link(self, article) -> str:
        return article.url

    def item_author_name(self, article) -> str:
        return article.group_name

    def item_pubdate(self, article) -> datetime:
        """The story's own date (when it happened), not when it was approved."""
        return datetime.combine(article.date, time(), tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, article):
        return article.last_published_at
