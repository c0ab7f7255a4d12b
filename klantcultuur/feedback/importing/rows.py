"""Turn the rows of a mapped file into records for the bulk loader (pure: no database).

A million rows must pass in seconds, so rows are converted a block at a time, column by
column (`RowConverter.convert_block`): a column's plain values (an ISO or Dutch date clearly
in the past, a plain score, texts within their length, a plain yes/no) go through a few
passes in C and small caches of the values already seen, instead of a dozen Python steps
per cell. A row with any value the fast pass is not sure about goes through
`validation.clean_record`, the same rules as the API and the form, which also words the
reason a row is refused. Both give identical records (tested with generated rows).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import partial
from itertools import compress
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import numpy as np

from klantcultuur.feedback.ids import uuid7_hex_batch
from klantcultuur.feedback.importing.presets import (
    check_columns,
    label_value,
    skip_reason,
)
from klantcultuur.feedback.importing.presets import month_first as month_first_text
from klantcultuur.feedback.routing import ROUTING_FIELDS, Router
from klantcultuur.feedback.validation import (
    EARLIEST,
    FUTURE_SLACK,
    MAX_LENGTH,
    SCORE_RANGE,
    TEXT_FIELDS,
    RecordInput,
    clean_record,
)
from klantcultuur.lib.tabular import cell_text
from klantcultuur.lib.text import UNSAFE, strip_unsafe

UTC = ZoneInfo("UTC")
_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_HASHED = ("metric", "score", "reason", "suggestion", "channel", "touchpoint", "product",
           "location", "team_code", "customer_ref")  # fmt: skip
_YES_NO = {"1": True, "ja": True, "j": True, "yes": True, "y": True, "true": True, "waar": True,
           "x": True, "0": False, "nee": False, "n": False, "no": False, "false": False,
           "onwaar": False, "": False}  # fmt: skip
# The fast pass leaves moments this close to "now" to the exact check of the shared validation.
_NEAR_NOW = timedelta(hours=3)

# The values of a loader row, in order (see bulk.py); the organisation, batch, source and
# creation time are the same for every row of an import and are added by the loader.
ROW_FIELDS = (
    "uuid", "team_id", "received_at", "day", "metric", "score", "reason", "suggestion",
    "channel", "touchpoint", "product", "location", "team_code", "external_id",
    "content_hash", "customer_ref", "contact_consent", "is_internal", "language",
)  # fmt: skip


class RowRefused(Exception):
    """A row that cannot be stored; `errors` are the reasons, in the user's language."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def content_hash(received_at: datetime, values: Sequence[object]) -> str:
    """A fingerprint of a record without external id (the same as services.records)."""
    text = "\x1f".join([received_at.astimezone(UTC).isoformat(), *map(str, values)])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class SameContent:
    """Numbers records of one file or batch whose content is the same (no external id).

    Two customers may give the same score on the same day without comment: both count.
    The first keeps the plain content hash, the n-th gets a hash of its own; the same file
    or batch sent again gives the same numbers, so it still stores nothing twice. Holds one
    small entry per record without external id (files with ids cost nothing here).
    """

    def __init__(self) -> None:
        self._seen: dict[int, int] = {}

    def number(self, digest: str) -> str:
        key = int(digest[:16], 16)
        n = self._seen.get(key, 0) + 1
        self._seen[key] = n
        if n == 1:
            return digest
        return hashlib.blake2b(f"{digest}\x1f{n}".encode(), digest_size=16).hexdigest()


class MaybeSeen:
    """Which external ids of a long file may have come earlier in it, in fixed memory.

    A Bloom filter of 16 MB with one bit per id: `repeated` names every id that came
    before, and a few in a thousand that did not (at a million ids). That is only a
    suspicion, checked exactly once the file is stored (see services.imports).
    """

    _BITS = 1 << 27

    def __init__(self) -> None:
        self._bits = np.zeros(self._BITS >> 3, dtype=np.uint8)

    def repeated(self, keys: Sequence[str]) -> list[int]:
        """Positions of the non-empty keys that may have come before (earlier in `keys`
        too), adding them all."""
        if "" in keys:
            positions = np.flatnonzero(np.fromiter(map(bool, keys), dtype=bool, count=len(keys)))
            keys = [keys[j] for j in positions.tolist()]
        else:
            positions = None
        if not keys:
            return []
        spots = np.fromiter(map(hash, keys), dtype=np.int64, count=len(keys))
        spots &= self._BITS - 1
        byte, bit = spots >> 3, np.left_shift(1, spots & 7).astype(np.uint8)
        suspect = (self._bits[byte] & bit) != 0
        # A key that came earlier in this column also came before.
        _unique, first = np.unique(spots, return_index=True)
        earlier = np.ones(len(keys), dtype=bool)
        earlier[first] = False
        suspect |= earlier
        np.bitwise_or.at(self._bits, byte, bit)
        found = np.flatnonzero(suspect)
        return (found if positions is None else positions[found]).tolist()


