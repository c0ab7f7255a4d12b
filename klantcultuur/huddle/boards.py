"""Assemble the boards: a team's dagstart, a department's tier board, the organisation board.

Every board is read with a fixed number of queries whatever the amount of feedback: the
figures come from the feedback roll-up (one query for a team's eight weeks), the signals
from `feedback.selectors.signal_records` for the days that have any, and this app's rows
through `selectors`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from klantcultuur.feedback import selectors as fb
from klantcultuur.feedback.metrics import ZERO, Counts
from klantcultuur.feedback.models import Feedback, FollowUpCase, Label
from klantcultuur.feedback.selectors import CaseCounts
from klantcultuur.huddle import selectors
from klantcultuur.huddle.models import (
    Escalation,
    Goal,
    Huddle,
    ImprovementAction,
    Kpi,
    Period,
    TeamKpi,
)
from klantcultuur.huddle.steering import charts, evaluation, stories
from klantcultuur.huddle.steering.days import Window, lookback, trailing, week_start
from klantcultuur.huddle.steering.evaluation import NO_DATA, Reading
from klantcultuur.orgs.models import Membership, Office, Organization, OrgUnit
from klantcultuur.orgs.tree import UnitTree

FEEDBACK_WEEKS = 8  # the trend of a feedback KPI: eight periods of seven days
DAILY_POINTS = 15  # the trend of a daily hand-entered KPI: its last 15 values
WEEKLY_POINTS = 10
VALUE_HISTORY_DAYS = 80
ESCALATIONS_SHOWN_DAYS = 14  # closed escalations stay on the board this long


def local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


def is_internal(unit: OrgUnit) -> bool:
    """Back-office teams serve colleagues: their board shows their internal customers."""
    return unit.office == Office.BACK


def entry_day(kpi: Kpi, window: Window, day: date) -> date:
    """The period a quick entry on the board is for: the previous working day, or last week."""
    return week_start(day) - timedelta(days=7) if kpi.period == Period.WEEK else window.start


def value_reading(kpi: Kpi, values: list[tuple[date, Decimal]], window: Window, day: date):
    """A hand-entered KPI's figure: the latest value since the previous working day, or the
    value of last week (the week before when it is not in yet)."""
    if kpi.period == Period.WEEK:
        last_week = week_start(day) - timedelta(days=7)
        found = evaluation.latest_value(values, last_week - timedelta(days=7), last_week)
    else:
        found = evaluation.latest_value(values, window.start, window.end)
    if found is None:
        return NO_DATA
    return Reading(float(found[1]), day=found[0])


def feedback_window(kpi: Kpi, window: Window) -> Window:
    """A feedback KPI per day covers the days since the previous working day; per week the
    last seven days."""
    return trailing(window.end, 7) if kpi.period == Period.WEEK else window


def case_reading(kpi: Kpi, cases: CaseCounts | None) -> Reading:
    if cases is None:
        return NO_DATA
    n = cases.overdue if kpi.measure == evaluation.OVERDUE_CASES else cases.open + cases.contacted
    return Reading(float(n))


@dataclass
class Tile:
    team_kpi: TeamKpi
    reading: Reading
    target: Decimal | None
    status: str
    spark: SafeString | str = ""
    entry_day: date | None = None
    entry_value: Decimal | None = None
    figure_window: Window | None = None
    now_only: bool = False  # follow-up case counts exist only for today

    @property
    def kpi(self) -> Kpi:
        return self.team_kpi.kpi


@dataclass
class Signal:
    record: Feedback
    sentences: list


@dataclass
class Signals:
    compliments: list[Signal] = field(default_factory=list)
    improvements: list[Signal] = field(default_factory=list)
    counts: Counts = ZERO
    hidden: bool = False  # colleagues' comments below the anonymity threshold


class _BoardDay:
    """What team and tier boards share: the day shown and that day's dagstart."""

    day: date
    today: date
    huddle: Huddle | None

    @property
    def is_today(self) -> bool:
        return self.day == self.today

    @property
    def attendee_ids(self) -> set[int]:
        return {m.id for m in self.huddle.attendees.all()} if self.huddle else set()


