"""Drafts stay drafts: a Forum Anak member (a child) reaches the Wagtail admin to draft stories, and sees there only
their stories sections (and the pages above them), never another page's title, draft or not."""

from http import HTTPStatus

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Locale, Page, get_page_models

from cms.models import ArticlePage, StandardPage
from cms.roles import Role
from tests.forum.conftest import consultation_index, make_consultation  # noqa: F401
from tests.surveys.conftest import make_survey, survey_index  # noqa: F401

SECRETS = (
    "Draf Rahasia Halaman",
    "Revisi Rahasia Bantuan",
    "Survei Rahasia Draf",
    "Kampanye Rahasia Moderasi",
    "Kampanye Rahasia Terkunci",
)
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id")
NOT_WALKED = ("wagtailadmin_error_test", "wagtailadmin_logout")


@pytest.fixture
def outside_drafts(request, sections, make_user):
    """Pages outside the stories sections whose titles a member must never read, and another member's draft story
    inside the section, which they may."""
    facilitator = make_user(Role.FACILITATOR, email="fasilitator@example.test")
    draft = sections["help"].add_child(instance=StandardPage(title=SECRETS[0], slug="draf-rahasia", live=False))
    draft.save_revision(user=facilitator, log_action=True)
    help_page = sections["help"].specific
    help_page.title = SECRETS[1]
    help_page.save_revision(user=facilitator, log_action=True)
    survey = request.getfixturevalue("make_survey")(title=SECRETS[2], slug="survei-rahasia")
    survey.unpublish()
    request.getfixturevalue("make_consultation")("ktr")
    campaigns = list(sections["campaigns"].get_children().specific())
    moderated, locked = campaigns[0], campaigns[1]
    moderated.title = SECRETS[3]
    moderated.get_workflow().start(moderated.save_revision(user=facilitator).as_object(), facilitator)
    locked.title = SECRETS[4]
    locked.save_revision(user=facilitator, log_action=True)
    Page.objects.filter(pk=locked.pk).update(locked=True, locked_by=facilitator, locked_at=timezone.now())
    story = sections["stories"].add_child(
        instance=ArticlePage(
            title="Cerita Draf Anggota Lain",
            slug="cerita-draf",
            live=False,
            kind="story",
            date=timezone.localdate(),
            group_name="Forum Anak Kelurahan Uji",
            summary="Ringkasan.",
        )
    )
    story.save_revision(user=make_user(Role.FORUM_MEMBER, email="anggota-lain@example.test"))
    from wagtail_localize.models import Translation, TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(draft)
    Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="en"))
    return story


@pytest.fixture
def member(client, make_user):
    user = make_user(Role.FORUM_MEMBER, email="anggota@example.test")
    client.force_login(user)
    return user


def admin_routes(patterns, prefix: str = "", namespace: str = ""):
    """(URL name, route) of every admin URL pattern."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from admin_routes(pattern.url_patterns, route, inner)
        elif route.startswith("admin/") and pattern.name and pattern.name not in NOT_WALKED:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern, route


def member_walk() -> list[str]:
    """Every parameterless admin URL (with a search term), every admin URL that takes one page, for every page,
    the page-type usage lists, the page chooser's "chosen" answer, every bulk action on pages and the admin API."""
    urls = []
    page_ids = list(Page.objects.values_list("pk", flat=True))
    for name, pattern, route in admin_routes(get_resolver().url_patterns):
        converters = pattern.pattern.converters if hasattr(pattern.pattern, "converters") else {}
        if "<" not in route and "(?P" not in route and "^" not in route:
            urls += ["/" + route, "/" + route + "?q=Rahasia&search=Rahasia&export=csv"]
        elif set(converters) in ({key} for key in PAGE_ID_KWARGS):
            (kwarg,) = converters
            urls += [reverse(name, kwargs={kwarg: page_id}) for page_id in page_ids]
    for model in get_page_models():
        urls.append(reverse("wagtailadmin_pages:type_use", args=(model._meta.app_label, model._meta.model_name)))
    ids = "&".join(f"id={page_id}" for page_id in Page.objects.filter(depth__gt=1).values_list("pk", flat=True))
    # Not the root: Wagtail's "chosen" answer fails on a page without a parent, for every user.
    urls.append(reverse("wagtailadmin_choose_page_chosen_multiple") + "?" + ids)
    for action in bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page"):
        urls.append(reverse("wagtail_bulk_action", args=("wagtailcore", "page", action.action_type)) + "?" + ids)
    urls += [f"/admin/api/main/pages/{page_id}/" for page_id in page_ids]
    urls += ["/admin/api/main/pages/?search=Rahasia", "/admin/api/main/pages/?limit=100"]
    return urls


@pytest.mark.usefixtures("outside_drafts", "member")
def test_a_member_reads_no_title_outside_their_section_anywhere_in_the_admin(client):
    client.raise_request_exception = False
    urls = member_walk()
    assert len(urls) > 500
    leaks = []
    for url in urls:
        response = client.get(url)
        if response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR:
            leaks.append(f"{url}: server error")
        content = b"".join(response.streaming_content) if response.streaming else response.content
        body = content.decode(errors="replace")
        leaks += [f"{url}: {secret}" for secret in SECRETS if secret in body]
    assert not leaks, "\n".join(leaks)


@pytest.mark.usefixtures("member")
def test_a_member_still_finds_and_drafts_in_their_stories_section(client, sections, outside_drafts):
    stories = sections["stories"]
    explorer = client.get(reverse("wagtailadmin_explore", args=[stories.pk]))
    assert explorer.status_code == HTTPStatus.OK
    assert "Cerita Draf Anggota Lain" in explorer.content.decode()
    chooser = client.get(reverse("wagtailadmin_choose_page_child", args=[stories.pk]))
    assert "Cerita Draf Anggota Lain" in chooser.content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[outside_drafts.pk]))
    assert edit.status_code == HTTPStatus.OK
    add = reverse("wagtailadmin_pages:add", args=("cms", "articlepage", stories.pk))
    assert client.get(add).status_code == HTTPStatus.OK
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == HTTPStatus.OK
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_reports:site_history") in dashboard
    assert reverse("wagtailadmin_reports:page_types_usage") not in dashboard
    assert reverse("wagtail_localize:translations_report") not in dashboard


def test_a_facilitator_still_sees_every_page(client, make_user, sections, outside_drafts):
    client.force_login(make_user(Role.FACILITATOR))
    help_page = sections["help"]
    assert SECRETS[1] in client.get(reverse("wagtailadmin_explore", args=[help_page.pk])).content.decode()
    chooser = client.get(reverse("wagtailadmin_choose_page_child", args=[help_page.pk])).content.decode()
    assert SECRETS[0] in chooser
    usage = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert usage.status_code == HTTPStatus.OK
