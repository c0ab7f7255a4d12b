"""The import's fast path gives exactly the records the shared validation gives."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
        headers=HEADERS, columns=COLUMNS, defaults={"metric": "nps", **defaults}, router=router,
        zone=AMS, local_zone=AMS, now=NOW,
    )  # fmt: skip


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


def slow(conv: RowConverter, row) -> tuple | list[str]:
    try:
        return conv._slow(row)[1:]
    except RowRefused as exc:
        return exc.errors


@settings(max_examples=600, deadline=None)
@given(cells)
def test_the_fast_path_agrees_with_the_shared_validation(row):
    fast = converter()._fast(list(row))
    if fast is not None:  # the fast path only decides rows it is sure of
        # A converter of its own: a second row of the same content would be numbered.
        assert fast[1:] == slow(converter(), list(row))


def test_plain_rows_take_the_fast_path_and_get_routed():
    conv = converter()
    row = conv._fast(["03-02-2025 14:05", "", "9", "Top", "", "Telefoon", "", "R_9", "", "ja", ""])
    assert row is not None
    assert row[1] == 7  # the channel rule
    assert row[3].isoformat() == "2025-02-03"
    row = conv._fast(["03-02-2025 14:05", "", "9", "Top", "", "Telefoon", "w-kc-a", "", "", "", ""])
    assert row[1] == 3  # the team code wins over the rule
    coded = RowConverter(
        headers=HEADERS, columns=COLUMNS, defaults={"metric": "nps"}, zone=AMS, local_zone=AMS,
        now=NOW, router=build_router([("team_code", "KCC 01", 5)], {"W-KC-A": 3}, True),
    )  # fmt: skip
    row = coded._fast(["03-02-2025 14:05", "", "9", "Top", "", "", "kcc 01", "", "", "", ""])
    assert row[1] == 5  # a rule on the team code: another system's code for the team
    assert row[14]  # without external id the content hash is kept


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
    false_alarms = sum(seen.add(i) for i in ids)
    assert all(seen.add(i) for i in ids[::997])
    assert false_alarms < 1000  # a few in a thousand at this size, checked exactly later