@dataclass
class TeamBoard(_BoardDay):
    unit: OrgUnit
    day: date
    today: date
    window: Window
    internal: bool
    tiles: list[Tile]
    signals: Signals
    story: Signal | None
    suggestion: Signal | None
    huddle: Huddle | None
    members: list[Membership]
    actions: list[ImprovementAction]
    overdue_cases: list[FollowUpCase]
    cases: CaseCounts | None
    escalations: list[Escalation]
    goals: list[Goal]
    can_steer: bool

    @property
    def previous_day(self) -> date:
        return self.day - timedelta(days=1)

    @property
    def next_day(self) -> date | None:
        return self.day + timedelta(days=1) if self.day < self.today else None


def _spark(values: list[float | None], label: str, target, status: str) -> SafeString:
    # The chart escapes every text it draws.
    svg = charts.sparkline(
        values,
        label=label,
        target=float(target) if target is not None else None,
        last_status=status,
    )
    return mark_safe(svg)


def team_tiles(
    team_kpis: list[TeamKpi],
    *,
    organization: Organization,
    window: Window,
    day: date,
    figure_counts: Callable[[Kpi], Counts],
    values: dict[tuple[int, int], list[tuple[date, Decimal]]],
    cases: CaseCounts | None,
    daily: list[tuple[date, Counts]] | None = None,
) -> list[Tile]:
    """A tile per KPI: figure, target, status, the quick entry and (given `daily`) a trend."""
    tiles = []
    for team_kpi in team_kpis:
        kpi = team_kpi.kpi
        target = team_kpi.effective_target
        tile = Tile(team_kpi, NO_DATA, target, "")
        trend: list[float | None] = []
        if kpi.is_case_count:
            tile.reading, tile.now_only = case_reading(kpi, cases), True
        elif kpi.is_feedback:
            tile.figure_window = feedback_window(kpi, window)
            tile.reading = evaluation.reading_from_counts(
                kpi.measure, figure_counts(kpi), organization.min_group_size
            )
            for bucket in evaluation.trailing_buckets(daily or [], window.end, FEEDBACK_WEEKS, 7):
                point = evaluation.reading_from_counts(
                    kpi.measure, bucket, organization.min_group_size
                )
                trend.append(point.value if point.has_value else None)
        else:
            series = values.get((team_kpi.team_id, kpi.id), [])
            tile.reading = value_reading(kpi, series, window, day)
            tile.entry_day = entry_day(kpi, window, day)
            tile.entry_value = next((v for d, v in series if d == tile.entry_day), None)
            points = WEEKLY_POINTS if kpi.period == Period.WEEK else DAILY_POINTS
            trend = [float(v) for d, v in series if d <= window.end]
            trend = trend[-points:]
        if tile.reading.has_value:
            tile.status = evaluation.status(tile.reading.value, target, kpi.higher_is_better)
        if daily is not None and not tile.now_only:
            label = (
                _("%(kpi)s: the last eight weeks") if kpi.is_feedback else _("%(kpi)s: trend")
            ) % {"kpi": kpi.name}
            tile.spark = _spark(trend, label, target, tile.status)
        tiles.append(tile)
    return tiles


def _signals(
    unit: OrgUnit,
    window: Window,
    internal: bool,
    daily: list[tuple[date, Counts]],
    organization: Organization,
) -> Signals:
    counts = evaluation.sum_counts(daily, window.start, window.end)
    out = Signals(counts=counts)
    if internal and counts.with_comment < organization.min_comment_group_size:
        out.hidden = True
        return out
    days = {d for d, c in daily if d in window and (c.compliments or c.improvements)}
    for day in sorted(days):
        for record in fb.signal_records(team=unit, day=day):
            if record.is_internal != internal:
                continue
            sentences = fb.signal_sentences(record)
            praise = [s for s in sentences if s.label == Label.COMPLIMENT]
            points = [s for s in sentences if s.label == Label.IMPROVEMENT]
            if praise:
                out.compliments.append(Signal(record, praise))
            if points:
                out.improvements.append(Signal(record, points))
    return out


