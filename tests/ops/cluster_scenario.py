"""Run by tests/ops/test_haproxy.py in the app servers' environment: the benchmark's survey (``bench/scenario.py``),
a facilitator with an authenticator, and an unpublished page marked for the menu. Prints what the test needs as JSON.

    python -m tests.ops.cluster_scenario
"""

from __future__ import annotations

import json
import uuid

import django


def create() -> dict:
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from bench.scenario import create as create_survey
    from cms.models import HomePage, StandardPage, User
    from cms.roles import Role
    from tests.conftest import PASSWORD, TOTP_SECRET

    scenario = create_survey()
    email = "fasilitator@example.test"
    user = User.objects.create_user(username=email, email=email, password=PASSWORD)
    user.groups.add(Group.objects.get(name=Role.FACILITATOR.value))
    TOTP.activate(user, TOTP_SECRET)
    home = HomePage.objects.filter(locale__language_code="id").first()
    title = f"Kampanye Baru {uuid.uuid4().hex[:8]}"
    page = home.add_child(
        instance=StandardPage(title=title, slug="kampanye-baru", intro="Baru terbit.", show_in_menus=True, live=False)
    )
    page.save_revision()
    return scenario | {"staff_email": email, "page_id": page.pk, "page_title": title, "page_path": "/kampanye-baru/"}


if __name__ == "__main__":
    django.setup()
    print(json.dumps(create()))
