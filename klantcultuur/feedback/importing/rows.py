"""Turn the rows of a mapped file into records for the bulk loader (pure: no database).

A million rows must pass in seconds, so the common case (an ISO or Dutch date clearly in
the past, a plain score, texts within their length, a plain yes/no) takes a lean fast path;
any row the fast path is not sure about goes through `validation.clean_record`, the same
rules as the API and the form, which also words the reason a row is refused. Both paths
give identical records (tested with generated rows).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from klantcultuur.feedback.ids import uuid7_hex_batch
from klantcultuur.feedback.importing.presets import skip_reason
from klantcultuur.feedback.routing import Router
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

UTC = ZoneInfo("UTC")
_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_HASHED = ("metric", "score", "reason", "suggestion", "channel", "touchpoint", "product",
           "location", "team_code", "customer_ref")  # fmt: skip
_YES_NO = {"1": True, "ja": True, "j": True, "yes": True, "y": True, "true": True, "waar": True,
           "x": True, "0": False, "nee": False, "n": False, "no": False, "false": False,
           "onwaar": False, "": False}  # fmt: skip
# The fast path leaves moments this close to "now" to the exact check of the slow path.
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

    A Bloom filter of 16 MB with one bit per id: `add` is True for every id that came
    before, and for a few in a thousand that did not (at a million ids). A True is only a
    suspicion, checked exactly once the file is stored (see services.imports).
    """

    _BITS = 1 << 27

    def __init__(self) -> None:
        self._bits = bytearray(self._BITS >> 3)

    def add(self, key: str) -> bool:
        spot = hash(key) & (self._BITS - 1)
        byte, bit = spot >> 3, 1 << (spot & 7)
        if self._bits[byte] & bit:
            return True
        self._bits[byte] |= bit
        return False


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
    ) -> None:
        position: dict[str, int] = {}
        for index, header in enumerate(headers):
            position.setdefault(header, index)
        self.index = {name: position[h] for name, h in columns.items() if h in position}
        self.check_index = {h: position[h] for h in ("Status", "submitdate") if h in position}
        self.defaults = dict(defaults)
        self.router = router
        self.zone = zone
        self.local_zone = local_zone
        self.now = now
        self.preset = preset
        self.same_content = SameContent()
        self.first_uuid = None  # the lowest and highest key handed out: the batch's range
        self.last_uuid = None
        self._uuids: list = []
        self.channels: set[str] = set()  # channel names seen (kept small)
        self._dates: dict[str, date | None] = {}
        self._same_zone = str(zone) == str(local_zone)
        self._clearly_past = (now + FUTURE_SLACK - _NEAR_NOW).astimezone(zone).replace(tzinfo=None)
        self._metric_default = str(self.defaults.get("metric") or "").strip().lower()
        self._scores = {
            m: {str(s): s for s in range(low, high + 1)} for m, (low, high) in SCORE_RANGE.items()
        }
        self._team_id = self.defaults.get("team_id")
        index = self.index
        self._i_moment = index.get("received_at")
        self._i_metric = index.get("metric")
        self._i_score = index.get("score")
        # Defaults of every text field, and (position, column, limit) of the mapped ones.
        self._text_defaults = [_text_default(self.defaults.get(name)) for name in TEXT_FIELDS]
        self._mapped_texts = [
            (position, index[name], MAX_LENGTH[name])
            for position, name in enumerate(TEXT_FIELDS)
            if name in index
        ]
        self._flags = [
            (index.get(name), _flag_default(self.defaults.get(name)))
            for name in ("contact_consent", "is_internal")
        ]

    # -- keys ---------------------------------------------------------------------------
    def _next_uuid(self) -> str:
        """A new record key as 32 hex digits (cheaper to make and send than UUID objects)."""
        if not self._uuids:
            fresh = uuid7_hex_batch(4096)
            low, high = UUID(min(fresh)), UUID(max(fresh))
            if self.first_uuid is None or low < self.first_uuid:
                self.first_uuid = low
            if self.last_uuid is None or high > self.last_uuid:
                self.last_uuid = high
            fresh.reverse()
            self._uuids = fresh
        return self._uuids.pop()

    # -- the conversion -----------------------------------------------------------------
    def convert(self, line: int, cells: Sequence[Any]) -> tuple:
        """The loader row for one file row; raises RowRefused with the reasons."""
        if self.check_index:
            width = len(cells)
            reason = skip_reason(
                self.preset, {h: cells[i] if i < width else "" for h, i in self.check_index.items()}
            )
            if reason:
                raise RowRefused([reason])
        row = self._fast(cells)
        if row is None:
            row = self._slow(cells)
        return row

    def _slow(self, cells: Sequence[Any]) -> tuple:
        width = len(cells)
        raw = {name: cells[i] if i < width else "" for name, i in self.index.items()}
        item, errors = clean_record(raw, zone=self.zone, now=self.now, defaults=self.defaults)
        if item is None:
            raise RowRefused(errors)
        return self.row_for(item)

    def row_for(self, item: RecordInput) -> tuple:
        """The loader row of a validated record (routing, hash, key and day added)."""
        if item.channel not in self.channels and len(self.channels) < 100:
            self.channels.add(item.channel)
        team_id = self.router.route(item.routing_values, item.team_id)
        digest = "" if item.external_id else self.same_content.number(
            content_hash(item.received_at, [getattr(item, name) for name in _HASHED])
        )  # fmt: skip
        return (
            self._next_uuid(), team_id, item.received_at,
            item.received_at.astimezone(self.local_zone).date(), item.metric, item.score,
            item.reason, item.suggestion, item.channel, item.touchpoint, item.product,
            item.location, item.team_code, item.external_id, digest, item.customer_ref,
            item.contact_consent, item.is_internal, item.language,
        )  # fmt: skip

    def _day(self, text: str) -> date | None:
        found = self._dates.get(text, False)
        if found is False:
            match = _DUTCH_DATE.match(text)
            found = None
            if match:
                try:
                    found = date(int(match[3]), int(match[2]), int(match[1]))
                except ValueError:
                    found = None
            if len(self._dates) > 20_000:
                self._dates.clear()
            self._dates[text] = found
        return found

    def _moment(self, value: Any) -> tuple[datetime, date] | None:
        """(aware moment, local day) for ISO or dd-mm-yyyy [HH:MM[:SS]] text clearly in the past."""
        if type(value) is not str or not value:
            return None
        text = value.strip() if value[0] == " " or value[-1] == " " else value
        if len(text) >= 10 and text[2] == "-" and text[5] == "-":
            day = self._day(text[:10])
            if day is None:
                return None
            clock = text[10:]
            try:
                if not clock:
                    naive = datetime(day.year, day.month, day.day)
                elif len(clock) == 9 and clock[0] == " " and clock[3] == ":" and clock[6] == ":":
                    naive = datetime(day.year, day.month, day.day, int(clock[1:3]),
                                     int(clock[4:6]), int(clock[7:]))  # fmt: skip
                elif len(clock) == 6 and clock[0] == " " and clock[3] == ":":
                    naive = datetime(day.year, day.month, day.day, int(clock[1:3]), int(clock[4:]))
                else:
                    return None
            except ValueError:
                return None
        else:
            try:
                naive = datetime.fromisoformat(text)
            except ValueError:
                return None
            if naive.tzinfo is not None:
                if naive.astimezone(self.zone).replace(tzinfo=None) >= self._clearly_past:
                    return None
                if naive.year < EARLIEST.year:
                    return None
                return naive, naive.astimezone(self.local_zone).date()
        if naive >= self._clearly_past or naive.year < EARLIEST.year:
            return None
        moment = naive.replace(tzinfo=self.zone)
        if self._same_zone:
            return moment, naive.date()
        return moment, moment.astimezone(self.local_zone).date()

    def _fast(self, cells: Sequence[Any]) -> tuple | None:
        """The loader row when every value is plainly valid, else None (use the slow path)."""
        width = len(cells)
        i = self._i_moment
        found = self._moment(cells[i] if i is not None and i < width else None)
        if found is None:
            return None
        moment, day = found
        i = self._i_metric
        metric = cells[i] if i is not None and i < width else ""
        if metric == "":
            metric = self._metric_default
        elif type(metric) is not str:
            return None
        else:
            metric = metric.strip().lower()
            if metric not in SCORE_RANGE:
                return None
        i = self._i_score
        score = cells[i] if i is not None and i < width else ""
        if score == "" or score is None:
            score = None
        else:
            if type(score) is not str:
                return None
            table = self._scores.get(metric)
            if table is None:
                return None
            score = table.get(score) or table.get(score.strip())
            if score is None:
                return None
        texts = self._text_defaults.copy()
        for position, i, limit in self._mapped_texts:
            if i >= width:
                continue
            value = cells[i]
            if type(value) is not str:
                return None
            if value:
                value = value.strip()
                if value:
                    if len(value) > limit or "\x00" in value:
                        return None
                    texts[position] = value
        flags = []
        for i, default in self._flags:
            value = cells[i] if i is not None and i < width else ""
            if type(value) is not str:
                return None
            if value == "" or value.isspace():
                flags.append(default)
                continue
            flag = _YES_NO.get(value)
            if flag is None:
                flag = _YES_NO.get(value.strip().lower())
                if flag is None:
                    return None
            flags.append(flag)
        (
            reason,
            suggestion,
            channel,
            touchpoint,
            product,
            location,
            team_code,
            external_id,
            customer_ref,
            language,
        ) = texts
        if score is None:
            metric = ""
            if not reason and not suggestion:
                return None
        if channel not in self.channels and len(self.channels) < 100:
            self.channels.add(channel)
        team_id = self._team_id
        if team_id is None:
            team_id = self.router.route_values(touchpoint, channel, product, location, team_code)
        digest = "" if external_id else self.same_content.number(content_hash(
            moment, [metric, score, reason, suggestion, channel, touchpoint, product, location,
                     team_code, customer_ref]
        ))  # fmt: skip
        return (
            self._next_uuid(), team_id, moment, day, metric, score, reason, suggestion,
            channel, touchpoint, product, location, team_code, external_id, digest,
            customer_ref, flags[0], flags[1], language,
        )  # fmt: skip


def _text_default(value: Any) -> str:
    """A default as clean_text would make it (defaults come from the mapping screen)."""
    if value is None:
        return ""
    return cell_text(value).replace("\x00", "")


def _flag_default(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return bool(_YES_NO.get(str(value or "").strip().lower(), False))