def team_board(
    *, unit: OrgUnit, day: date, organization: Organization, can_steer: bool, now=None
) -> TeamBoard:
    """Everything a team's dagstart on `day` shows."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    window = lookback(day)
    internal = is_internal(unit)
    team_kpis = selectors.team_kpis([unit.id])
    daily = fb.daily_counts(
        organization=organization,
        unit_ids=[unit.id],
        start=window.end - timedelta(days=FEEDBACK_WEEKS * 7 - 1),
        end=window.end,
        internal=internal,
    )
    manual = [t.kpi_id for t in team_kpis if not t.kpi.is_feedback]
    values = selectors.kpi_values(
        [unit.id], manual, day - timedelta(days=VALUE_HISTORY_DAYS), day - timedelta(days=1)
    )
    is_today = day == today
    # Follow-up cases are a figure of the moment: only today's board shows them.
    cases = (
        fb.case_counts(organization=organization, unit_ids=[unit.id], now=now) if is_today else None
    )

    def figure_counts(kpi: Kpi) -> Counts:
        span = feedback_window(kpi, window)
        return evaluation.sum_counts(daily, span.start, span.end)

    tiles = team_tiles(
        team_kpis,
        organization=organization,
        window=window,
        day=day,
        figure_counts=figure_counts,
        values=values,
        cases=cases,
        daily=daily,
    )
    signals = _signals(unit, window, internal, daily, organization)
    huddle = Huddle.objects.filter(unit=unit, day=day).prefetch_related("attendees").first()
    story = suggestion = None
    candidates = [
        stories.Candidate(
            s, s.record.metric, s.record.score, [x.text for x in s.sentences], s.record.received_at
        )
        for s in signals.compliments
    ]
    suggestion = stories.suggest(candidates)
    if huddle and huddle.story_id:
        story = next((s for s in signals.compliments if s.record.pk == huddle.story_id), None)
    return TeamBoard(
        unit=unit,
        day=day,
        today=today,
        window=window,
        internal=internal,
        tiles=tiles,
        signals=signals,
        story=story,
        suggestion=suggestion,
        huddle=huddle,
        members=selectors.unit_members(unit),
        actions=list(selectors.open_actions([unit.id])),
        overdue_cases=list(fb.overdue_cases(unit_ids=[unit.id], now=now)[:8]) if is_today else [],
        cases=cases,
        escalations=selectors.escalations_from(
            unit, local_start(day) - timedelta(days=ESCALATIONS_SHOWN_DAYS)
        ),
        goals=selectors.goals_on(unit, day),
        can_steer=can_steer,
    )


# --- Tier boards -------------------------------------------------------------------------
@dataclass
class Cell:
    reading: Reading = NO_DATA
    status: str = ""
    on: int = 0  # hand-entered KPIs of the teams below: how many meet their target
    of: int = 0
    kpi: Kpi | None = None
    internal: bool = False  # `reading` is what colleagues (internal customers) said
    colleagues: Reading | None = None  # beside customers' figure: the back-office teams'


@dataclass
class Row:
    unit: OrgUnit
    is_team: bool
    cells: list[Cell]
    on_target: int
    with_target: int
    open_escalations: int
    open_actions: int
    late_actions: int
    group: str = ""


@dataclass
class TierBoard(_BoardDay):
    unit: OrgUnit | None  # None: the organisation board
    day: date
    today: date
    window: Window
    columns: list[Kpi]
    rows: list[Row]
    escalations: list[Escalation]
    raised: list[Escalation]
    huddle: Huddle | None
    members: list[Membership]
    can_steer: bool


def _rows(
    *,
    organization: Organization,
    tree: UnitTree,
    row_ids: list[int],
    day: date,
    now,
) -> tuple[list[Kpi], list[Row]]:
    """One row per unit: a team's own KPI figures, or a unit's figures over its subtree."""
    window = lookback(day)
    week = trailing(window.end, 7)
    subtree = {unit_id: tree.subtree_ids(unit_id) for unit_id in row_ids}
    all_ids = sorted({i for ids in subtree.values() for i in ids})
    units = OrgUnit.objects.in_bulk(row_ids)
    team_kpis = selectors.team_kpis(all_ids)
    columns: dict[int, Kpi] = {}
    for t in sorted(team_kpis, key=lambda t: (t.kpi.position, t.kpi.name)):
        columns.setdefault(t.kpi_id, t.kpi)
    manual = [k.id for k in columns.values() if not k.is_feedback]
    first = min(window.start, week_start(day) - timedelta(days=14))
    values = selectors.kpi_values(all_ids, manual, first, window.end)
    # One roll-up query per span and kind of customer that the board needs: front-office
    # teams count their customers, back-office teams their colleagues.
    audiences = {
        internal: [i for i in all_ids if (tree.nodes[i].office == Office.BACK) == internal]
        for internal in (False, True)
    }
    spans = {week if k.period == Period.WEEK else window for k in columns.values()}
    per_unit = {
        (internal, span): fb.counts_by_unit(
            organization=organization,
            unit_ids=ids,
            start=span.start,
            end=span.end,
            internal=internal,
        )
        for internal, ids in audiences.items()
        if ids
        for span in spans
    }
    is_today = day == timezone.localdate(now)
    cases = (
        fb.case_counts_by_team(organization=organization, unit_ids=all_ids, now=now)
        if is_today
        else {}
    )
    raised, received = selectors.open_escalation_counts(organization.id)
    actions = selectors.open_actions_by_team(all_ids, day)
    by_team: dict[int, list[TeamKpi]] = {}
    for t in team_kpis:
        by_team.setdefault(t.team_id, []).append(t)

    def span_of(kpi: Kpi) -> Window:
        return week if kpi.period == Period.WEEK else window

    def counts_of(ids: list[int], kpi: Kpi) -> Counts:
        total = ZERO
        for unit_id in ids:
            internal = tree.nodes[unit_id].office == Office.BACK
            total = total + per_unit.get((internal, span_of(kpi)), {}).get(unit_id, ZERO)
        return total

    carried = {(t.team_id, t.kpi_id) for t in team_kpis}

    def feedback_cell(ids: list[int], kpi: Kpi) -> Cell:
        """A KPI over the teams below that follow it, each with its own customers, as on
        its own board: customers and colleagues are never mixed into one figure."""
        teams = [i for i in ids if (i, kpi.id) in carried]
        front = [i for i in teams if tree.nodes[i].office != Office.BACK]
        back = [i for i in teams if tree.nodes[i].office == Office.BACK]
        size = organization.min_group_size
        colleagues = evaluation.reading_from_counts(kpi.measure, counts_of(back, kpi), size)
        if not front:
            return Cell(colleagues, internal=bool(back))
        customers = evaluation.reading_from_counts(kpi.measure, counts_of(front, kpi), size)
        return Cell(customers, colleagues=colleagues if back else None)

    tiles_of = {
        unit_id: {
            tile.kpi.id: tile
            for tile in team_tiles(
                by_team[unit_id],
                organization=organization,
                window=window,
                day=day,
                figure_counts=partial(counts_of, [unit_id]),
                values=values,
                cases=cases.get(unit_id, fb.NO_CASES) if is_today else None,
            )
        }
        for unit_id in all_ids
        if unit_id in by_team
    }
    rows = []
    for unit_id in row_ids:
        ids = subtree[unit_id]
        is_team = len(ids) == 1
        statuses = [tile.status for i in ids for tile in tiles_of.get(i, {}).values()]
        cells = []
        for kpi in columns.values():
            if is_team:
                tile = tiles_of.get(unit_id, {}).get(kpi.id)
                internal = kpi.is_feedback and tree.nodes[unit_id].office == Office.BACK
                cells.append(Cell(tile.reading, tile.status, internal=internal) if tile else Cell())
            elif kpi.is_case_count:
                total = sum(case_reading(kpi, cases.get(i, fb.NO_CASES)).value or 0 for i in ids)
                cells.append(Cell(Reading(total) if is_today else NO_DATA))
            elif kpi.is_feedback:
                cells.append(feedback_cell(ids, kpi))
            else:
                found = [tiles_of[i][kpi.id].status for i in ids if kpi.id in tiles_of.get(i, {})]
                cells.append(Cell(on=found.count("on"), of=sum(1 for s in found if s)))
        for cell, kpi in zip(cells, columns.values(), strict=True):
            cell.kpi = kpi
        rows.append(
            Row(
                unit=units[unit_id],
                is_team=is_team,
                cells=cells,
                on_target=statuses.count("on"),
                with_target=sum(1 for s in statuses if s),
                # A team's row counts what it escalates; a department's what reached it.
                open_escalations=(raised if is_team else received).get(unit_id, 0),
                open_actions=sum(actions.get(i, (0, 0))[0] for i in ids),
                late_actions=sum(actions.get(i, (0, 0))[1] for i in ids),
            )
        )
    return list(columns.values()), rows


def unit_board(
    *, unit: OrgUnit, day: date, organization: Organization, can_steer: bool, now=None
) -> TierBoard:
    """A department's (or division's) board: its units' KPIs and what they escalate to it."""
    now = now or timezone.now()
    tree = UnitTree.for_organization(organization.id, include_archived=False)
    child_ids = tree.children.get(unit.id, [])
    columns, rows = _rows(organization=organization, tree=tree, row_ids=child_ids, day=day, now=now)
    since = local_start(day) - timedelta(days=ESCALATIONS_SHOWN_DAYS)
    return TierBoard(
        unit=unit,
        day=day,
        today=timezone.localdate(now),
        window=lookback(day),
        columns=columns,
        rows=rows,
        escalations=selectors.escalations_to(organization.id, unit.id, since),
        raised=selectors.escalations_from(unit, since),
        huddle=Huddle.objects.filter(unit=unit, day=day).prefetch_related("attendees").first(),
        members=selectors.unit_members(unit),
        can_steer=can_steer,
    )


