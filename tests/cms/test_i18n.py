import re
from http import HTTPStatus

from cms.roles import Role


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_indonesian_is_the_default_language(client, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == HTTPStatus.OK
    assert html_lang(response) == "id"
    assert "Langsung ke isi" in response.content.decode()


def test_english_pages_live_under_en(client, home):
    response = client.get("/en/")
    assert response.status_code == HTTPStatus.OK
    assert html_lang(response) == "en"
    body = response.content.decode()
    assert "Skip to content" in body
    assert "Where children make their voices heard" in body


def test_language_switcher_links_to_the_translation_of_the_page(client, home):
    body = client.get("/").content.decode()
    assert '<a href="/en/" lang="en" hreflang="en">English</a>' in body
    assert 'href="/" lang="id" hreflang="id" aria-current="true"' in body
    english = client.get("/en/").content.decode()
    assert 'href="/" lang="id" hreflang="id">Bahasa Indonesia</a>' in english


def test_language_switcher_is_on_non_page_views_too(client, home):
    body = client.get("/akun/login/").content.decode()
    assert 'href="/en/akun/login/"' in body
    assert html_lang(client.get("/en/akun/login/")) == "en"


def test_wagtail_admin_speaks_indonesian(client, make_user):
    client.force_login(make_user(Role.FACILITATOR))
    body = client.get("/admin/").content.decode()
    assert "Dasbor" in body or "Halaman" in body
    assert 'lang="id"' in body


def test_wagtail_locales_for_both_languages(home):
    from wagtail.models import Locale

    assert set(Locale.objects.values_list("language_code", flat=True)) == {"id", "en"}
