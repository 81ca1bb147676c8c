from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import querydict_from_html

from cms.models import HelpLine, HelpLineSettings, StandardPage
from cms.roles import Role

SAPA_CALL = '<a class="help-line__call" href="tel:129">'
SAPA_WHATSAPP = '<a class="help-line__whatsapp" href="https://wa.me/628111129129"'


@pytest.fixture
def standard_page(sections):
    page = sections["help"].get_parent().add_child(instance=StandardPage(title="Tentang kami", slug="tentang"))
    page.save_revision().publish()
    return page


def public_paths(sections, standard_page) -> list[str]:
    pages = Page.objects.live().filter(depth__gt=1).specific()
    return [page.url for page in pages] + ["/cari/?q=rokok", "/halaman-yang-tidak-ada/", "/akun/login/"]


def test_help_strip_is_on_every_public_page(client, sections, standard_page):
    paths = public_paths(sections, standard_page)
    assert len(paths) > 20
    for path in paths:
        body = client.get(path).content.decode()
        assert 'class="help-strip"' in body, path
        assert SAPA_CALL in body and SAPA_WHATSAPP in body, path
        assert 'href="tel:1500771"' in body, path


def test_help_strip_is_seeded_with_sapa_tepsa_and_a_city_placeholder(db):
    lines = HelpLine.objects.filter(setting__site=Site.objects.get(is_default_site=True))
    assert [line.name for line in lines] == ["SAPA 129", "TePSA", "UPTD PPA kota"]


def test_a_help_line_without_a_number_is_not_shown(client, home):
    body = client.get("/").content.decode()
    assert "UPTD PPA" not in body


def test_help_strip_shows_sapa_when_no_setting_exists(client, home):
    HelpLineSettings.objects.all().delete()
    body = client.get("/").content.decode()
    assert "SAPA 129" in body and SAPA_CALL in body and SAPA_WHATSAPP in body


def test_whatsapp_links_use_the_international_number():
    assert HelpLine(whatsapp="0812-3456-789").whatsapp_url == "https://wa.me/628123456789"
    assert HelpLine(whatsapp="+62 811 1129 129").whatsapp_url == "https://wa.me/628111129129"
    assert HelpLine(phone="1500-771").tel_url == "tel:1500771"
    assert HelpLine(phone="").tel_url == ""


def test_a_facilitator_changes_a_number_in_the_admin(client, home, make_user):
    client.force_login(make_user(Role.FACILITATOR))
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("cms", "helplinesettings", site.pk))
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    data = querydict_from_html(response.content.decode(), form_id="w-editor-form")
    data["help_lines-2-phone"] = "0542-000-000"
    assert client.post(url, data).status_code == HTTPStatus.FOUND
    assert 'href="tel:0542000000"' in client.get("/").content.decode()


def test_a_forum_member_cannot_change_help_lines(client, home, make_user):
    client.force_login(make_user(Role.FORUM_MEMBER))
    site = Site.objects.get(is_default_site=True)
    response = client.get(reverse("wagtailsettings:edit", args=("cms", "helplinesettings", site.pk)))
    assert response.status_code != HTTPStatus.OK
