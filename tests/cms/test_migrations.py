"""The child-quote block's old age-band code ``"9-"`` becomes the canonical ``"0-9"`` by migration, in live pages,
their revisions and their translation sources; other codes are left as they were."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.blocks import StreamValue
from wagtail.models import Revision
from wagtail_localize.models import TranslationSource

from cms.models import StandardPage
from cms.vocabulary import AgeBand

BEFORE = [("cms", "0006_help_line_english")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def back_to_latest():
    yield
    migrate(latest())


def quote(text: str, band: str) -> dict:
    return {"type": "child_quote", "value": {"quote": text, "age_band": band}}


def bands(stream) -> list[str]:
    return [block["value"]["age_band"] for block in stream if block["type"] == "child_quote"]


@pytest.mark.django_db(transaction=True)
def test_the_old_age_band_code_of_child_quotes_migrates_everywhere_a_body_is_kept(home, back_to_latest):
    page = home.add_child(instance=StandardPage(title="Suara", slug="suara", body=[quote("Kecil", "10-12")]))
    page.save_revision()
    TranslationSource.get_or_create_from_instance(page)
    old_body = [quote("Aku masih kecil", "9-"), quote("Aku remaja", "13-15")]

    old = migrate(BEFORE)
    OldPage, OldRevision = old.get_model("cms", "StandardPage"), old.get_model("wagtailcore", "Revision")
    OldSource = old.get_model("wagtail_localize", "TranslationSource")
    stream_block = OldPage._meta.get_field("body").stream_block
    OldPage.objects.filter(pk=page.pk).update(body=StreamValue(stream_block, old_body, is_lazy=True))
    for revision in OldRevision.objects.filter(object_id=str(page.pk)):
        OldRevision.objects.filter(pk=revision.pk).update(content=revision.content | {"body": json.dumps(old_body)})
    for source in OldSource.objects.filter(object_id=page.translation_key):
        content = json.loads(source.content_json) | {"body": json.dumps(old_body)}
        OldSource.objects.filter(pk=source.pk).update(content_json=json.dumps(content))

    migrate(latest())

    expected = [AgeBand.UP_TO_9, AgeBand.FROM_13_TO_15]
    page = StandardPage.objects.get(pk=page.pk)
    assert bands(page.body.raw_data) == expected
    assert page.body[0].value.age_band_label() == AgeBand.UP_TO_9.label
    revisions = Revision.objects.filter(object_id=str(page.pk))
    assert revisions.exists()
    assert all(bands(json.loads(revision.content["body"])) == expected for revision in revisions)
    sources = TranslationSource.objects.filter(object_id=page.translation_key)
    assert sources.exists()
    assert all(bands(json.loads(json.loads(source.content_json)["body"])) == expected for source in sources)

    back = migrate(BEFORE)
    assert bands(back.get_model("cms", "StandardPage").objects.get(pk=page.pk).body.raw_data) == ["9-", "13-15"]