class Block:
    """Loader rows column by column: `columns[f][j]` is field `ROW_FIELDS[f]` of row j.

    An import also keeps each row's line in the file and its cells, for the refused-rows
    report. `Block.of_rows` turns row tuples (ROW_FIELDS order) into a block.
    """

    __slots__ = ("cells", "columns", "lines")

    def __init__(
        self,
        columns: list[list],
        lines: list[int] | None = None,
        cells: list[Sequence[Any]] | None = None,
    ) -> None:
        self.columns = columns
        self.lines = lines
        self.cells = cells

    @classmethod
    def of_rows(cls, rows: Sequence[Sequence]) -> Block:
        if not rows:
            return cls([[] for _field in ROW_FIELDS])
        return cls([list(column) for column in zip(*rows, strict=True)])

    def __len__(self) -> int:
        return len(self.columns[0])

    def rows(self) -> Iterator[tuple]:
        return zip(*self.columns, strict=True)

    def keep(self, wanted: Sequence[bool]) -> Block:
        """The rows whose flag in `wanted` is true."""
        return Block(
            [list(compress(column, wanted)) for column in self.columns],
            None if self.lines is None else list(compress(self.lines, wanted)),
            None if self.cells is None else list(compress(self.cells, wanted)),
        )


@dataclass(frozen=True)
class Refusal:
    line: int
    errors: list[str]
    cells: Sequence[Any]
    skipped: bool = False  # not a customer's answer (a test, a preview, unfinished)


class _Memo(dict):
    """Values computed once per distinct key (`make(key)`); forgets all beyond `limit` keys."""

    __slots__ = ("limit", "make")

    def __init__(self, make: Callable[[Any], Any], limit: int = 50_000) -> None:
        super().__init__()
        self.make = make
        self.limit = limit

    def __missing__(self, key: Any) -> Any:
        value = self.make(key)
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value

    def column(self, values: Iterable[Any]) -> list:
        return list(map(self.__getitem__, values))


_UNSURE = object()  # a value the fast pass leaves to the shared validation


def _unsure(values: list) -> list[int]:
    """Positions of `_UNSURE` in a column (one scan in C when there are none)."""
    if _UNSURE not in values:
        return []
    return [j for j, value in enumerate(values) if value is _UNSURE]


