"""What the app stores, to prove that a refused request changed nothing.

- `fingerprint()`: a hash of every row of every table of the apps below (one plain SELECT per table, all
  columns, in primary-key order: no manager can hide a row and no ORM compiling is paid for each table).
- `WriteCounter`: how many rows of the same tables this connection has inserted, updated or deleted so far, by
  any path (the ORM, raw SQL, the DB-API connection itself). Reading it is one query, so a caller that sends
  many requests takes the fingerprint again only when the count moved (tests/test_access_matrix.py).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps as registry
from django.db import connection

#: Apps whose tables hold people's work and the reference data.
APPS = ("accounts", "guide", "strategies", "monitoring", "factsheets", "reviews", "comparisons", "exports")
#: Written on purpose by requests that are not edits: who has a section open, rendered PDFs (their render
#: tasks are in the task backend's app, not fingerprinted).
SKIP = {"strategies.presence", "exports.renderedpdf"}
#: Columns that signing in changes (the matrix signs each role in once, before its requests).
SKIP_COLUMNS = {"accounts.user": {"last_login"}}


@functools.cache
def _selects(apps: tuple[str, ...], vendor: str) -> tuple[tuple[str, str], ...]:
    """(table, SELECT of its fingerprinted columns in primary-key order) for each table of `apps`: the models'
    tables and their many-to-many tables, each once."""
    quote = connection.ops.quote_name
    selects: dict[str, str] = {}

    def add(model, skipped=frozenset()):
        table = model._meta.db_table
        if table not in selects:
            columns = ", ".join(quote(f.column) for f in model._meta.concrete_fields if f.attname not in skipped)
            selects[table] = f"SELECT {columns} FROM {quote(table)} ORDER BY {quote(model._meta.pk.column)}"  # noqa: S608

    for app in apps:
        for model in registry.get_app_config(app).get_models():
            label = model._meta.label_lower
            if label in SKIP:
                continue
            add(model._meta.concrete_model, SKIP_COLUMNS.get(label, frozenset()))
            for field in model._meta.many_to_many:
                add(field.remote_field.through)
    return tuple(selects.items())


def tables(apps: tuple[str, ...] = APPS) -> tuple[str, ...]:
    """The tables `fingerprint(apps)` reads."""
    return tuple(table for table, _select in _selects(apps, connection.vendor))


def fingerprint(apps: tuple[str, ...] = APPS) -> str:
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for table, select in _selects(apps, connection.vendor):
            cursor.execute(select)
            digest.update(table.encode())
            digest.update(repr(cursor.fetchall()).encode())
    return digest.hexdigest()


class WriteCounter:
    """Rows of the fingerprinted tables inserted, updated or deleted on this connection, by any path, counted
    while `installed()`. A count that did not move proves that nothing was written; one that moved says "take
    the fingerprint again" (an update may have written the values a row already had, or a skipped column).

    PostgreSQL counts every row its transaction writes, table by table (`pg_stat_get_xact_tuples_*`, rolled
    back savepoints included, so the count never goes back). SQLite has no such count: a temporary trigger on
    each table (this connection only) counts each row written in a temporary table."""

    COUNTS = "db_state_writes"

    def __init__(self, apps: tuple[str, ...] = APPS):
        self.tables = tables(apps)

    @contextmanager
    def installed(self) -> Iterator[WriteCounter]:
        """Counting. On SQLite, enter it outside any transaction: the triggers are created and dropped in
        autocommit, because a schema changed inside a transaction makes SQLite read the whole schema again
        after every savepoint rolled back later in it (each request of the matrix)."""
        if connection.vendor != "sqlite":
            yield self
            return
        assert not connection.in_atomic_block, "install the SQLite triggers outside any transaction"
        triggers = [
            (f"{self.COUNTS}_{number}_{event.lower()}", event, table)
            for number, table in enumerate(self.tables)
            for event in ("INSERT", "UPDATE", "DELETE")
        ]
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMP TABLE {self.COUNTS} (n INTEGER NOT NULL)")
            cursor.execute(f"INSERT INTO {self.COUNTS} (n) VALUES (0)")  # noqa: S608 - our own table
            for name, event, table in triggers:
                cursor.execute(
                    f"CREATE TEMP TRIGGER {name} AFTER {event} ON {quote(table)} FOR EACH ROW "  # noqa: S608
                    f"BEGIN UPDATE {self.COUNTS} SET n = n + 1; END"
                )
        try:
            yield self
        finally:
            with connection.cursor() as cursor:
                for name, _event, _table in triggers:
                    cursor.execute(f"DROP TRIGGER IF EXISTS temp.{name}")
                cursor.execute(f"DROP TABLE IF EXISTS temp.{self.COUNTS}")

    def count(self) -> int:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"SELECT n FROM temp.{self.COUNTS}")  # noqa: S608 - our own table
            else:
                cursor.execute(
                    "SELECT coalesce(sum(pg_stat_get_xact_tuples_inserted(t) + pg_stat_get_xact_tuples_updated(t)"
                    " + pg_stat_get_xact_tuples_deleted(t)), 0) FROM unnest(%s::regclass[]) AS t",
                    [[connection.ops.quote_name(table) for table in self.tables]],
                )
            return int(cursor.fetchone()[0])
