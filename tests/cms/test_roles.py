"""Which role holds which permission is declared once (``cms.roles``), applied on migrate, and asked with has_perm."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from cms.roles import GRANTS, ROOT_COLLECTION_GRANTS, ROOT_PAGE_GRANTS, Role
from cms.services import apply_grants

PROJECT = Path(__file__).resolve().parents[2]
# Modules that set data up rather than decide who may do what: they put demo users into groups by name.
NOT_GATES = ("/migrations/", "/management/", "/demo", "/services.py")
GROUP_NAME_CHECKS = re.compile(r"groups\.filter\(|groups__name|\.has_role\(|group\.name\s*==|READER_ROLES|_ROLES\b")


def held(role: Role) -> tuple[set[str], set[str], set[str]]:
    group = Group.objects.get(name=role.value)
    model = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    pages = set(
        GroupPagePermission.objects.filter(group=group, page=Page.get_first_root_node()).values_list(
            "permission__codename", flat=True
        )
    )
    collections = {
        f"{row.permission.content_type.app_label}.{row.permission.codename}"
        for row in GroupCollectionPermission.objects.filter(
            group=group, collection=Collection.get_first_root_node()
        ).select_related("permission__content_type")
    }
    return model, pages, collections


def declared(role: Role) -> tuple[set[str], set[str], set[str]]:
    return set(GRANTS[role]), set(ROOT_PAGE_GRANTS.get(role, ())), set(ROOT_COLLECTION_GRANTS.get(role, ()))


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_after_migrate_each_role_holds_exactly_what_cms_roles_declares(role):
    assert held(role) == declared(role)


@pytest.mark.django_db
def test_applying_the_grants_again_takes_back_what_was_added_and_restores_what_was_taken():
    facilitators = Group.objects.get(name=Role.FACILITATOR.value)
    facilitators.permissions.remove(Permission.objects.get(codename="view_free_text"))
    facilitators.permissions.add(Permission.objects.get(codename="delete_user"))
    GroupPagePermission.objects.filter(group=facilitators, permission__codename="publish_page").delete()
    apply_grants()
    apply_grants()
    for role in Role:
        assert held(role) == declared(role)


def gate_modules():
    for app in ("cms", "surveys", "forum"):
        for path in sorted((PROJECT / app).rglob("*.py")):
            if not any(part in str(path) for part in NOT_GATES):
                yield path


def test_no_gate_checks_a_group_name():
    offenders = [
        f"{path.relative_to(PROJECT)}:{number}: {line.strip()}"
        for path in gate_modules()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if GROUP_NAME_CHECKS.search(line) and path.name != "roles.py"
    ]
    assert offenders == [], "ask user.has_perm() for a permission declared in cms.roles"
