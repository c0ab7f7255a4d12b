"""The daily roll-up always agrees with the records, whatever writes them."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from klantcultuur.feedback import rollup, selectors
from klantcultuur.feedback.models import DailyTeamStats, Feedback, RoutingRule
from klantcultuur.feedback.services.records import feedback_assign_team, reroute_unrouted
from klantcultuur.feedback.tests.factories import ingest, item

AMS = ZoneInfo("Europe/Amsterdam")


def test_records_of_the_same_team_and_day_add_up_in_one_row(world):
    moment = datetime(2025, 3, 4, 10, 0, tzinfo=AMS)
    ingest(
        world.org,
        item(received_at=moment, score=10, team_code="W-KC-1"),
        item(received_at=moment, score=3, team_code="W-KC-1"),
        item(received_at=moment, metric="csat", score=4, team_code="W-KC-1"),
    )
    row = DailyTeamStats.objects.get(team=world.team)
    assert (row.records, row.nps_promoters, row.nps_detractors, row.csat_n, row.csat_top2) == (
        3, 1, 1, 1, 1,
    )  # fmt: skip
    assert rollup.differences(world.org.id) == []


def test_the_day_is_the_local_calendar_day(world):
    # 23:30 UTC on 4 March is already 5 March in Amsterdam.
    ingest(world.org, item(received_at=datetime(2025, 3, 4, 23, 30, tzinfo=ZoneInfo("UTC"))))
    assert Feedback.objects.get().day.isoformat() == "2025-03-05"


def test_unrouted_records_have_their_own_row_and_move_with_their_team(world):
    ingest(world.org, item(channel="Telefoon"), item(channel="Telefoon", score=2))
    assert DailyTeamStats.objects.get().team is None
    RoutingRule.objects.create(
        organization=world.org, field="channel", value="telefoon", team=world.team
    )
    assert reroute_unrouted(organization=world.org) == 2
    assert rollup.differences(world.org.id) == []
    assert DailyTeamStats.objects.filter(team__isnull=True, records__gt=0).count() == 0
    feedback_assign_team(records=list(Feedback.objects.all()[:1]), team=world.back_team)
    assert rollup.differences(world.org.id) == []


def test_rebuild_recreates_the_same_rows(world):
    now = datetime(2025, 5, 1, 12, tzinfo=AMS)
    ingest(
        world.org,
        *[
            item(received_at=now - timedelta(days=d), score=d % 11, team_code="W-KC-1")
            for d in range(30)
        ],
    )
    before = rollup.stored_counts(world.org.id)
    DailyTeamStats.objects.filter(organization=world.org).update(records=0)
    assert rollup.differences(world.org.id)
    rollup.rebuild(world.org.id)
    assert rollup.stored_counts(world.org.id) == before


def test_selectors_sum_the_roll_up_per_period(world):
    base = datetime(2025, 1, 6, 9, tzinfo=AMS)  # a Monday
    ingest(
        world.org,
        *[
            item(received_at=base + timedelta(days=d), score=9, team_code="W-KC-1")
            for d in range(14)
        ],
    )
    weeks = selectors.period_counts(
        organization=world.org, unit_ids=[world.team.id], start=base.date(),
        end=base.date() + timedelta(days=13), grain="week",
    )  # fmt: skip
    assert [p.counts.nps_promoters for p in weeks] == [7, 7]
    total = selectors.counts(
        organization=world.org, start=base.date(), end=base.date() + timedelta(days=13)
    )
    assert total.records == 14
