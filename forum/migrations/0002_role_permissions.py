"""Give the roles what the Forum Anak admin needs, and nothing more.

Facilitators: their groups (view and edit; administrators create groups and assign facilitators), members,
activities and activity photos (image upload), moderation of children's input, summaries and delivery.
Officials: the Wagtail admin, reading delivered summaries, and recording the agency's answer; nothing else.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FACILITATOR = {
    "forumgroup": ["view", "change"],
    "member": ["view", "add", "change", "delete"],
    "activity": ["view", "add", "change", "delete"],
    "consultationinput": ["view", "change"],
    "consultationsummary": ["view", "add", "change"],
}
OFFICIAL = {
    "consultationsummary": ["view"],
    "consultationanswer": ["view", "add", "change"],
}
FACILITATOR_IMAGE_PERMISSIONS = ["add_image", "choose_image"]


def forum_permissions(Permission, grants):
    codenames = [f"{action}_{model}" for model, actions in grants.items() for action in actions]
    return Permission.objects.filter(content_type__app_label="forum", codename__in=codenames)


def grant(apps, schema_editor):
    for label in ("forum", "wagtailimages"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    facilitators = Group.objects.get(name="Facilitator")
    officials = Group.objects.get(name="Official")
    facilitators.permissions.add(*forum_permissions(Permission, FACILITATOR))
    officials.permissions.add(*forum_permissions(Permission, OFFICIAL))
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    officials.permissions.add(access_admin)

    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=FACILITATOR_IMAGE_PERMISSIONS
        ):
            GroupCollectionPermission.objects.get_or_create(group=facilitators, collection=root, permission=permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Facilitator").permissions.remove(*forum_permissions(Permission, FACILITATOR))
    officials = Group.objects.get(name="Official")
    officials.permissions.remove(*forum_permissions(Permission, OFFICIAL))
    officials.permissions.remove(*Permission.objects.filter(codename="access_admin"))


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0001_initial"),
        ("cms", "0003_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
