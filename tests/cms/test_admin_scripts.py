"""The Wagtail admin renders no inline script, so it needs no 'unsafe-inline' in its Content-Security-Policy."""

import json
import re

import pytest

from cms.admin_scripts import admin_init_script

#: An executable <script> element without src: what a strict CSP blocks. JSON data blocks are inert.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)


def test_set_up_data_cannot_break_out_of_its_element():
    markup = admin_init_script("initDateChooser", "</script><script>alert(1)</script>", {"a": "<&>"})
    assert markup.count("</script>") == 1
    assert "<script>alert" not in markup
    data = re.fullmatch(r'<script type="application/json" data-admin-init="initDateChooser">(.*)</script>', markup)
    assert json.loads(data.group(1)) == ["</script><script>alert(1)</script>", {"a": "<&>"}]


@pytest.mark.django_db
def test_admin_pages_render_no_inline_script(client, home, make_user):
    client.force_login(make_user(superuser=True))
    paths = [
        "/admin/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/settings/cms/helplinesettings/",
        "/admin/forum_activities/new/",
        "/admin/workflows/add/",
        "/admin/reports/site-history/",
        f"/admin/localize/submit/page/{home.pk}/",
    ]
    for path in paths:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert INLINE_SCRIPT.findall(html) == [], path
        assert "data-admin-init=" in html or path in {"/admin/", f"/admin/localize/submit/page/{home.pk}/"}, path
