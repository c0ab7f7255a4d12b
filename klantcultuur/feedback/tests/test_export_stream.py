"""The records export streamed window by window gives what the export gave before, row by row:
the same cells in the same order for every filter, on both databases, around the changes of
summer time, with hidden colleagues' comments, neutralised formulas and records without a team."""

from __future__ import annotations

import csv
import io
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback import exports
from klantcultuur.feedback.analysis import topics_for
from klantcultuur.feedback.exports import RecordExport, stream_csv
from klantcultuur.feedback.models import Feedback
from klantcultuur.feedback.selectors import RecordFilter, filtered_counts, records_query
from klantcultuur.feedback.tests.export_reference import reference_rows
from klantcultuur.feedback.tests.factories import ingest, item

TEXTS = ["Snel geholpen.", "=SOM(A1)", "-nee", "+31 6 1234", "@team", "Lang gewacht.", ""]


def offset_changes(start: datetime, end: datetime) -> list[datetime]:
    """The moments (UTC) between start and end where the local offset changes."""
    found, moment = [], start
    while moment < end:
        following = moment + timedelta(hours=1)
        if timezone.localtime(moment).utcoffset() != timezone.localtime(following).utcoffset():
            found.append(following)
        moment = following
    return found


@pytest.fixture
def varied(world):
    """About 500 records over 400 days: every team, unrouted ones, colleagues, every metric,
    formulas, control characters, unknown topics, and moments around each change of offset."""
    now = timezone.now().replace(second=0, microsecond=0)
    moments = [now - timedelta(minutes=7 * 60 * i + 13 * i) for i in range(1, 1320)]
    for change in offset_changes(now - timedelta(days=400), now):
        moments += [change + timedelta(minutes=m) for m in (-61, -1, 0, 1, 29, 59, 61)]
    codes = ["W-KC-1", "W-KC-2", "", "ONBEKEND"]
    items = []
    for i, moment in enumerate(moments):
        metric = ("nps", "csat", "ces", "")[i % 4]
        score = {"nps": i % 11, "csat": 1 + i % 5, "ces": 1 + i % 7, "": None}[metric]
        items.append(
            item(
                received_at=moment,
                metric=metric,
                score=score,
                team_code=codes[i % len(codes)],
                reason=TEXTS[i % len(TEXTS)],
                suggestion=TEXTS[(i * 3) % len(TEXTS)],
                channel=("telefoon", "=chat", "")[i % 3],
                touchpoint=("Reparatie", "")[i % 2],
                product=("Huur", "-")[i % 2],
                location=("Arnhem", "")[i % 2],
                external_id=f"R{i}" if i % 3 else "",
                customer_ref=f"K{i}" if i % 5 else "",
                contact_consent=i % 4 == 0,
                is_internal=i % 6 == 0,
            )
        )
    ingest(world.org, *items)
    Feedback.objects.filter(external_id="R7").update(reason="\x0b\x08Stuur=\x01 dit")
    Feedback.objects.filter(external_id="R8").update(topics=" wachttijd onbekend-onderwerp ")
    assert Feedback.objects.count() == len(moments)
    return world


def both(world, *, start: date, end: date, show: bool, **filters):
    unit_ids = filters.pop("unit_ids", None)
    records = records_query(
        organization=world.org, unit_ids=unit_ids, flt=RecordFilter(start=start, end=end, **filters)
    )
    names = {"wachttijd": "Wachttijd", "vriendelijkheid": "=Vriendelijkheid"}
    export = RecordExport(
        records,
        organization_id=world.org.id,
        unit_ids=unit_ids,
        start=start,
        end=end,
        topic_names=names,
        show_internal_comments=show,
    )
    return export, list(reference_rows(records, names, show_internal_comments=show))


def table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


