"""The submission's fast path: a child's response, its answers and the class code's use stored once per token.

The busiest write of the platform, written below the ORM: ``INSERT … ON CONFLICT DO NOTHING`` (and on PostgreSQL one
statement with CTEs for the answers and the code), with table and column names taken from the models' ``_meta``
and every value passed as a parameter. It does what ``Model.save_base`` does for one new row (``pre_save``,
``get_db_prep_save``, ``_state``, ``post_save``); ``tests/test_upstream_internals.py`` pins that upstream code.
"""

from __future__ import annotations

from django.db import connection
from django.db.models.signals import post_save
from django.utils import timezone

from surveys.models import Answer, ClassCode, Response


def insert_once(response: Response, answers: list[Answer], *, spend: ClassCode | None = None) -> tuple[bool, bool]:
    """Insert ``response`` and its ``answers`` unless a response with its token is stored, and on PostgreSQL spend
    one use of the class code ``spend``; returns ``(inserted, spent)`` (once inserted, their ids are set). When
    ``spent`` is false the code had no use left, and the caller's transaction must roll back (nothing here takes a
    savepoint). Elsewhere ``spent`` is true and the caller spends the code (``services.consume_code``).

    ``INSERT … ON CONFLICT (submission_token) DO NOTHING``: a replay is told apart without an error, so it needs
    no savepoint, and when the first tap's transaction is still open the insert waits for it to end. The ORM's
    ``bulk_create(ignore_conflicts=True)`` would not say which happened. The insert comes before the code's use,
    so a replay never spends one (nor reports a code used up by its own first tap). On PostgreSQL all of it is
    one statement: one round trip on the busiest write, and the code's row, shared by a whole class, is locked
    from there to the commit only. Elsewhere the answers follow with ``bulk_create``. ``post_save`` is sent for
    the response as ``Model.save_base`` would (pinned in ``tests/test_upstream_internals.py``).
    """
    meta = Response._meta
    quote = connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    values = [field.get_db_prep_save(field.pre_save(response, True), connection) for field in fields]
    # Names from the model's own metadata, values as parameters.
    table, token = quote(meta.db_table), quote(meta.get_field("submission_token").column)
    columns, placeholders = ", ".join(quote(field.column) for field in fields), ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) ON CONFLICT ({token}) DO NOTHING"  # noqa: S608
    spent = True
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            answers_sql, answer_values = answers_from_inserted_response(answers)
            code_sql, code_values = code_use_for_inserted_response(spend)
            pk = quote(meta.pk.column)
            ids = "SELECT id, ARRAY(SELECT id FROM answers ORDER BY id), EXISTS (SELECT 1 FROM spent) FROM response"
            ctes = f"response AS ({sql} RETURNING {pk} AS id), answers AS ({answers_sql}), spent AS ({code_sql})"
            cursor.execute(f"WITH {ctes} {ids}", values + answer_values + code_values)
            row = cursor.fetchone()
            if row is None:
                return False, False
            response.pk, answer_ids, spent = row
        elif connection.features.can_return_columns_from_insert:
            cursor.execute(f"{sql} RETURNING {quote(meta.pk.column)}", values)
            row = cursor.fetchone()
            if row is None:
                return False, False
            response.pk = row[0]
        else:
            cursor.execute(sql, values)
            if cursor.rowcount == 0:
                return False, False
            response.pk = cursor.lastrowid
    if not spent:
        return True, False
    response._state.adding = False
    response._state.db = connection.alias
    post_save.send(
        sender=Response, instance=response, created=True, update_fields=None, raw=False, using=connection.alias
    )
    for answer in answers:
        answer.response = response
    if connection.vendor == "postgresql":
        for answer, answer_id in zip(answers, answer_ids, strict=True):
            answer.pk = answer_id
            answer._state.adding, answer._state.db = False, connection.alias
    else:
        Answer.objects.bulk_create(answers)
    return True, True


def code_use_for_inserted_response(code: ClassCode | None) -> tuple[str, list]:
    """PostgreSQL: ``consume_code``'s conditional UPDATE, done only when the ``response`` CTE inserted a row; with
    no code, a query returning one row, so that "spent" holds."""
    if code is None:
        return "SELECT 1", []
    meta = ClassCode._meta
    quote = connection.ops.quote_name
    uses, max_uses = quote(meta.get_field("uses").column), quote(meta.get_field("max_uses").column)
    expires_at, pk = quote(meta.get_field("expires_at").column), quote(meta.pk.column)
    update = f"UPDATE {quote(meta.db_table)} SET {uses} = {uses} + 1"  # noqa: S608 - names from the model's metadata
    usable = f"{pk} = %s AND {uses} < {max_uses} AND {expires_at} > %s AND EXISTS (SELECT 1 FROM response)"  # noqa: S608
    return f"{update} WHERE {usable} RETURNING 1", [code.pk, timezone.now()]


ANSWER_VALUE_FIELDS = ("question_code", "choice_code", "number_value", "text_value")


def answers_from_inserted_response(answers: list[Answer]) -> tuple[str, list]:
    """PostgreSQL: the ``INSERT … SELECT`` of ``answers`` for the response the ``response`` CTE inserted (none when
    it inserted nothing), one array per column, in their order (ids are drawn in that order)."""
    meta = Answer._meta
    quote = connection.ops.quote_name
    fields = [meta.get_field(name) for name in ANSWER_VALUE_FIELDS]
    arrays = ", ".join(f"%s::{field.cast_db_type(connection)}[]" for field in fields)
    names = ", ".join(quote(field.column) for field in fields)
    # Names from the model's own metadata, values as parameters.
    table, response, pk = quote(meta.db_table), quote(meta.get_field("response").column), quote(meta.pk.column)
    rows = f"UNNEST({arrays}) WITH ORDINALITY AS answer({names}, position)"
    insert = f"INSERT INTO {table} ({response}, {names}) SELECT response.id, {names} FROM response, {rows}"  # noqa: S608
    sql = f"{insert} ORDER BY position RETURNING {pk} AS id"
    values = [
        [field.get_db_prep_save(getattr(answer, field.attname), connection) for answer in answers] for field in fields
    ]
    return sql, values
