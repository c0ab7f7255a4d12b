"""Load many feedback records at once: the one place that knows each database's fast path.

`load_feedback(rows, batch=...)` takes an iterator of tuples in `ROW_FIELDS` order (see
`importing.rows`) and stores every row whose external id (or, without one, content hash)
the organisation does not have yet, in the caller's transaction. Values that are the same
for the whole batch (organisation, import, source, creation time) are added by SQL, not
sent per row.

The rows are produced (read, checked, converted, formatted for the database) in a
background thread, in chunks of `CHUNK` rows (`SQLITE_CHUNK` on SQLite) through a queue of at most `QUEUE_CHUNKS`
chunks, while this thread stores earlier chunks: the database and Python work at the same
time, and memory stays flat however long the file is. The reader thread touches no
database.

A row whose key (external id, or content hash without one) came earlier in the same chunk
is dropped by the reader; rows of earlier chunks are already in the table and count as
existing for later ones, so a duplicate within the file is skipped too.

- PostgreSQL: each chunk streams with `COPY … FROM STDIN` (psycopg 3 `cursor.copy()`) into a
  temporary staging table, then `INSERT … SELECT … ON CONFLICT (…) DO NOTHING` moves the rows
  the organisation does not have into `feedback_feedback`, one statement per unique index
  (external id; content hash without one). The conflict check is the unique index itself,
  whatever the table's statistics say. A probe written as `NOT EXISTS (…)` was not: in a
  database whose statistics had not yet seen the organisation, the planner searched the
  organisation's records through `(organization, day, team)` for every staged row (measured:
  one chunk of 10,000 rows took minutes instead of a fraction of a second). A record another
  writer (form, API, webhook) stores meanwhile with the same key makes the insert wait for
  that writer, then skip the row. Bulk loads of one organisation take turns (`take_turn`: a
  transaction-level advisory lock), so two loads of the same file cannot deadlock.
- SQLite: `executemany` of `INSERT … ON CONFLICT DO NOTHING` per chunk.

A load that stored `ANALYSE_AFTER` rows or more then runs `ANALYZE` on PostgreSQL, inside the
caller's transaction. Until then the planner's statistics may not know the organisation at
all and plan its queries for a handful of rows: the import's own look-ups that follow (of
the ids repeated in the file: each query read all of the organisation's index entries, 16 s
for a million-row file) and, once committed, the pages of an organisation too small a part of the
table for autovacuum to analyse it again soon.

While loading, the interpreter switches threads every `SWITCH_INTERVAL` seconds instead of
every 5 ms: the storing thread, woken by the database, gets the GIL back from the busy
reader at once (measured: a fifth less time for a million rows).

Run it inside `transaction.atomic()`: a failure or interruption leaves nothing behind.
The roll-ups of the loaded batch are added afterwards with `rollup.add_records`.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from django.db import connection
from django.utils import translation

from klantcultuur.feedback.importing.rows import ROW_FIELDS
from klantcultuur.feedback.models import Feedback

STAGE = "kc_feedback_stage"
CHUNK = 10_000
SQLITE_CHUNK = 4_000
# Chunks waiting to be stored. With the chunk being read and the one being stored, at most
# four chunks (about 10 MB of COPY text) are held at once, whatever the size of the file.
QUEUE_CHUNKS = 2
PROGRESS_EVERY = 10_000
ANALYSE_AFTER = 10_000
SWITCH_INTERVAL = 0.0005
# Columns the loader fills for every row of a batch, and the ones derived in SQL.
BATCH_FIELDS = ("organization_id", "batch_id", "source", "created_at")
DERIVED_FIELDS = ("n_compliments", "n_improvements", "topics", "analysed")
_REASON, _SUGGESTION = ROW_FIELDS.index("reason"), ROW_FIELDS.index("suggestion")
_EXTERNAL_ID, _DIGEST = ROW_FIELDS.index("external_id"), ROW_FIELDS.index("content_hash")
assert ROW_FIELDS[:4] == ("uuid", "team_id", "received_at", "day")  # see _sqlite_row


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
    rows: Iterable[Sequence],
    *,
    batch: Batch,
    tick: Callable[[int], None] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> LoadResult:
    """Store the rows, skipping ones the organisation already has; call inside a transaction.

    On PostgreSQL, `on_wait` is called when another bulk load of the organisation is
    running, before this one waits for its turn (see `take_turn`).
    """
    result = LoadResult()
    if connection.vendor == "postgresql":
        store: _PostgresStore | _SqliteStore = _PostgresStore(batch, on_wait)
    else:
        store = _SqliteStore(batch)
    with _quick_thread_switches(), store:
        for chunk, dropped in _chunks_in_background(rows, store.prepare, tick, store.chunk):
            result.offered += len(chunk) + dropped
            result.inserted += store.add(chunk)
        if result.inserted >= ANALYSE_AFTER:
            store.analyse()
    return result


_switches_lock = threading.Lock()
_switches = {"loads": 0, "previous": 0.0}


@contextlib.contextmanager
def _quick_thread_switches() -> Iterator[None]:
    """SWITCH_INTERVAL while any load of this process runs; the interpreter's own after."""
    with _switches_lock:
        if _switches["loads"] == 0:
            _switches["previous"] = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL)
        _switches["loads"] += 1
    try:
        yield
    finally:
        with _switches_lock:
            _switches["loads"] -= 1
            if _switches["loads"] == 0:
                sys.setswitchinterval(_switches["previous"])


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


