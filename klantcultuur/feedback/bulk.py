"""Load many feedback records at once: the one place that knows each database's fast path.

`load_feedback(rows, batch=...)` takes an iterator of tuples in `ROW_FIELDS` order (see
`importing.rows`) and stores every row whose external id (or, without one, content hash)
the organisation does not have yet, in the caller's transaction. Values that are the same
for the whole batch (organisation, import, source, creation time) are added by SQL, not
sent per row.

- PostgreSQL: the rows stream with `COPY … FROM STDIN` (psycopg 3 `cursor.copy()`) into a
  temporary staging table, then `INSERT … SELECT … ON CONFLICT (…) DO NOTHING` moves them
  into `feedback_feedback`, one statement per kind of key so that each names its own
  arbiter index. Memory stays flat however long the file is.
- SQLite: `executemany` of `INSERT … ON CONFLICT DO NOTHING` in chunks.

Run it inside `transaction.atomic()`: a failure or interruption leaves nothing behind.
The roll-ups of the loaded batch are added afterwards with `rollup.add_records`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import islice
from uuid import UUID

from django.db import connection

from klantcultuur.feedback.importing.rows import ROW_FIELDS
from klantcultuur.feedback.models import Feedback

STAGE = "kc_feedback_stage"
SQLITE_CHUNK = 5_000
PROGRESS_EVERY = 10_000
# Columns the loader fills for every row of a batch.
BATCH_FIELDS = ("organization_id", "batch_id", "source", "created_at")
DERIVED_FIELDS = ("n_compliments", "n_improvements", "topics", "analysed")


@dataclass(frozen=True)
class Batch:
    organization_id: int
    batch_id: int | None
    source: str
    created_at: datetime


@dataclass
class LoadResult:
    offered: int = 0  # rows given to the loader
    inserted: int = 0  # rows stored (the rest were duplicates)

    @property
    def duplicates(self) -> int:
        return self.offered - self.inserted


def load_feedback(
    rows: Iterable[Sequence], *, batch: Batch, tick: Callable[[int], None] | None = None
) -> LoadResult:
    """Store the rows, skipping ones the organisation already has; call inside a transaction."""
    result = LoadResult()

    def counted() -> Iterator[Sequence]:
        offered = 0
        for row in rows:
            offered += 1
            if tick is not None and offered % PROGRESS_EVERY == 0:
                tick(offered)
            yield row
        result.offered = offered

    if connection.vendor == "postgresql":
        result.inserted = _load_postgresql(counted(), batch)
    else:
        result.inserted = _load_sqlite(counted(), batch)
    return result


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(connection.ops.quote_name(n) for n in names)


def _load_postgresql(rows: Iterator[Sequence], batch: Batch) -> int:
    quote = connection.ops.quote_name
    table = quote(Feedback._meta.db_table)
    staged = _quoted(ROW_FIELDS)
    reason, suggestion = quote("reason"), quote("suggestion")
    select = (
        f"{staged}, %s::bigint, %s::bigint, %s::varchar, %s::timestamptz, 0, 0, '',"
        f" ({reason} = '' AND {suggestion} = '')"
    )
    params = [batch.organization_id, batch.batch_id, batch.source, batch.created_at]
    target = _quoted((*ROW_FIELDS, *BATCH_FIELDS, *DERIVED_FIELDS))
    org, ext, digest = quote("organization_id"), quote("external_id"), quote("content_hash")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
        # The same column types as the real table, none of its constraints or indexes.
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGE} ON COMMIT DROP AS "
            f"SELECT {staged} FROM {table} WITH NO DATA"
        )
        with cursor.copy(f"COPY {STAGE} ({staged}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        inserted = 0
        # One statement per kind of duplicate key, each naming its own arbiter index:
        # cheaper than a bare ON CONFLICT, which probes every unique index for every row.
        for where, arbiter in (
            (f"{ext} <> ''", f"({org}, {ext}) WHERE NOT ({ext} = '')"),
            (f"{ext} = ''", f"({org}, {digest}) WHERE ({ext} = '' AND NOT ({digest} = ''))"),
        ):
            cursor.execute(
                f"INSERT INTO {table} ({target}) SELECT {select} FROM {STAGE} WHERE {where} "
                f"ON CONFLICT {arbiter} DO NOTHING",
                params,
            )
            inserted += cursor.rowcount
        cursor.execute(f"DROP TABLE {STAGE}")
    return inserted


def _sqlite_value(value):
    # What Django's SQLite backend stores: UUIDs as hex, datetimes as naive UTC text.
    if isinstance(value, UUID):
        return value.hex
    if isinstance(value, datetime):
        return str(value.astimezone(UTC).replace(tzinfo=None))
    if isinstance(value, date):
        return value.isoformat()
    return value


_MOMENT, _DAY = ROW_FIELDS.index("received_at"), ROW_FIELDS.index("day")
_REASON, _SUGGESTION = ROW_FIELDS.index("reason"), ROW_FIELDS.index("suggestion")
assert (_MOMENT, _DAY) == (2, 3)  # the SQLite row builder below relies on it


def _sqlite_row(row: Sequence, constants: tuple) -> tuple:
    key = row[0]
    return (
        key.hex if isinstance(key, UUID) else key, row[1],
        str(row[2].astimezone(UTC).replace(tzinfo=None)), row[3].isoformat(), *row[4:],
        *constants, not (row[_REASON] or row[_SUGGESTION]),
    )  # fmt: skip


def _load_sqlite(rows: Iterator[Sequence], batch: Batch) -> int:
    table = connection.ops.quote_name(Feedback._meta.db_table)
    columns = _quoted((*ROW_FIELDS, *BATCH_FIELDS, *DERIVED_FIELDS))
    placeholders = ", ".join(["%s"] * (len(ROW_FIELDS) + len(BATCH_FIELDS) + len(DERIVED_FIELDS)))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) ON CONFLICT DO NOTHING"
    constants = tuple(map(_sqlite_value, (batch.organization_id, batch.batch_id, batch.source,
                                          batch.created_at, 0, 0, "")))  # fmt: skip
    inserted = 0
    with connection.cursor() as cursor:
        while chunk := list(islice(rows, SQLITE_CHUNK)):
            cursor.executemany(sql, [_sqlite_row(row, constants) for row in chunk])
            inserted += max(cursor.rowcount, 0)
    return inserted
