"""Load many feedback records at once: the one place that knows each database's fast path.

`load_feedback(blocks, batch=...)` takes blocks of rows (`importing.rows.Block`: the fields
of `ROW_FIELDS` column by column; `blocks_of` makes them from row tuples) and stores every
row whose external id (or, without one, content hash) the organisation does not have yet,
in the caller's transaction. Values that are the same for the whole batch (organisation,
import, source, creation time) are added here, not by the caller.

The blocks are made (the caller's iterator: read, checked, converted) and formatted for the
database in a background thread, at most `QUEUE_CHUNKS` blocks ahead of the one being
stored: the database and Python work at the same time, and memory stays flat however long
the file is. The reader thread touches no database. Callers make blocks of `chunk_size()`
rows.

A row whose key (external id, or content hash without one) came earlier in the same block
is dropped by the reader; rows of earlier blocks are already in the table and count as
existing for later ones, so a duplicate within the file is skipped too.

- PostgreSQL: the blocks ready at that moment stream with `COPY … FROM STDIN` (psycopg 3
  `cursor.copy()`) straight into `feedback_feedback`, in a savepoint. That is the cheapest
  way in: COPY writes the rows a page at a time (measured on a million rows: 7.3 s of
  server time, against 9.2 s through a staging table). It is all or nothing, though: a
  key the organisation already has (a file imported again, an id repeated further down
  the file, a record that a form, API call or webhook stored meanwhile) fails the COPY.
  The savepoint undoes it, and from then on, as after `DIRECT_SAVEPOINTS` COPYs, every
  block goes through a temporary staging table and `INSERT … SELECT … ON CONFLICT (…) DO
  NOTHING`, one statement per unique index (external id; content hash without one),
  which skips the rows the organisation has. The conflict check is the unique index
  itself, whatever the table's statistics say. A probe written as `NOT EXISTS (…)` was
  not: in a database whose statistics had not yet seen the organisation, the planner
  searched the organisation's records through `(organization, day, team)` for every
  staged row (measured: one chunk of 10,000 rows took minutes instead of a fraction of a
  second). A record another writer stores meanwhile with the same key makes the load wait
  for that writer, then fail the COPY or skip the row (INSERT). Bulk loads of one
  organisation take turns (`take_turn`: a transaction-level advisory lock), so two loads
  of the same file cannot deadlock.
- SQLite: `executemany` of `INSERT … ON CONFLICT DO NOTHING` per block.

A load that stored `ANALYSE_AFTER` rows or more then runs `ANALYZE` on PostgreSQL, inside the
caller's transaction. Until then the planner's statistics may not know the organisation at
all and plan its queries for a handful of rows: the import's own look-ups that follow (of
the ids repeated in the file: each query read all of the organisation's index entries, 16 s
for a million-row file) and, once committed, the pages of an organisation too small a part of the
table for autovacuum to analyse it again soon.

While loading, the interpreter switches threads every `SWITCH_INTERVAL` seconds instead of
every 5 ms: the storing thread, woken by the database, gets the GIL back from the busy
reader at once (measured: a fifth less time for a million rows). And it looks for reference
cycles after `GC_THRESHOLD` new objects instead of 700: reading a file makes a list per row
and a tuple per value taken from it, which otherwise start a collection every few hundred
rows, each older collection going through all of Django's objects (measured: a quarter of
the Python time of a million rows).

Run it inside `transaction.atomic()`: a failure or interruption leaves nothing behind.
The roll-ups of the loaded batch are added afterwards with `rollup.add_records`.
"""

from __future__ import annotations

import contextlib
import gc
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import islice, repeat
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.utils import translation
from psycopg.errors import UniqueViolation

from klantcultuur.feedback.importing.rows import ROW_FIELDS, Block
from klantcultuur.feedback.models import Feedback

STAGE = "kc_feedback_stage"
CHUNK = 10_000
SQLITE_CHUNK = 4_000
# Blocks waiting to be stored. With the block being read and the one being stored, at most
# four blocks (about 10 MB of COPY text) are held at once, whatever the size of the file.
QUEUE_CHUNKS = 2
ANALYSE_AFTER = 10_000
# PostgreSQL keeps the ids of 64 subtransactions of a session in shared memory; past that,
# every other session's snapshot is marked overflowed and looks transaction ids up in
# pg_subtrans (slower reads for as long as the import runs, and worse on standbys). So at
# most this many savepoints, each around one COPY of GROUP_BLOCKS blocks (kept until the
# COPY ends, about 2.5 MB each): the first 1.9 million rows of a file.
DIRECT_SAVEPOINTS = 48
GROUP_BLOCKS = 4
SWITCH_INTERVAL = 0.0005
GC_THRESHOLD = 50_000
# Columns the loader fills for every row of a batch, and the ones derived from the row.
BATCH_FIELDS = ("organization_id", "batch_id", "source", "created_at")
DERIVED_FIELDS = ("n_compliments", "n_improvements", "topics", "analysed")
LOADED_FIELDS = (*ROW_FIELDS, *BATCH_FIELDS, *DERIVED_FIELDS)
_TEAM, _DAY, _SCORE = (ROW_FIELDS.index(name) for name in ("team_id", "day", "score"))
_REASON, _SUGGESTION = ROW_FIELDS.index("reason"), ROW_FIELDS.index("suggestion")
_EXTERNAL_ID, _DIGEST = ROW_FIELDS.index("external_id"), ROW_FIELDS.index("content_hash")
assert ROW_FIELDS[:6] == ("uuid", "team_id", "received_at", "day", "metric", "score")
assert ROW_FIELDS[16:] == ("contact_consent", "is_internal", "language")


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