_DONE = object()


def _key(row: Sequence) -> str:
    """What makes a row a duplicate: its external id, or without one its content hash."""
    return row[_EXTERNAL_ID] or "#" + row[_DIGEST]


def _chunks_in_background(
    rows: Iterable[Sequence],
    prepare: Callable[[Sequence], object],
    tick: Callable[[int], None] | None,
    size: int = CHUNK,
) -> Iterator[tuple[list, int]]:
    """(prepared rows, rows dropped) per chunk, made by a reader thread while the caller
    stores earlier chunks.

    The reader also prepares each row for the database (COPY text, SQLite values), so that
    this Python work happens while the storing thread waits for the database. A row whose
    key came earlier in the same chunk is dropped: the first one wins, as in the file.
    """
    ready: queue.Queue = queue.Queue(maxsize=QUEUE_CHUNKS)
    stop = threading.Event()
    language = translation.get_language()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        # Refused rows are reported in the words of the caller's language.
        translation.activate(language)
        try:
            chunk: list = []
            keys: set[str] = set()
            dropped = 0
            for seen, row in enumerate(rows, start=1):
                key = _key(row)
                if key in keys:
                    dropped += 1
                else:
                    keys.add(key)
                    chunk.append(prepare(row))
                if tick is not None and seen % PROGRESS_EVERY == 0:
                    tick(seen)
                if len(chunk) >= size:
                    if not put((chunk, dropped)):
                        return
                    chunk, keys, dropped = [], set(), 0
            if (chunk or dropped) and not put((chunk, dropped)):
                return
            put(_DONE)
        except BaseException as error:  # handed to the storing thread, which raises it
            put(_Failed(error))
        finally:
            translation.deactivate()

    reader = threading.Thread(target=produce, name="feedback-import-reader", daemon=True)
    reader.start()
    try:
        while True:
            item = ready.get()
            if item is _DONE:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item
    finally:
        stop.set()
        reader.join()


def take_turn(cursor, organization_id: int, on_wait: Callable[[], None] | None = None) -> None:
    """Wait until no other bulk load of the organisation runs; held until the transaction ends.

    PostgreSQL only (a transaction-level advisory lock); `on_wait` is called first when the
    turn is not free at once. SQLite needs none: its single writer and the single task
    thread of the embedded set-up already make loads take turns.
    """
    key = [f"feedback-bulk-load:{organization_id}"]
    cursor.execute("SELECT pg_try_advisory_xact_lock(hashtextextended(%s, 0))", key)
    if cursor.fetchone()[0]:
        return
    if on_wait is not None:
        on_wait()
    cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", key)


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(connection.ops.quote_name(n) for n in names)


def _insert_statements(batch: Batch) -> list[tuple[str, list]]:
    """(SQL, parameters) moving the staged rows the organisation does not have into the table.

    One statement per kind of key, each skipping conflicts on its own (partial) unique index.
    """
    quote = connection.ops.quote_name
    staged = ", ".join(f"s.{quote(name)}" for name in ROW_FIELDS)
    reason, suggestion = quote("reason"), quote("suggestion")
    select = (
        f"{staged}, %s::bigint, %s::bigint, %s::varchar, %s::timestamptz, 0, 0, '',"
        f" (s.{reason} = '' AND s.{suggestion} = '')"
    )
    values = [batch.organization_id, batch.batch_id, batch.source, batch.created_at]
    table = quote(Feedback._meta.db_table)
    target = _quoted((*ROW_FIELDS, *BATCH_FIELDS, *DERIVED_FIELDS))
    org, ext, digest = quote("organization_id"), quote("external_id"), quote("content_hash")
    # (which staged rows, the unique index that decides a duplicate): the indexes'
    # predicates as the migrations wrote them, so that PostgreSQL recognises them.
    kinds = (
        (f"s.{ext} <> ''", f"({org}, {ext}) WHERE NOT ({ext} = '')"),
        (f"s.{ext} = ''", f"({org}, {digest}) WHERE ({ext} = '' AND NOT ({digest} = ''))"),
    )
    return [
        (
            f"INSERT INTO {table} ({target}) SELECT {select} FROM {STAGE} AS s"
            f" WHERE {where} ON CONFLICT {arbiter} DO NOTHING",
            values,
        )
        for where, arbiter in kinds
    ]