class RowConverter:
    """Converts the (line, cells) of one file with one mapping; keep one per import."""

    def __init__(
        self,
        *,
        headers: Sequence[str],
        columns: Mapping[str, str],
        defaults: Mapping[str, Any],
        router: Router,
        zone: tzinfo,
        local_zone: tzinfo,
        now: datetime,
        preset: str = "generic",
        month_first: bool = False,
    ) -> None:
        position: dict[str, int] = {}
        for index, header in enumerate(headers):
            position.setdefault(header, index)
        self.index = {name: position[h] for name, h in columns.items() if h in position}
        self.check_index = check_columns(preset, headers)
        self.defaults = dict(defaults)
        self.router = router
        self.zone = zone
        self.local_zone = local_zone
        self.now = now
        self.preset = preset
        # Dates written month first (3/15/2024) are rewritten as ISO before they are read.
        self._month_first = _Memo(month_first_text, limit=200_000) if month_first else None
        self.same_content = SameContent()
        # The lowest and highest key handed out: the batch's range.
        self.first_uuid: UUID | None = None
        self.last_uuid: UUID | None = None
        self.channels: set[str] = set()  # channel names seen (kept small)
        self._team_id = self.defaults.get("team_id")
        self._text_defaults = [_text_default(self.defaults.get(name)) for name in TEXT_FIELDS]
        # The fields the file has, and how many cells a row needs to have them all.
        self._mapped = [name for name in _CONVERTED if name in self.index]
        self._width = max((self.index[name] for name in self._mapped), default=-1) + 1
        # -- the fast pass: caches of values seen and what they convert to ---------------
        self._same_zone = str(zone) == str(local_zone)
        self._clearly_past = (now + FUTURE_SLACK - _NEAR_NOW).astimezone(zone).replace(tzinfo=None)
        metric_default = str(self.defaults.get("metric") or "").strip().lower()
        scores = {
            m: {str(s): s for s in range(low, high + 1)} for m, (low, high) in SCORE_RANGE.items()
        }
        self._metrics = _Memo(partial(_metric, metric_default))
        self._scores = _Memo(partial(_score, scores))
        self._flags = {
            name: _Memo(partial(_flag, _flag_default(self.defaults.get(name))))
            for name in ("contact_consent", "is_internal")
        }
        # (Functions of their own, not methods: a converter holding itself would wait for
        # the garbage collector to free its caches.)
        self._dutch_days = _Memo(partial(_dutch_day_start, zone), limit=20_000)
        self._iso_days = _Memo(partial(_day_start, zone), limit=20_000)
        self._clocks = _Memo(_clock, limit=200_000)
        route = router.route_values
        self._routes = _Memo(lambda values: route(*values))

    # -- keys ---------------------------------------------------------------------------
    def _new_uuids(self, count: int) -> list[str]:
        """New record keys as 32 hex digits (cheaper to make and send than UUID objects)."""
        fresh = uuid7_hex_batch(count)
        if fresh:
            low, high = UUID(fresh[0]), UUID(fresh[-1])
            if self.first_uuid is None or low < self.first_uuid:
                self.first_uuid = low
            if self.last_uuid is None or high > self.last_uuid:
                self.last_uuid = high
        return fresh

    # -- the conversion -----------------------------------------------------------------
    def convert(self, line: int, cells: Sequence[Any]) -> tuple:
        """The loader row for one file row; raises RowRefused with the reasons."""
        block, refused = self.convert_block([(line, cells)])
        if refused:
            raise RowRefused(refused[0].errors)
        return next(block.rows())

    def convert_block(
        self, numbered: Sequence[tuple[int, Sequence[Any]]]
    ) -> tuple[Block, list[Refusal]]:
        """The loader rows of (line, cells) pairs, and the refused ones with their reasons.

        Both keep the file's order.
        """
        lines = [line for line, _cells in numbered]
        cells = [row for _line, row in numbered]
        if not cells:
            return Block.of_rows([]), []
        refused: dict[int, list[str]] = {}
        skipped: set[int] = set()
        if self.check_index:
            for j, row in enumerate(cells):
                width = len(row)
                reason = skip_reason(
                    self.preset,
                    {k: row[i] if i < width else "" for k, i in self.check_index.items()},
                )
                if reason:
                    refused[j] = [reason]
                    skipped.add(j)
        values, unsure = self._fast(cells)
        for j in sorted(unsure.difference(refused)):
            try:
                item = self._record(cells[j])
            except RowRefused as exc:
                refused[j] = exc.errors
                continue
            local_day = item.received_at.astimezone(self.local_zone).date()
            for name, value in (
                ("received_at", item.received_at),
                ("day", local_day),
                ("metric", item.metric),
                ("score", item.score),
                ("contact_consent", item.contact_consent),
                ("is_internal", item.is_internal),
            ):
                values[name][j] = value
            for name in TEXT_FIELDS:
                values[name][j] = getattr(item, name)
        block = Block([values[name] for name in ROW_FIELDS], lines, cells)
        refusals = [Refusal(lines[j], refused[j], cells[j], j in skipped) for j in sorted(refused)]
        if refused:
            block = block.keep([j not in refused for j in range(len(cells))])
        self._complete(block)
        return block, refusals

    def _record(self, cells: Sequence[Any]) -> RecordInput:
        """The shared validation's record for one row (raises RowRefused with the reasons)."""
        width = len(cells)
        raw = {name: cells[i] if i < width else "" for name, i in self.index.items()}
        for name in _LABELLED_FIELDS:
            if name in raw:
                raw[name] = label_value(raw[name])
        if self._month_first is not None and "received_at" in raw:
            raw["received_at"] = self._month_first[raw["received_at"]]
        item, errors = clean_record(raw, zone=self.zone, now=self.now, defaults=self.defaults)
        if item is None:
            raise RowRefused(errors)
        return item

    def _complete(self, block: Block) -> None:
        """Add the key, the owning team and, without external id, the content hash."""
        columns = dict(zip(ROW_FIELDS, block.columns, strict=True))
        count = len(block)
        columns["uuid"][:] = self._new_uuids(count)
        if self._team_id is not None:
            columns["team_id"][:] = [self._team_id] * count
        else:
            columns["team_id"][:] = self._routes.column(
                zip(*(columns[name] for name in ROUTING_FIELDS), strict=True)
            )
        for channel in dict.fromkeys(columns["channel"]):
            if len(self.channels) >= 100:
                break
            self.channels.add(channel)
        digests = columns["content_hash"]
        if "" in columns["external_id"]:
            hashed = [columns[name] for name in _HASHED]
            for j, external_id in enumerate(columns["external_id"]):
                if not external_id:
                    digest = content_hash(columns["received_at"][j], [c[j] for c in hashed])
                    digests[j] = self.same_content.number(digest)

    def _fast(self, cells: list[Sequence[Any]]) -> tuple[dict[str, list], set[int]]:
        """Every field's column of converted values, and the rows the pass is not sure of.

        The unsure rows' values are placeholders: `convert_block` asks the shared
        validation for them.
        """
        count = len(cells)
        raw: dict[str, Sequence[Any]] = {}
        if self._mapped:
            if min(map(len, cells)) < self._width:  # short rows: missing cells are empty
                cells = [
                    row if len(row) >= self._width else [*row, *[""] * (self._width - len(row))]
                    for row in cells
                ]
            file_columns = list(zip(*cells, strict=False))  # as long as the shortest row
            raw = {name: file_columns[self.index[name]] for name in self._mapped}
        unsure: set[int] = set()
        values: dict[str, list] = {}
        if self._month_first is not None and "received_at" in raw:
            raw["received_at"] = self._month_first.column(raw["received_at"])
        moments, days = self._moments(raw.get("received_at"), count)
        metrics = (
            self._metrics.column(raw["metric"]) if "metric" in raw else [self._metrics[""]] * count
        )
        scores = (
            self._scores.column(zip(metrics, raw["score"], strict=True))
            if "score" in raw
            else [None] * count
        )
        if "score" in raw:
            # "Somewhat agree (5)", "10 - Extremely likely": only for what the pass missed.
            for j in _unsure(scores):
                value = label_value(raw["score"][j])
                if value is not raw["score"][j]:
                    scores[j] = self._scores[(metrics[j], value)]
        for column in (moments, metrics, scores):
            unsure.update(_unsure(column))
        values.update(received_at=moments, day=days, metric=metrics, score=scores)
        for position, name in enumerate(TEXT_FIELDS):
            default = self._text_defaults[position]
            if name in raw:
                column, bad = _texts(raw[name], default, MAX_LENGTH[name])
                unsure.update(bad)
            else:
                column = [default] * count
            values[name] = column
        for name, memo in self._flags.items():
            if name in raw:
                column = memo.column(raw[name])
                for j in _unsure(column):  # "Yes (Y)"
                    value = label_value(raw[name][j])
                    if value is not raw[name][j]:
                        column[j] = memo[value]
                unsure.update(_unsure(column))
            else:
                column = [memo[""]] * count
            values[name] = column
        if None in scores:  # no score: the metric goes, and the row needs a comment
            reasons, suggestions = values["reason"], values["suggestion"]
            for j, score in enumerate(scores):
                if score is None:
                    metrics[j] = ""
                    if not reasons[j] and not suggestions[j]:
                        unsure.add(j)
        for name in ("uuid", "team_id", "content_hash"):
            values[name] = [""] * count  # filled in by _complete
        return values, unsure

    def _moments(self, raw: Sequence[Any] | None, count: int) -> tuple[list, list]:
        """(aware moment, local day) of ISO or dd-mm-yyyy [HH:MM[:SS]] texts clearly in the past."""
        if raw is None:
            return [_UNSURE] * count, [None] * count
        moments: list = []
        days: list = []
        add_moment, add_day = moments.append, days.append
        dutch_days, iso_days, clocks = self._dutch_days, self._iso_days, self._clocks
        zone, clearly_past, same_zone = self.zone, self._clearly_past, self._same_zone
        for value in raw:
            if type(value) is not str or not value:
                add_moment(_UNSURE)
                add_day(None)
                continue
            text = value.strip() if value[0] == " " or value[-1] == " " else value
            if len(text) >= 10 and text[2] == "-" and text[5] == "-":
                start = dutch_days[text[:10]]
                clock = clocks[text[10:]]
                if start is None or clock is None:
                    add_moment(_UNSURE)
                    add_day(None)
                    continue
                midnight, aware_midnight, day = start
                naive = midnight + clock
            else:
                try:
                    parsed = datetime.fromisoformat(text)
                except ValueError:
                    add_moment(_UNSURE)
                    add_day(None)
                    continue
                if parsed.tzinfo is not None:  # with its own offset
                    if (
                        parsed.astimezone(zone).replace(tzinfo=None) >= clearly_past
                        or parsed.year < EARLIEST.year
                    ):
                        add_moment(_UNSURE)
                        add_day(None)
                    else:
                        add_moment(parsed)
                        add_day(parsed.astimezone(self.local_zone).date())
                    continue
                naive = parsed
                midnight, aware_midnight, day = iso_days[naive.date()]
                clock = naive - midnight
            if naive >= clearly_past or naive.year < EARLIEST.year:
                add_moment(_UNSURE)
                add_day(None)
                continue
            # Adding the time of day to the day's aware midnight costs a twentieth of
            # `replace(tzinfo=…)`; on a day the zone changes its offset, replace it is.
            moment = (
                naive.replace(tzinfo=zone) if aware_midnight is None else aware_midnight + clock
            )
            add_moment(moment)
            add_day(day if same_zone else moment.astimezone(self.local_zone).date())
        return moments, days


