from http import HTTPStatus

import pytest
from django.urls import reverse

from cms.roles import Role


@pytest.mark.parametrize(
    ("model", "section"),
    [
        ("campaignpage", "campaigns"),
        ("articlepage", "stories"),
        ("standardpage", "help"),
    ],
)
def test_a_facilitator_opens_the_editor_for_each_page_type(client, sections, make_user, model, section):
    client.force_login(make_user(Role.FACILITATOR))
    response = client.get(reverse("wagtailadmin_pages:add", args=("cms", model, sections[section].pk)))
    assert response.status_code == HTTPStatus.OK


def test_a_facilitator_edits_every_seeded_page(client, sections, make_user):
    from wagtail.models import Page

    client.force_login(make_user(Role.FACILITATOR))
    for page in Page.objects.filter(depth__gt=1, locale__language_code="id"):
        assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == HTTPStatus.OK, page


def test_a_facilitator_manages_campaign_themes(client, make_user):
    client.force_login(make_user(Role.FACILITATOR))
    response = client.get(reverse("wagtailsnippets_cms_campaigntheme:list"))
    assert response.status_code == HTTPStatus.OK
    assert "Kawasan Sehat Tanpa Rokok (KSTR)" in response.content.decode()
