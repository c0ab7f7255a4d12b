"""The import's fast pass gives exactly the records the shared validation gives."""

from __future__ import annotations

from datetime import datetime
from uuid import RFC_4122, UUID
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klantcultuur.feedback.ids import uuid7_hex_batch
from klantcultuur.feedback.importing.rows import MaybeSeen, RowConverter, RowRefused, SameContent
from klantcultuur.feedback.routing import build_router

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=AMS)
HEADERS = [
    "Datum",
    "Meting",
    "Cijfer",
    "Reden",
    "Tip",
    "Kanaal",
    "Team",
    "Id",
    "Klant",
    "Contact",
    "Intern",
]
COLUMNS = {"received_at": "Datum", "metric": "Meting", "score": "Cijfer", "reason": "Reden",
           "suggestion": "Tip", "channel": "Kanaal", "team_code": "Team", "external_id": "Id",
           "customer_ref": "Klant", "contact_consent": "Contact", "is_internal": "Intern"}  # fmt: skip


def converter(**defaults) -> RowConverter:
    router = build_router([("channel", "Telefoon", 7)], {"W-KC-A": 3}, True)
    return RowConverter(
        headers=HEADERS,
        columns=COLUMNS,
        defaults={"metric": "nps", **defaults},
        router=router,
        zone=AMS,
        local_zone=AMS,
        now=NOW,
    )


dates = st.one_of(
    st.datetimes(datetime(1998, 1, 1), datetime(2025, 6, 2)).map(
        lambda d: d.strftime("%d-%m-%Y %H:%M:%S")
    ),
    st.datetimes(datetime(1998, 1, 1), datetime(2025, 6, 2)).map(
        lambda d: d.strftime("%Y-%m-%d %H:%M")
    ),
    st.datetimes(datetime(2024, 1, 1), datetime(2025, 6, 2)).map(lambda d: d.strftime("%d-%m-%Y")),
    st.sampled_from(
        ["", "31-02-2025", "2025-06-01 12:30", "01-06-2025 13:59", "gisteren", " 03-02-2025 14:05 "]
    ),
)
texts = st.one_of(
    st.sampled_from(["", " ", "Prima!", " lang gewacht ", "x\x00y"]), st.text(max_size=30)
)
cells = st.tuples(
    dates,
    st.sampled_from(["", "nps", "NPS", "csat", "ces", " ", "net promoter score", "cijfer"]),
    st.sampled_from(["", "0", "6", "7", "9", "10", "11", " 8", "8,0", "8.5", "-1", "abc", " "]),
    texts,
    texts,
    st.sampled_from(["", "Telefoon", "telefoon ", "chat"]),
    st.sampled_from(["", "W-KC-A", "w-kc-a", "ONBEKEND"]),
    st.sampled_from(["", "R_1", " R_2 "]),
    st.sampled_from(["", "K-1"]),
    st.sampled_from(["", "ja", "Nee", " JA ", "misschien", "1", "y", " "]),
    st.sampled_from(["", "nee", "ja", "x"]),
)


def slow_converter(**defaults) -> RowConverter:
    """A converter that leaves every row to the shared validation."""
    conv = converter(**defaults)
    fast = conv._fast
    conv._fast = lambda cells: (fast(cells)[0], set(range(len(cells))))  # type: ignore[method-assign]
    return conv


def numbered(rows) -> list[tuple[int, list]]:
    return [(line, list(row)) for line, row in enumerate(rows, start=2)]


@settings(max_examples=400, deadline=None)
@given(st.lists(cells, min_size=1, max_size=12))
def test_the_fast_pass_gives_the_records_the_shared_validation_gives(rows):
    # Several rows at once: the fast pass converts a block column by column, with caches.
    fast, fast_refused = converter().convert_block(numbered(rows))
    slow, slow_refused = slow_converter().convert_block(numbered(rows))
    assert [(r.line, r.errors) for r in fast_refused] == [(r.line, r.errors) for r in slow_refused]
    assert fast.lines == slow.lines
    # The keys are new for every record; everything else is the same.
    assert [row[1:] for row in fast.rows()] == [row[1:] for row in slow.rows()]


def test_the_days_summer_time_starts_and_ends_keep_their_moments():
    # The fast pass gives a day one fixed offset, except on the days the offset changes.
    moments = [
        "31-03-2024 01:59:00",
        "31-03-2024 02:30",
        "31-03-2024 14:05",
        "27-10-2024 02:30",
        "27-10-2024 14:05",
        "2024-10-27 14:05:00",
        "2024-03-31T12:00:00",
        "26-10-2024 23:30",
    ]
    rows = [
        [moment, "", "9", "Top", "", "", "", f"Z-{n}", "", "", ""]
        for n, moment in enumerate(moments)
    ]
    conv = converter()
    assert conv._fast(rows)[1] == set()
    fast, _refused = conv.convert_block(numbered(rows))
    slow, _refused = slow_converter().convert_block(numbered(rows))
    assert [row[1:] for row in fast.rows()] == [row[1:] for row in slow.rows()]
    assert [row[2].utcoffset().total_seconds() / 3600 for row in fast.rows()] == [
        1,
        1,
        2,
        2,
        1,
        1,
        2,
        2,
    ]