class _PostgresStore:
    chunk = CHUNK  # rows per COPY block: compact text, so large blocks are cheap

    def __init__(self, batch: Batch, on_wait: Callable[[], None] | None = None) -> None:
        self.on_wait = on_wait
        self.table = connection.ops.quote_name(Feedback._meta.db_table)
        self.staged = _quoted(ROW_FIELDS)
        self.organization_id = batch.organization_id
        self.inserts = _insert_statements(batch)

    def __enter__(self) -> _PostgresStore:
        self.cursor = connection.cursor()
        # Bulk loads of one organisation take turns, so that they cannot race on its keys.
        take_turn(self.cursor, self.organization_id, self.on_wait)
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
        # The same column types as the real table, none of its constraints or indexes.
        self.cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGE} ON COMMIT DROP AS "
            f"SELECT {self.staged} FROM {self.table} WITH NO DATA"
        )
        return self

    @staticmethod
    def prepare(row: Sequence) -> str:
        # One line of COPY text: formatting it costs about half of psycopg's per-value
        # write_row, and Python time is what limits a large import.
        return _copy_line(row)

    def add(self, chunk: list[str]) -> int:
        if not chunk:
            return 0
        cursor = self.cursor
        with cursor.copy(f"COPY {STAGE} ({self.staged}) FROM STDIN") as copy:
            copy.write("".join(chunk))
        inserted = 0
        for sql, params in self.inserts:
            cursor.execute(sql, params)
            inserted += cursor.rowcount
        cursor.execute(f"TRUNCATE {STAGE}")
        return inserted

    def analyse(self) -> None:
        # Holds a SHARE UPDATE EXCLUSIVE lock until the transaction ends: another ANALYZE or a
        # VACUUM of the table waits for it; reads and writes do not.
        self.cursor.execute(f"ANALYZE {self.table}")

    def __exit__(self, *exc) -> None:
        try:
            if exc[0] is None:
                self.cursor.execute(f"DROP TABLE {STAGE}")
        finally:
            self.cursor.close()


_NULL = "\\N"


def _text(value: str) -> str:
    """A value in COPY's text format: backslash, tab and line breaks escaped."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


# A COPY line of ROW_FIELDS has this many tabs when no value holds a tab of its own.
_TABS = len(ROW_FIELDS) - 1


def _copy_line(row: Sequence) -> str:
    """One row in COPY's text format (ROW_FIELDS order)."""
    line = _line(row)
    # Nearly every line needs no escaping: a few scans in C tell, instead of one call per value.
    if (
        line.count("\t") == _TABS
        and "\\" not in line
        and "\r" not in line
        and line.count("\n") == 1
    ):
        return line
    return _line([_text(value) if type(value) is str else value for value in row])


def _line(row: Sequence) -> str:
    (key, team, moment, day, metric, score, reason, suggestion, channel, touchpoint, product,
     location, team_code, external_id, digest, customer_ref, consent, internal, language) = row  # fmt: skip
    return (
        f"{key}\t{_NULL if team is None else team}\t{moment.isoformat()}\t{day.isoformat()}\t"
        f"{metric}\t{_NULL if score is None else score}\t{reason}\t{suggestion}\t"
        f"{channel}\t{touchpoint}\t{product}\t{location}\t{team_code}\t{external_id}\t"
        f"{digest}\t{customer_ref}\t{'t' if consent else 'f'}\t{'t' if internal else 'f'}\t"
        f"{language}\n"
    )


def _sqlite_row(row: Sequence, constants: tuple) -> tuple:
    # What Django's SQLite backend stores: UUIDs as hex, datetimes as naive UTC text.
    key = row[0]
    return (
        key.hex if isinstance(key, UUID) else key, row[1],
        str(row[2].astimezone(UTC).replace(tzinfo=None)), row[3].isoformat(), *row[4:],
        *constants, not (row[_REASON] or row[_SUGGESTION]),
    )  # fmt: skip


class _SqliteStore:
    chunk = SQLITE_CHUNK  # rows per executemany: tuples of Python values take more memory

    def __init__(self, batch: Batch) -> None:
        table = connection.ops.quote_name(Feedback._meta.db_table)
        columns = _quoted((*ROW_FIELDS, *BATCH_FIELDS, *DERIVED_FIELDS))
        width = len(ROW_FIELDS) + len(BATCH_FIELDS) + len(DERIVED_FIELDS)
        placeholders = ", ".join(["%s"] * width)
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) ON CONFLICT DO NOTHING"
        created = str(batch.created_at.astimezone(UTC).replace(tzinfo=None))
        self.constants = (batch.organization_id, batch.batch_id, batch.source, created, 0, 0, "")

    def __enter__(self) -> _SqliteStore:
        self.cursor = connection.cursor()
        return self

    def prepare(self, row: Sequence) -> tuple:
        return _sqlite_row(row, self.constants)

    def add(self, chunk: list[tuple]) -> int:
        if not chunk:
            return 0
        self.cursor.executemany(self.sql, chunk)
        return max(self.cursor.rowcount, 0)

    def analyse(self) -> None:
        pass  # SQLite keeps no statistics unless asked; its planner does not need them here

    def __exit__(self, *exc) -> None:
        self.cursor.close()