def chunk_size() -> int:
    """Rows per block that the loader of the current database stores at once."""
    return _PostgresStore.chunk if connection.vendor == "postgresql" else _SqliteStore.chunk


def blocks_of(rows: Iterable[Sequence], size: int | None = None) -> Iterator[Block]:
    """Row tuples (ROW_FIELDS order) in blocks of `size` rows (default: `chunk_size()`)."""
    return _blocks(iter(rows), size or chunk_size())


def _blocks(rows: Iterator[Sequence], size: int) -> Iterator[Block]:
    while part := list(islice(rows, size)):
        yield Block.of_rows(part)


def load_feedback(
    blocks: Iterable[Block],
    *,
    batch: Batch,
    tick: Callable[[int], None] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> LoadResult:
    """Store the rows, skipping ones the organisation already has; call inside a transaction.

    `tick(rows)` is called after each block read. On PostgreSQL, `on_wait` is called when
    another bulk load of the organisation is running, before this one waits for its turn
    (see `take_turn`).
    """
    result = LoadResult()
    if connection.vendor == "postgresql":
        store: _PostgresStore | _SqliteStore = _PostgresStore(batch, on_wait)
    else:
        store = _SqliteStore(batch)
    with _loading_settings(), store:
        for prepared, rows, dropped in _prepared_in_background(blocks, store.prepare, tick):
            result.offered += rows + dropped
            store.add(prepared, rows)
        result.inserted = store.flush()
        if result.inserted >= ANALYSE_AFTER:
            store.analyse()
    return result


_settings_lock = threading.Lock()
_settings: dict = {"loads": 0, "switch_interval": 0.0, "gc_threshold": ()}


@contextlib.contextmanager
def _loading_settings() -> Iterator[None]:
    """SWITCH_INTERVAL and GC_THRESHOLD while any load of this process runs; the
    interpreter's own after."""
    with _settings_lock:
        if _settings["loads"] == 0:
            _settings["switch_interval"] = sys.getswitchinterval()
            _settings["gc_threshold"] = gc.get_threshold()
            sys.setswitchinterval(SWITCH_INTERVAL)
            gc.set_threshold(GC_THRESHOLD, *_settings["gc_threshold"][1:])
        _settings["loads"] += 1
    try:
        yield
    finally:
        with _settings_lock:
            _settings["loads"] -= 1
            if _settings["loads"] == 0:
                sys.setswitchinterval(_settings["switch_interval"])
                gc.set_threshold(*_settings["gc_threshold"])


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


_DONE = object()


def _first_of_each_key(block: Block) -> tuple[Block, int]:
    """The block without the rows whose key came earlier in it, and how many those were.

    The key is the external id, or without one the content hash; the first row wins, as
    in the file.
    """
    columns = block.columns
    keys = columns[_EXTERNAL_ID]
    if "" in keys:
        keys = [
            external_id or "#" + digest
            for external_id, digest in zip(keys, columns[_DIGEST], strict=True)
        ]
    if len(set(keys)) == len(keys):
        return block, 0
    seen: set[str] = set()
    wanted = []
    for key in keys:
        wanted.append(key not in seen)
        seen.add(key)
    return block.keep(wanted), wanted.count(False)


def _prepared_in_background(
    blocks: Iterable[Block],
    prepare: Callable[[Block], Any],  # the store's own format: COPY text or rows
    tick: Callable[[int], None] | None,
) -> Iterator[tuple[Any, int, int]]:
    """(block formatted for the database, its rows, rows dropped as repeated keys) per block,
    made by a reader thread while the caller stores earlier blocks.

    The reader runs the caller's iterator (reading and converting the file) and formats
    each block for the database, so that this Python work happens while the storing thread
    waits for the database.
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
            seen = 0
            for block in blocks:
                seen += len(block)
                block, dropped = _first_of_each_key(block)
                if len(block) and not put((prepare(block), len(block), dropped)):
                    return
                if tick is not None:
                    tick(seen)
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


def _insert_statements() -> list[tuple[str, list]]:
    """(SQL, parameters) moving the staged rows the organisation does not have into the table.

    One statement per kind of key, each skipping conflicts on its own (partial) unique index.
    """
    quote = connection.ops.quote_name
    table = quote(Feedback._meta.db_table)
    columns = _quoted(LOADED_FIELDS)
    staged = ", ".join(f"s.{quote(name)}" for name in LOADED_FIELDS)
    org, ext, digest = quote("organization_id"), quote("external_id"), quote("content_hash")
    # (which staged rows, the unique index that decides a duplicate): the indexes'
    # predicates as the migrations wrote them, so that PostgreSQL recognises them.
    kinds = (
        (f"s.{ext} <> ''", f"({org}, {ext}) WHERE NOT ({ext} = '')"),
        (f"s.{ext} = ''", f"({org}, {digest}) WHERE ({ext} = '' AND NOT ({digest} = ''))"),
    )
    return [
        (
            f"INSERT INTO {table} ({columns}) SELECT {staged} FROM {STAGE} AS s"
            f" WHERE {where} ON CONFLICT {arbiter} DO NOTHING",
            [],
        )
        for where, arbiter in kinds
    ]


_NULL = "\\N"
_BOOLEAN = {True: "t", False: "f"}
# The fields whose values go into COPY as they are, once escaped (see _PostgresStore.prepare).
_TEXTS = tuple(
    ROW_FIELDS.index(name)
    for name in ("metric", "reason", "suggestion", "channel", "touchpoint", "product",
                 "location", "team_code", "external_id", "content_hash", "customer_ref",
                 "language")
)  # fmt: skip


def _commented(columns: list[list]) -> list[bool]:
    """Whether each row of a block has a comment (else it needs no reading: `analysed`)."""
    return [
        bool(reason or suggestion)
        for reason, suggestion in zip(columns[_REASON], columns[_SUGGESTION], strict=True)
    ]


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


def _copy_text(fields: list[list[str]]) -> bytes:
    """COPY lines of the columns' values, as UTF-8.

    Encoded a thousand lines at a time: one comment with an emoji makes a text of four bytes
    a character, four times the memory of the bytes sent.
    """
    lines = map("\t".join, zip(*fields, strict=True))
    return b"".join(iter(lambda: "".join(islice(lines, 1000)).encode(), b""))


class _PostgresStore:
    chunk = CHUNK  # rows per COPY block: compact text, so large blocks are cheap

    def __init__(self, batch: Batch, on_wait: Callable[[], None] | None = None) -> None:
        self.on_wait = on_wait
        self.table = connection.ops.quote_name(Feedback._meta.db_table)
        self.columns = _quoted(LOADED_FIELDS)
        self.organization_id = batch.organization_id
        self.inserts = _insert_statements()
        self.inserted = 0
        # COPYs straight into the table left (until one meets a key the table has), and the
        # blocks of the one open, kept until it ends in case it is undone.
        self.savepoints = DIRECT_SAVEPOINTS
        self.group: list[tuple[bytes, int]] = []
        self.copying = contextlib.ExitStack()
        # Every line ends with the batch's values and the derived ones; whether the record
        # waits for its comments to be read depends on having comments.
        batch_id = _NULL if batch.batch_id is None else str(batch.batch_id)
        constants = f"{batch.organization_id}\t{batch_id}\t{batch.source}\t{batch.created_at.isoformat()}\t0\t0\t"
        self.ends = (f"{constants}\tt\n", f"{constants}\tf\n")  # without comments, with
        self.tabs = len(LOADED_FIELDS) - 1
        self.end_nulls = constants.count("\\")

    def __enter__(self) -> _PostgresStore:
        self.cursor = connection.cursor()
        # Bulk loads of one organisation take turns, so that they cannot race on its keys.
        take_turn(self.cursor, self.organization_id, self.on_wait)
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
        # The same column types as the real table, none of its constraints or indexes.
        self.cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGE} ON COMMIT DROP AS "
            f"SELECT {self.columns} FROM {self.table} WITH NO DATA"
        )
        return self

    def prepare(self, block: Block) -> bytes:
        """The block in COPY's text format, a column at a time (LOADED_FIELDS order)."""
        c = block.columns
        teams = {team: _NULL if team is None else str(team) for team in set(c[_TEAM])}
        scores = {score: _NULL if score is None else str(score) for score in set(c[_SCORE])}
        days = {day: day.isoformat() for day in set(c[_DAY])}
        fields = [
            list(map(str, c[0])),  # hex digits, or a UUID (the demo)
            list(map(teams.__getitem__, c[1])),
            list(map(datetime.isoformat, c[2])),
            list(map(days.__getitem__, c[3])),
            c[4],
            list(map(scores.__getitem__, c[5])),
            *c[6:16],
            list(map(_BOOLEAN.__getitem__, c[16])),
            list(map(_BOOLEAN.__getitem__, c[17])),
            c[18],
            list(map(self.ends.__getitem__, _commented(c))),
        ]
        text = _copy_text(fields)
        rows = len(block)
        nulls = c[_TEAM].count(None) + c[_SCORE].count(None) + rows * self.end_nulls
        # Nearly every block holds no tab, line break or backslash in its values: a few scans
        # in C tell, instead of looking at every value.
        if (
            text.count(b"\t") != rows * self.tabs
            or text.count(b"\n") != rows
            or text.count(b"\\") != nulls
            or b"\r" in text
        ):
            for position in _TEXTS:
                fields[position] = list(map(_text, fields[position]))
            text = _copy_text(fields)
        return text

    def add(self, text: bytes, rows: int) -> None:
        """Store a prepared block (see `flush` for the count of rows stored)."""
        if not (self.savepoints or self.group):
            self._stage(text)
            return
        if not self.group:  # a COPY straight into the table, in a savepoint
            self.savepoints -= 1
            self.copying = contextlib.ExitStack()
            self.copying.enter_context(transaction.atomic())
            self.copy = self.copying.enter_context(
                self.cursor.copy(f"COPY {self.table} ({self.columns}) FROM STDIN")
            )
        self.group.append((text, rows))
        self.copy.write(text)  # a key the table has is reported when the COPY ends
        if len(self.group) == GROUP_BLOCKS:
            self._end_copy()

    def flush(self) -> int:
        """End the COPY still open; returns the rows stored (the others the table had)."""
        if self.group:
            self._end_copy()
        return self.inserted

    def _end_copy(self) -> None:
        group, self.group = self.group, []
        try:
            self.copying.close()  # an error ends the COPY and rolls back to the savepoint
        except UniqueViolation:
            # A block met a key the table has: these blocks and all that follow go through
            # the staging table.
            self.savepoints = 0
            for text, _rows in group:
                self._stage(text)
        else:
            self.inserted += sum(rows for _text, rows in group)

    def _stage(self, text: bytes) -> None:
        cursor = self.cursor
        with cursor.copy(f"COPY {STAGE} ({self.columns}) FROM STDIN") as copy:
            copy.write(text)
        for sql, params in self.inserts:
            cursor.execute(sql, params)
            self.inserted += cursor.rowcount
        cursor.execute(f"TRUNCATE {STAGE}")

    def analyse(self) -> None:
        # Holds a SHARE UPDATE EXCLUSIVE lock until the transaction ends: another ANALYZE or a
        # VACUUM of the table waits for it; reads and writes do not.
        self.cursor.execute(f"ANALYZE {self.table}")

    def __exit__(self, *exc) -> None:
        try:
            self.copying.__exit__(*exc)  # a COPY still open when the load failed
            if exc[0] is None:
                self.cursor.execute(f"DROP TABLE {STAGE}")
        finally:
            self.cursor.close()


class _SqliteStore:
    chunk = SQLITE_CHUNK  # rows per executemany: tuples of Python values take more memory

    def __init__(self, batch: Batch) -> None:
        table = connection.ops.quote_name(Feedback._meta.db_table)
        placeholders = ", ".join(["%s"] * len(LOADED_FIELDS))
        self.sql = (
            f"INSERT INTO {table} ({_quoted(LOADED_FIELDS)}) VALUES ({placeholders})"
            " ON CONFLICT DO NOTHING"
        )
        created = str(batch.created_at.astimezone(UTC).replace(tzinfo=None))
        self.constants = (batch.organization_id, batch.batch_id, batch.source, created, 0, 0, "")
        self.inserted = 0

    def __enter__(self) -> _SqliteStore:
        self.cursor = connection.cursor()
        return self

    def prepare(self, block: Block) -> list[tuple]:
        """The block's rows as Django's SQLite backend stores them: UUIDs as hex, datetimes
        as naive UTC text."""
        c = block.columns
        keys = [key.hex if isinstance(key, UUID) else key for key in c[0]]
        moments = [str(moment.astimezone(UTC).replace(tzinfo=None)) for moment in c[2]]
        days = list(map(date.isoformat, c[3]))
        analysed = [not commented for commented in _commented(c)]
        constants = [repeat(value) for value in self.constants]
        return list(zip(keys, c[1], moments, days, *c[4:], *constants, analysed, strict=False))

    def add(self, rows: list[tuple], count: int) -> None:
        self.cursor.executemany(self.sql, rows)
        self.inserted += max(self.cursor.rowcount, 0)

    def flush(self) -> int:
        return self.inserted

    def analyse(self) -> None:
        pass  # SQLite keeps no statistics unless asked; its planner does not need them here

    def __exit__(self, *exc) -> None:
        self.cursor.close()