# Fields whose answers may be written as "text (code)" or "number - text".
_LABELLED_FIELDS = ("score", "contact_consent", "is_internal")
# The fields the fast pass converts from the file.
_CONVERTED = ("received_at", "metric", "score", *TEXT_FIELDS, "contact_consent", "is_internal")


def _day_start(zone: tzinfo, day: date) -> tuple[datetime, datetime | None, date]:
    """(naive midnight, aware midnight, day); the aware one carries the zone's offset as a
    fixed offset, and is None on a day the offset changes (summer time)."""
    midnight = datetime(day.year, day.month, day.day)
    offsets = {
        (midnight + timedelta(hours=hour)).replace(tzinfo=zone).utcoffset() for hour in range(25)
    }
    if len(offsets) != 1 or None in offsets:
        return midnight, None, day
    offset = offsets.pop()
    assert offset is not None  # checked above
    return midnight, midnight.replace(tzinfo=timezone(offset)), day


def _dutch_day_start(zone: tzinfo, text: str) -> tuple[datetime, datetime | None, date] | None:
    """`_day_start` of a dd-mm-yyyy text, or None."""
    match = _DUTCH_DATE.match(text)
    if not match:
        return None
    try:
        day = date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return _day_start(zone, day)


def _clock(text: str) -> timedelta | None:
    """The time of day after a dd-mm-yyyy date: '', ' HH:MM' or ' HH:MM:SS' (else None)."""
    try:
        if not text:
            return timedelta()
        if len(text) == 9 and text[0] == " " and text[3] == ":" and text[6] == ":":
            moment = time(int(text[1:3]), int(text[4:6]), int(text[7:]))
        elif len(text) == 6 and text[0] == " " and text[3] == ":":
            moment = time(int(text[1:3]), int(text[4:]))
        else:
            return None
    except ValueError:
        return None
    return timedelta(hours=moment.hour, minutes=moment.minute, seconds=moment.second)


