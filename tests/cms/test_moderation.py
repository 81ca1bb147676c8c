from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import querydict_from_html

from cms.models import ArticlePage
from cms.roles import Role


@pytest.fixture
def member(make_user):
    return make_user(Role.FORUM_MEMBER, email="anggota@example.test")


@pytest.fixture
def facilitator(make_user):
    return make_user(Role.FACILITATOR, email="fasilitator@example.test")


def add_url(parent: Page, model: str) -> str:
    return reverse("wagtailadmin_pages:add", args=("cms", model, parent.pk))


def story_form(client, parent: Page, action: str, **fields) -> dict:
    """The admin's own add form for a story, as the browser would send it, with ``fields`` filled in."""
    response = client.get(add_url(parent, "articlepage"))
    assert response.status_code == HTTPStatus.OK
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "Kerja bakti di taman kelurahan",
            "slug": "kerja-bakti-di-taman",
            "date": "2026-10-10",
            "kind": "story",
            "group_name": "Forum Anak Kelurahan Uji",
            "summary": "Kami membersihkan taman bermain bersama warga.",
            "body-count": "0",
            action: "1",
        }
        | fields
    )
    return data


def submit_story(client, parent: Page, action: str = "action-submit", **fields) -> ArticlePage:
    response = client.post(add_url(parent, "articlepage"), story_form(client, parent, action, **fields))
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    return ArticlePage.objects.get(slug=fields.get("slug", "kerja-bakti-di-taman"))


def test_a_member_drafts_a_story_a_facilitator_approves_and_it_goes_live(client, sections, member, facilitator):
    stories = sections["stories"]
    client.force_login(member)
    story = submit_story(client, stories)
    assert story.live is False
    assert story.owner == member
    workflow_state = story.current_workflow_state
    assert workflow_state is not None and workflow_state.status == "in_progress"
    task_state = workflow_state.current_task_state
    assert task_state.task.specific.groups.filter(name=Role.FACILITATOR.value).exists()
    assert client.get(story.url or "/cerita/kerja-bakti-di-taman/").status_code == HTTPStatus.NOT_FOUND

    client.force_login(facilitator)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(story.pk, "approve", task_state.pk)),
        {"comment": "Bagus, terima kasih."},
    )
    assert response.status_code == HTTPStatus.FOUND
    story.refresh_from_db()
    assert story.live is True
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    client.logout()
    public = client.get("/cerita/kerja-bakti-di-taman/")
    assert public.status_code == HTTPStatus.OK
    assert "Forum Anak Kelurahan Uji" in public.content.decode()


def test_a_member_who_presses_publish_only_saves_a_draft(client, sections, member):
    client.force_login(member)
    story = submit_story(client, sections["stories"], action="action-publish", slug="coba-terbit")
    assert story.live is False
    assert story.permissions_for_user(member).can_publish() is False


def test_a_member_cannot_create_pages_outside_the_stories_section(client, sections, member):
    client.force_login(member)
    assert client.get(add_url(sections["campaigns"], "campaignpage")).status_code != HTTPStatus.OK
    assert client.get(add_url(sections["help"].get_parent(), "standardpage")).status_code != HTTPStatus.OK
    assert not sections["campaigns"].permissions_for_user(member).can_add_subpage()
    assert not sections["help"].permissions_for_user(member).can_edit()


def test_members_may_draft_in_the_english_stories_section_too(sections, member):
    english_stories = sections["stories"].get_translation(sections["stories"].get_translations().get().locale)
    assert english_stories.permissions_for_user(member).can_add_subpage()
    assert not english_stories.permissions_for_user(member).can_publish_subpage()


def test_a_facilitator_can_publish_directly(client, sections, facilitator):
    client.force_login(facilitator)
    story = submit_story(client, sections["stories"], action="action-publish", slug="langsung-terbit")
    assert story.live is True


def test_a_member_cannot_approve_a_story(client, sections, member, make_user):
    client.force_login(member)
    story = submit_story(client, sections["stories"])
    task_state = story.current_workflow_state.current_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(story.pk, "approve", task_state.pk)), {"comment": ""}
    )
    story.refresh_from_db()
    assert story.live is False
