from http import HTTPStatus

from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from cms.roles import Role


def test_giving_and_taking_a_role_is_audit_logged(make_user):
    user = make_user()
    group = Group.objects.get(name=Role.OFFICIAL.value)
    user.groups.add(group)
    group.user_set.remove(user)
    entries = ModelLogEntry.objects.filter(object_id=str(user.pk)).order_by("timestamp")
    assert [(entry.action, entry.data["role"]) for entry in entries] == [
        ("suara_anak.role_added", "Official"),
        ("suara_anak.role_removed", "Official"),
    ]


def test_role_change_in_the_admin_records_who_made_it(client, make_user):
    admin = make_user(superuser=True, email="admin@example.test")
    user = make_user(email="calon@example.test")
    client.force_login(admin)
    group = Group.objects.get(name=Role.FACILITATOR.value)
    response = client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "username": user.username,
            "email": user.email,
            "first_name": "Calon",
            "last_name": "Fasilitator",
            "is_active": "on",
            "groups": [group.pk],
            "school": "",
        },
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    entry = ModelLogEntry.objects.get(action="suara_anak.role_added", object_id=str(user.pk))
    assert entry.user == admin


def test_administrators_read_role_changes_in_the_audit_log_and_facilitators_do_not(client, make_user):
    user = make_user()
    user.groups.add(Group.objects.get(name=Role.OFFICIAL.value))
    client.force_login(make_user(superuser=True, email="admin@example.test"))
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == HTTPStatus.OK
    assert "Peran diberikan" in response.content.decode()
    client.force_login(make_user(Role.FACILITATOR, email="fasil@example.test"))
    assert "Peran diberikan" not in client.get("/admin/reports/site-history/").content.decode()