def test_plain_rows_take_the_fast_pass_and_get_routed():
    conv = converter()
    rows = [
        ["03-02-2025 14:05", "", "9", "Top", "", "Telefoon", "", "R_9", "", "ja", ""],
        ["03-02-2025 14:05", "", "9", "Top", "", "Telefoon", "w-kc-a", "", "", "", ""],
        ["2025-02-03 14:05:10", "csat", " 4", "", "Sneller", "chat", "", "R_10", "", "nee", "x"],
    ]
    assert conv._fast(rows)[1] == set()  # nothing left to the shared validation
    block, refused = conv.convert_block(numbered(rows))
    assert refused == []
    first, second, third = block.rows()
    assert first[1] == 7  # the channel rule
    assert first[3].isoformat() == "2025-02-03"
    assert second[1] == 3  # the team code wins over the rule
    assert third[2:6] == (datetime(2025, 2, 3, 14, 5, 10, tzinfo=AMS), third[3], "csat", 4)
    assert (third[16], third[17]) == (False, True)
    coded = RowConverter(
        headers=HEADERS,
        columns=COLUMNS,
        defaults={"metric": "nps"},
        zone=AMS,
        local_zone=AMS,
        now=NOW,
        router=build_router([("team_code", "KCC 01", 5)], {"W-KC-A": 3}, True),
    )
    row = coded.convert(2, ["03-02-2025 14:05", "", "9", "Top", "", "", "kcc 01", "", "", "", ""])
    assert row[1] == 5  # a rule on the team code: another system's code for the team
    assert row[14]  # without external id the content hash is kept


def test_a_block_keeps_the_file_order_around_refused_and_checked_rows():
    rows = [
        ["01-03-2025 10:00", "", "9", "", "", "", "", "A-1", "", "", ""],
        ["31-02-2025 10:00", "", "9", "", "", "", "", "A-2", "", "", ""],  # no such day
        ["1-3-2025 10:00", "", "7", "", "", "", "", "A-3", "", "", ""],  # the shared validation
        ["01-03-2025 10:00", "", "", "", "", "", "", "A-4", "", "", ""],  # no score, no comment
        ["01-03-2025 11:00", "", "3", "", "", "", "", "A-5", "", "", ""],
    ]
    block, refused = converter().convert_block(numbered(rows))
    assert [(r.line, r.cells[7]) for r in refused] == [(3, "A-2"), (5, "A-4")]
    assert block.lines == [2, 4, 6]
    assert [row[13] for row in block.rows()] == ["A-1", "A-3", "A-5"]
    assert [row[5] for row in block.rows()] == [9, 7, 3]
    assert [cells[7] for cells in block.cells] == ["A-1", "A-3", "A-5"]


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (["", "", "9", "", "", "", "", "", "", "", ""], "De datum ontbreekt."),
        (["01-06-2025 15:30", "", "9", "", "", "", "", "", "", "", ""], "Datum: De datum ligt in de toekomst."),
        (["01-01-2025", "", "", "", "", "", "", "", "", "", ""], "De regel heeft geen score en geen opmerking."),
        (["01-01-2025", "", "9", "", "", "", "", "", "", "misschien", ""], "Contact toegestaan: “misschien” is geen ja of nee."),
    ],
)  # fmt: skip
def test_refused_rows_say_why(cells, reason):
    with pytest.raises(RowRefused) as refused:
        converter().convert(2, cells)
    assert refused.value.errors == [reason]


def test_the_same_content_twice_gets_a_second_hash_and_the_same_ones_on_a_second_reading():
    first, second = SameContent(), SameContent()
    digests = ["a" * 32, "b" * 32, "a" * 32, "a" * 32]
    numbered = [first.number(d) for d in digests]
    assert numbered[:2] == ["a" * 32, "b" * 32]  # a first occurrence keeps its plain hash
    assert len(set(numbered)) == 4
    assert [second.number(d) for d in digests] == numbered


def test_every_id_seen_before_is_suspected_and_few_others_are():
    seen = MaybeSeen()
    ids = [f"R_{n:08d}" for n in range(200_000)]
    false_alarms = sum(
        len(seen.repeated(ids[start : start + 10_000])) for start in range(0, len(ids), 10_000)
    )
    again = ids[::997]
    assert seen.repeated(again) == list(range(len(again)))
    assert false_alarms < 1000  # a few in a thousand at this size, checked exactly later


def test_a_column_of_ids_names_the_ones_seen_before():
    seen = MaybeSeen()
    assert seen.repeated(["A-1", "", "A-2"]) == []
    assert seen.repeated(["A-3", "A-2", "", "A-3"]) == [1, 3]


def test_a_block_of_keys_is_in_order_past_the_counter_of_one_millisecond():
    # An import's records are found by the range of its keys: the first and the last.
    keys = uuid7_hex_batch(10_000)
    assert keys == sorted(keys) and len(set(keys)) == 10_000
    assert {(UUID(key).version, UUID(key).variant) for key in keys} == {(7, RFC_4122)}
