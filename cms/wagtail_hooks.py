from django.contrib import messages
from django.db import router
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import CampaignTheme
from cms.page_scope import SITE_WIDE_PAGE_VIEWS, explorable_pages, sees_every_page
from cms.vocabulary import AUDIT_MESSAGES, AuditAction


class CampaignThemeViewSet(SnippetViewSet):
    model = CampaignTheme
    icon = "tag"
    list_display = ["name", "code"]
    ordering = ["name"]


register_snippet(CampaignThemeViewSet)


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action in AuditAction:
        actions.register_action(action.value, action.label, AUDIT_MESSAGES[action])


@hooks.register("insert_global_admin_js")
def admin_init_js():
    """Set-up calls that Wagtail would write as inline scripts (see cms.admin_scripts)."""
    return format_html('<script src="{}"></script>', static("js/admin-init.js"))


@hooks.register("construct_page_chooser_queryset")
def choose_only_explorable_pages(pages, request):
    """The page chooser offers only pages the user may see in the explorer (see ``cms.page_scope``)."""
    if sees_every_page(request.user):
        return pages
    return pages.filter(pk__in=explorable_pages(request.user).values("pk"))


@hooks.register("construct_reports_menu")
def hide_site_wide_page_reports(request, menu_items):
    """Reports that name pages of the whole site are only for those who see every page."""
    if not sees_every_page(request.user):
        hidden = {reverse(name) for name in SITE_WIDE_PAGE_VIEWS if not name.startswith("wagtailadmin_pages:")}
        menu_items[:] = [item for item in menu_items if item.url not in hidden]


def protected_by_stored_rows(page: Page) -> bool:
    """Whether deleting ``page`` (with its descendants and translations, as Wagtail would) would delete rows that
    must outlive it: a survey's answers and versions, a consultation's inputs (their foreign keys are PROTECT)."""
    pages = Page.objects.none()
    for translation in page.get_translations(inclusive=True):
        pages |= translation.get_descendants(inclusive=True)
    using = router.db_for_write(Page)
    for specific in pages.specific().iterator():
        try:
            Collector(using=using).collect([specific])
        except ProtectedError:
            return True
    return False


def refuse_deletion(request):
    messages.error(
        request,
        _(
            "Halaman ini tidak bisa dihapus: jawaban atau masukan anak tersimpan untuknya, dan itu tidak boleh hilang. "
            "Batalkan penerbitannya untuk menurunkannya dari situs."
        ),
    )


@hooks.register("before_delete_page")
def refuse_deleting_what_children_answered(request, page: Page):
    """Say why a page with children's answers under it cannot be deleted, instead of a server error; unpublishing
    takes it off the site and keeps every answer."""
    if not protected_by_stored_rows(page):
        return None
    refuse_deletion(request)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_what_children_answered(request, action_type: str, objects, action_class_instance):
    """The same for the explorer's bulk delete, which does not run ``before_delete_page``."""
    pages = [item for item in objects if isinstance(item, Page)]
    if action_type != "delete" or not any(protected_by_stored_rows(page) for page in pages):
        return None
    refuse_deletion(request)
    return redirect("wagtailadmin_explore", pages[0].get_parent().pk)
