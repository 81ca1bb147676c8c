"""Data every installation starts with: campaign themes, national help lines, editors' permissions and the
facilitators' approval workflow.

Permissions are fetched with get_or_create because on a fresh database Django creates them only after all
migrations have run.
"""

import uuid

from django.db import migrations

THEMES = [
    ("perundungan", "Perundungan", "Bullying"),
    ("kekerasan", "Kekerasan terhadap anak", "Violence against children"),
    ("kstr", "Kawasan Sehat Tanpa Rokok (KSTR)", "Smoke-free areas (KSTR)"),
    ("sra", "Sekolah Ramah Anak (SRA)", "Child-friendly schools (SRA)"),
    ("rbra", "Ruang Bermain Ramah Anak (RBRA)", "Child-friendly play spaces (RBRA)"),
    ("hak-anak", "Hak anak", "Children's rights"),
]

HELP_LINES = [
    {
        "name": "SAPA 129",
        "phone": "129",
        "whatsapp": "08111-129-129",
        "hours": "24 jam",
        "helps_with": "Kekerasan terhadap anak dan perempuan (KemenPPPA)",
    },
    {
        "name": "TePSA",
        "phone": "1500-771",
        "whatsapp": "",
        "hours": "",
        "helps_with": "Telepon Pelayanan Sosial Anak (Kementerian Sosial)",
    },
    {
        "name": "UPTD PPA kota",
        "phone": "",
        "whatsapp": "",
        "hours": "",
        "helps_with": "Isi nomor UPTD PPA kota Anda; layanan tanpa nomor tidak ditampilkan.",
    },
]

FACILITATOR = "Facilitator"
FORUM_MEMBER = "Forum Anak member"
WORKFLOW_NAME = "Persetujuan fasilitator"
TASK_NAME = "Fasilitator menyetujui"


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})[0]


def create_themes(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    CampaignTheme = apps.get_model("cms", "CampaignTheme")
    indonesian = Locale.objects.get_or_create(language_code="id")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    for code, name_id, name_en in THEMES:
        key = uuid.uuid4()
        CampaignTheme.objects.get_or_create(
            code=code, locale=indonesian, defaults={"name": name_id, "translation_key": key}
        )
        source = CampaignTheme.objects.get(code=code, locale=indonesian)
        CampaignTheme.objects.get_or_create(
            code=code, locale=english, defaults={"name": name_en, "translation_key": source.translation_key}
        )


def create_help_lines(apps):
    Site = apps.get_model("wagtailcore", "Site")
    HelpLineSettings = apps.get_model("cms", "HelpLineSettings")
    HelpLine = apps.get_model("cms", "HelpLine")
    for site in Site.objects.all():
        setting, created = HelpLineSettings.objects.get_or_create(site=site)
        if created:
            for order, line in enumerate(HELP_LINES):
                HelpLine.objects.create(setting=setting, sort_order=order, **line)


def grant_permissions(apps):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    facilitators = Group.objects.get(name=FACILITATOR)
    members = Group.objects.get(name=FORUM_MEMBER)

    facilitators.permissions.add(
        permission(apps, "cms", "helplinesettings", "change_helplinesettings", "Can change layanan bantuan"),
        permission(apps, "cms", "campaigntheme", "add_campaigntheme", "Can add tema kampanye"),
        permission(apps, "cms", "campaigntheme", "change_campaigntheme", "Can change tema kampanye"),
        permission(apps, "cms", "campaigntheme", "delete_campaigntheme", "Can delete tema kampanye"),
        permission(apps, "wagtail_localize", "translation", "submit_translation", "Can submit translations"),
    )
    members.permissions.add(permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"))

    root = Page.objects.get(depth=1)
    for action in ("add", "change", "publish", "lock", "unlock"):
        page_permission = permission(apps, "wagtailcore", "page", f"{action}_page", f"Can {action} page")
        GroupPagePermission.objects.get_or_create(group=facilitators, page=root, permission=page_permission)

    collection = Collection.objects.get(depth=1)
    media = {"wagtailimages": "image", "wagtaildocs": "document"}
    for app_label, model in media.items():
        for action in ("add", "change", "choose", "delete"):
            GroupCollectionPermission.objects.get_or_create(
                group=facilitators,
                collection=collection,
                permission=permission(apps, app_label, model, f"{action}_{model}", f"Can {action} {model}"),
            )
    GroupCollectionPermission.objects.get_or_create(
        group=members,
        collection=collection,
        permission=permission(apps, "wagtailimages", "image", "choose_image", "Can choose image"),
    )


def create_workflow(apps):
    """One approval step by any facilitator, on the whole page tree (every language's home sits under root)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.set([Group.objects.get(name=FACILITATOR)])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=Page.objects.get(depth=1), defaults={"workflow": workflow})


def forwards(apps, schema_editor):
    create_themes(apps)
    create_help_lines(apps)
    grant_permissions(apps)
    create_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_campaigns_stories_help"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