@pytest.mark.parametrize("window", [3, 50, exports.WINDOW_ROWS])
@pytest.mark.parametrize("show", [True, False])
def test_the_streamed_csv_is_the_old_export_row_by_row(varied, monkeypatch, window, show):
    monkeypatch.setattr(exports, "WINDOW_ROWS", window)  # many windows, growing and shrinking
    today = timezone.localdate()
    export, old = both(varied, start=today - timedelta(days=400), end=today, show=show)
    old_text = "".join(stream_csv(old))
    new_text = "".join(export.csv())
    old_rows, new_rows = table(old_text), table(new_text)
    assert len(new_rows) == len(old_rows) == Feedback.objects.count() + 1
    for number, (new, expected) in enumerate(zip(new_rows, old_rows, strict=True)):
        assert new == expected, number
    assert new_text == old_text


@pytest.mark.parametrize(
    "filters",
    [
        {"metric": "nps", "band": "negative"},
        {"internal": True},
        {"channel": "telefoon", "label": "improvement"},
        {"topic": "wachttijd"},
        {"unit_ids": "team"},
    ],
)
def test_every_filter_streams_the_rows_the_old_export_gave(varied, filters):
    today = timezone.localdate()
    if filters.get("unit_ids") == "team":
        filters["unit_ids"] = [varied.team.id]
    export, old = both(varied, start=today - timedelta(days=90), end=today, show=False, **filters)
    assert len(old) > 1
    assert "".join(export.csv()) == "".join(stream_csv(old))


def test_the_xlsx_rows_are_the_old_cells(varied):
    today = timezone.localdate()
    export, old = both(varied, start=today - timedelta(days=400), end=today, show=False)
    assert list(export.rows()) == old


def test_the_export_page_streams_what_the_old_export_gave(login, varied):
    client = login(varied.cx_lead)
    response = client.get(reverse("feedback-export") + "?period=365")
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    today = timezone.localdate()
    records = records_query(
        organization=varied.org,
        unit_ids=None,
        flt=RecordFilter(start=today - timedelta(days=364), end=today),
    )
    names = {t.slug: t.name("nl") for t in topics_for(varied.org)}
    flt = RecordFilter(start=today - timedelta(days=364), end=today, internal=True)
    counts = filtered_counts(organization=varied.org, unit_ids=None, flt=flt)
    show = counts.with_comment >= varied.org.min_comment_group_size
    old = "".join(stream_csv(reference_rows(records, names, show_internal_comments=show)))
    assert table(text) == table(old)
    assert len(table(text)) > 400


@pytest.mark.parametrize(
    "zone", ["Europe/Amsterdam", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kathmandu"]
)
def test_the_clock_gives_the_local_time_of_every_minute_around_a_change_of_offset(zone):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    with timezone.override(zone):
        clock = exports.LocalClock()
        changes = offset_changes(now - timedelta(days=400), now) or [now]
        for change in changes:
            for minute in range(-130, 130, 7):
                moment = change + timedelta(minutes=minute, seconds=minute % 60)
                expected = timezone.localtime(moment).strftime("%H:%M")
                assert clock(int(moment.timestamp())) == expected, moment


def test_the_windows_cover_every_day_once_the_first_alone():
    start = date(2026, 1, 1)
    counts = [(start + timedelta(days=d), 10 if d != 40 else 500) for d in range(100)]
    windows = exports.plan_windows(counts, start, start + timedelta(days=99), rows=100)
    assert windows[0] == (start, start)
    days = [w[0] + timedelta(days=i) for w in windows for i in range((w[1] - w[0]).days + 1)]
    assert days == [start + timedelta(days=d) for d in range(100)]
    held = {w: sum(n for d, n in counts if w[0] <= d <= w[1]) for w in windows}
    assert all(n <= 100 or w[0] == w[1] for w, n in held.items())
    assert (start + timedelta(days=40),) * 2 in held
    assert len(windows) <= 1 + 100 * 10 // 100 + 4
    assert exports.plan_windows([], start, start + timedelta(days=9), rows=100) == [
        (start, start),
        (start + timedelta(days=1), start + timedelta(days=9)),
    ]


def test_a_download_broken_off_ends_its_reading_and_leaves_the_connection_usable(varied):
    today = timezone.localdate()
    export, _old = both(varied, start=today - timedelta(days=400), end=today, show=False)
    chunks = export.csv()
    next(chunks)
    next(chunks)
    chunks.close()
    assert not [t for t in threading.enumerate() if t.name == "export-read-ahead"]
    assert Feedback.objects.count() > 400