def organization_board(
    *, organization: Organization, day: date, can_steer: bool, now=None
) -> TierBoard:
    """The organisation's board: every department (a unit with teams below it)."""
    now = now or timezone.now()
    tree = UnitTree.for_organization(organization.id, include_archived=False)
    departments = [
        node.id
        for node, _depth in tree.walk()
        if node.kind != "team"
        and any(tree.nodes[c].kind == "team" for c in tree.children.get(node.id, []))
    ]
    columns, rows = _rows(
        organization=organization, tree=tree, row_ids=departments, day=day, now=now
    )
    for row in rows:
        parent = tree.nodes.get(row.unit.parent_id) if row.unit.parent_id else None
        row.group = parent.name if parent else ""
    since = local_start(day) - timedelta(days=ESCALATIONS_SHOWN_DAYS)
    return TierBoard(
        unit=None,
        day=day,
        today=timezone.localdate(now),
        window=lookback(day),
        columns=[c for c in columns if c.is_feedback],
        rows=_only_feedback(rows, columns),
        escalations=selectors.escalations_to(organization.id, None, since),
        raised=[],
        huddle=None,
        members=[],
        can_steer=can_steer,
    )


def _only_feedback(rows: list[Row], columns: list[Kpi]) -> list[Row]:
    keep = [i for i, kpi in enumerate(columns) if kpi.is_feedback]
    for row in rows:
        row.cells = [row.cells[i] for i in keep]
    return rows
