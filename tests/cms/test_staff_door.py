"""Staff can find the door: a discreet "Masuk staf" link on every public page, a sign-in page that invites no
one to a closed sign-up, and one word for password ("kata sandi") on every account page."""

import re
from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.core import mail
from wagtail.models import Page, get_page_models

from cms.models import StandardPage
from cms.roles import Role
from tests.conftest import PASSWORD
from tests.forum.conftest import consultation_index, forum_groups, make_consultation  # noqa: F401
from tests.surveys.conftest import make_survey, survey_index  # noqa: F401


class PageText(HTMLParser):
    """What a reader sees (text outside scripts and styles), each password input's label and placeholder, and links."""

    def __init__(self, html: str):
        super().__init__()
        self.text: list[str] = []
        self.labels: dict[str, str] = {}
        self.password_inputs: list[dict[str, str]] = []
        self.links: list[tuple[str, str]] = []
        self._skip = 0
        self._label_for: str | None = None
        self._link: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag in ("script", "style", "template"):
            self._skip += 1
        elif tag == "label":
            self._label_for = attrs.get("for", "")
            self.labels[self._label_for] = ""
        elif tag == "input" and attrs.get("type") == "password":
            self.password_inputs.append(attrs)
        elif tag == "a":
            self._link = attrs.get("href", "")
            self.links.append((self._link, ""))

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._skip -= 1
        elif tag == "label":
            self._label_for = None
        elif tag == "a":
            self._link = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._label_for is not None:
            self.labels[self._label_for] += data
        if self._link is not None:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)

    @property
    def visible(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text))


def staff_links(html: str) -> list[tuple[str, str]]:
    footer = html[html.index('<footer class="site-footer">') :]
    return [(href, text.strip()) for href, text in PageText(footer).links]


@pytest.fixture
def every_page_type(request, sections):
    """A live page of every page type: the demo sections, a standard page, a survey and a consultation."""
    page = sections["help"].add_child(instance=StandardPage(title="Tentang Suara Anak", slug="tentang"))
    page.save_revision().publish()
    request.getfixturevalue("forum_groups")
    request.getfixturevalue("make_survey")()
    request.getfixturevalue("make_consultation")("ktr")


@pytest.mark.usefixtures("every_page_type")
def test_every_public_page_type_has_the_staff_sign_in_link_in_its_footer(client):
    page_types = [model for model in get_page_models() if model is not Page]
    urls = []
    for model in page_types:
        pages = model.objects.live().filter(depth__gt=1)
        assert pages.exists(), f"no live {model.__name__} to check: add one to the fixture"
        urls += [page.url for page in pages]
    urls += ["/survei/survei-uji/terima-kasih/", "/cari/?q=rokok", "/forum-anak/", "/hasil/", "/tidak-ada/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND), url
        expected = ("/en/akun/login/", "Staff sign-in") if url.startswith("/en/") else ("/akun/login/", "Masuk staf")
        assert expected in staff_links(response.content.decode()), url


def test_the_sign_in_page_does_not_invite_to_the_closed_sign_up(client, home):
    html = client.get("/akun/login/").content.decode()
    assert "/akun/signup/" not in html
    assert "daftar" not in PageText(html).visible.lower()
    assert "Akun staf dibuat oleh administrator" in html


def reset_key_url(client, user) -> str:
    client.post("/akun/password/reset/", {"email": user.email})
    url = re.search(r"https?://[^/\s]+(/akun/password/reset/key/\S+)", mail.outbox[-1].body).group(1)
    response = client.get(url)
    return response["Location"] if response.status_code == HTTPStatus.FOUND else url


def account_pages(client, make_user):
    """(name, url, expects a password field) for every account page that names a password, as its user sees it."""
    staff = make_user(Role.SCHOOL_COORDINATOR, email="koor@example.test")
    yield "sign in", "/akun/login/", True
    yield "reset request", "/akun/password/reset/", False
    yield "reset from the e-mailed key", reset_key_url(client, staff), True
    yield "sign-up closed", "/akun/signup/", False
    client.force_login(staff)
    yield "change", "/akun/password/change/", True
    yield "reauthenticate", "/akun/reauthenticate/", True
    yield "sign out", "/akun/logout/", False
    staff.set_unusable_password()
    staff.save()
    client.force_login(staff)
    yield "set", "/akun/password/set/", True
    client.force_login(make_user(Role.FACILITATOR, email="fasil@example.test"))
    yield "reauthenticate with a code", "/akun/2fa/reauthenticate/", False


def test_every_account_page_says_kata_sandi_in_indonesian(client, make_user, home):
    checked = []
    for name, url, has_password_field in account_pages(client, make_user):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, (name, url, response.get("Location"))
        page = PageText(response.content.decode())
        assert "Password" not in page.visible, name
        assert "kata kunci" not in page.visible.lower(), name
        if name != "sign-up closed":
            assert "daftar" not in page.visible.lower(), name
        assert not re.search(r"(?i)(?<!kata )sandi", page.visible), (name, page.visible)
        assert bool(page.password_inputs) is has_password_field, name
        for field in page.password_inputs:
            assert "kata sandi" in page.labels.get(field.get("id"), "").lower(), (name, page.labels)
            assert "kata sandi" in field.get("placeholder", "kata sandi").lower(), (name, field)
        if has_password_field:
            assert "sandi" in page.visible.lower(), name
        checked.append(name)
    assert len(checked) == 9


def test_a_wrong_password_is_explained_with_the_same_word(client, make_user, home):
    staff = make_user(Role.SCHOOL_COORDINATOR, email="koor@example.test")
    client.force_login(staff)
    response = client.post(
        "/akun/password/change/",
        {"oldpassword": PASSWORD, "password1": "1234567890", "password2": "1234567890"},
    )
    visible = PageText(response.content.decode()).visible
    assert "Kata sandi" in visible and "Password" not in visible
    assert not re.search(r"(?i)(?<!kata )sandi", visible), visible
