"""The test suite's own machinery: transactional tests get back exactly the rows the migrations made."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_migrated_rows_are_restored_even_with_no_content_type_cached(migrated_data):
    connection.ops.execute_sql_flush(sql_flush(no_style(), connection, reset_sequences=False, allow_cascade=True))
    ContentType.objects.clear_cache()

    connection.creation.deserialize_db_from_string(migrated_data)

    expected = {
        (row["pk"], row["fields"]["app_label"], row["fields"]["model"])
        for row in json.loads(migrated_data)
        if row["model"] == "contenttypes.contenttype"
    }
    assert set(ContentType.objects.values_list("pk", "app_label", "model")) == expected