def _metric(default: str, value: Any) -> Any:
    if value == "":
        return default
    if type(value) is not str:
        return _UNSURE
    metric = value.strip().lower()
    return metric if metric in SCORE_RANGE else _UNSURE


def _score(tables: Mapping[str, Mapping[str, int]], key: tuple[Any, Any]) -> Any:
    metric, value = key
    if value == "" or value is None:
        return None
    if type(value) is not str:
        return _UNSURE
    table = tables.get(metric)
    if table is None:
        return _UNSURE
    score = table.get(value)
    if score is None:
        score = table.get(value.strip())
    return _UNSURE if score is None else score


def _flag(default: bool, value: Any) -> Any:
    if type(value) is not str:
        return _UNSURE
    if value == "" or value.isspace():
        return default
    flag = _YES_NO.get(value)
    if flag is None:
        flag = _YES_NO.get(value.strip().lower())
    return _UNSURE if flag is None else flag


def _texts(raw: Sequence[Any], default: str, limit: int) -> tuple[list[str], list[int]]:
    """A text column without surrounding spaces (empty: the default), and the rows to check.

    A value that is not text, too long or holds a control character is left to the shared
    validation.
    """
    try:
        values = list(map(str.strip, raw))
        bad = []
    except TypeError:  # a spreadsheet number or date
        values = [value.strip() if type(value) is str else "" for value in raw]
        bad = [j for j, value in enumerate(raw) if type(value) is not str]
    if values and max(map(len, values)) > limit:
        bad += [j for j, value in enumerate(values) if len(value) > limit]
    if UNSAFE.search("".join(values)):
        bad += [j for j, value in enumerate(values) if UNSAFE.search(value)]
    if default:
        values = [value or default for value in values]
    return values, bad


def _text_default(value: Any) -> str:
    """A default as clean_text would make it (defaults come from the mapping screen)."""
    if value is None:
        return ""
    return strip_unsafe(cell_text(value)).strip()


def _flag_default(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return bool(_YES_NO.get(str(value or "").strip().lower(), False))
