"""Reads the programme pages (and the dashboard) share.

Maturity phases come from the scan's stored reports through ``scan.selectors.report_gate``
(the gate applies anonymity and who may read which unit); one gate per wave, for the last
``MAX_WAVES`` waves with a finished report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from klantcultuur.lib.jobs import JobStatus
from klantcultuur.orgs.models import Membership, Organization, OrgUnit, UnitKind
from klantcultuur.orgs.roles import Perm, Role
from klantcultuur.programme.models import (
    Component,
    NextStep,
    Position,
    Stakeholder,
    StakeholderAction,
    StepStatus,
    StepTemplate,
    Trait,
)
from klantcultuur.programme.progress import PhasePoint, trend
from klantcultuur.scan.models import Wave
from klantcultuur.scan.reporting.gate import ROOT_KEY
from klantcultuur.scan.selectors import report_gate

MAX_WAVES = 6


@dataclass
class WavePhases:
    wave: Wave
    # unit key ("org" or a unit's uuid) -> (phase number, holding-back component code)
    phases: dict[str, tuple[int, str | None]]


def phases_over_waves(organization: Organization, membership: Membership) -> list[WavePhases]:
    """Phase and holding-back component per visible unit, per wave, oldest wave first."""
    waves = list(
        Wave.objects.filter(organization=organization, report__status=JobStatus.DONE)
        .select_related("questionnaire")
        .order_by("-opens_on", "-created_at")[:MAX_WAVES]
    )
    found: list[WavePhases] = []
    for wave in reversed(waves):
        gate, _report = report_gate(wave, membership)
        if gate is None:
            continue
        phases: dict[str, tuple[int, str | None]] = {}
        for key in gate.visible_keys():
            figure = gate.phase(key)
            if figure:
                phases[key] = (figure.value["number"], figure.value["holding_back"])
        found.append(WavePhases(wave, phases))
    return found


def subtree_keys(organization: Organization, unit: OrgUnit | None) -> set[str]:
    """Report keys of a unit and everything below it (the whole organisation for None)."""
    from klantcultuur.orgs.tree import UnitTree

    if unit is None:
        uuids = OrgUnit.objects.filter(organization=organization).values_list("uuid", flat=True)
        return {ROOT_KEY, *(str(u) for u in uuids)}
    ids = UnitTree.for_organization(organization.id).subtree_ids(unit.id)
    return {str(u) for u in OrgUnit.objects.filter(id__in=ids).values_list("uuid", flat=True)}


def phase_points(history: list[WavePhases], *, own_key: str, keys: set[str]) -> list[PhasePoint]:
    """Chart data: per wave the phases of the units in `keys` (the subject excluded when it
    has units below it) and the subject's own phase."""
    points = []
    for item in history:
        below = [p for key, (p, _c) in item.phases.items() if key in keys and key != own_key]
        own = item.phases.get(own_key)
        phases = tuple(below) if below else ((own[0],) if own else ())
        points.append(PhasePoint(item.wave.name, phases, own[0] if own else None))
    return points


@dataclass
class UnitRow:
    key: str
    name: str
    unit: OrgUnit | None
    phase: int | None
    holding_back: str | None
    trend: str | None
    open_steps: int = 0
    done_steps: int = 0

    @property
    def holding_back_label(self) -> str:
        return (
            str(Component(self.holding_back).label) if self.holding_back in Component.values else ""
        )


def step_counts(organization: Organization) -> dict[int | None, tuple[int, int]]:
    """Open and done steps per unit id (None: the organisation as a whole); one query."""
    rows = (
        NextStep.objects.filter(organization=organization)
        .values("unit_id")
        .annotate(
            open=Count("id", filter=Q(status=StepStatus.OPEN)),
            done=Count("id", filter=Q(status=StepStatus.DONE)),
        )
    )
    return {row["unit_id"]: (row["open"], row["done"]) for row in rows}


def unit_rows(
    organization: Organization, history: list[WavePhases], *, keys: set[str] | None = None
) -> list[UnitRow]:
    """The latest wave's phase, trend and holding-back component per unit, with step counts."""
    if not history:
        return []
    latest = history[-1].phases
    previous = history[-2].phases if len(history) > 1 else {}
    wanted = [k for k in latest if keys is None or k in keys]
    units = {
        str(u.uuid): u
        for u in OrgUnit.objects.filter(
            organization=organization, uuid__in=[k for k in wanted if k != ROOT_KEY]
        )
    }
    counts = step_counts(organization)
    rows = []
    for key in wanted:
        unit = units.get(key)
        if key != ROOT_KEY and unit is None:
            continue
        number, component = latest[key]
        before = previous.get(key)
        open_, done = counts.get(unit.id if unit else None, (0, 0))
        rows.append(
            UnitRow(
                key,
                unit.name if unit else organization.name,
                unit,
                number,
                component,
                trend(before[0] if before else None, number),
                open_,
                done,
            )
        )
    return rows


def steps_of(
    organization: Organization,
    *,
    unit_ids: set[int] | frozenset[int] | None = None,
    status: str | None = None,
    organisation_wide: bool = True,
) -> QuerySet[NextStep]:
    """Steps with owner and unit, optionally for some units (and the organisation's own)."""
    found = NextStep.objects.filter(organization=organization).select_related("owner__user", "unit")
    if unit_ids is not None:
        scope = Q(unit_id__in=unit_ids)
        if organisation_wide:
            scope |= Q(unit__isnull=True)
        found = found.filter(scope)
    if status:
        found = found.filter(status=status)
    return found.order_by("status", "due_on", "id")


def catalogue(organization: Organization, *, component: str | None = None) -> list[StepTemplate]:
    found = StepTemplate.objects.filter(organization=organization, archived_at__isnull=True)
    if component:
        found = found.filter(component=component)
    return list(found.order_by("component", "position", "title"))


def possible_owners(organization: Organization, *, also: int | None = None) -> QuerySet[Membership]:
    """People who can own a step: everyone who leads or steers (not every employee: an
    organisation of 20,000 would make an unusable list)."""
    leading = Q(role__in=[Role.ADMIN, Role.BOARD, Role.CX_LEAD, Role.HR, Role.MANAGER])
    leading |= Q(managed_units__isnull=False)
    if also is not None:
        leading |= Q(id=also)  # the current owner, whoever it is
    return (
        Membership.objects.active()
        .filter(leading, organization=organization)
        .select_related("user")
        .distinct()
        .order_by("user__first_name", "user__last_name")
    )


def can_take_for(membership: Membership, unit: OrgUnit | None) -> bool:
    """Board and CX lead take steps for every unit; a manager for the units they manage."""
    if membership.has_perm(Perm.MANAGE_PROGRAMME):
        return True
    if unit is None or not membership.managed_unit_ids:
        return False
    from klantcultuur.orgs.tree import UnitTree

    tree = UnitTree.for_organization(membership.organization_id)
    return any(unit.id in tree.subtree_ids(m) for m in membership.managed_unit_ids)


# --- The programme dashboard -----------------------------------------------------------
@dataclass
class VisionFigures:
    version: object | None = None
    carries_pct: int | None = None
    asked: int = 0
    pending: int = 0
    recall: object | None = None  # the latest recall check
    recall_total: object | None = None  # its RecallFigure for the whole organisation
    observed_recent: int = 0  # observations in the last 28 days
    observed_before: int = 0  # in the 28 days before


@dataclass(frozen=True)
class RecallTotal:
    n: int
    shown: bool
    share_three: int | None = None  # % naming at least three promises
    share_understand: int | None = None  # % saying they know them (4 or 5 of 5)


def vision_figures(organization: Organization, *, today: date) -> VisionFigures:
    """Endorsement, recall and observed behaviours from the vision app: whole-organisation
    totals only, each one aggregate query (the vision's own pages break them down)."""
    from klantcultuur.vision import selectors as vision
    from klantcultuur.vision.models import Endorsement, Observation, RecallAnswer, RecallCheck

    found = VisionFigures()
    recent, before = today - timedelta(days=27), today - timedelta(days=55)
    counts = Observation.objects.filter(
        organization=organization, day__gte=before, day__lte=today
    ).aggregate(
        recent=Count("id", filter=Q(day__gte=recent)),
        before=Count("id", filter=Q(day__lt=recent)),
    )
    found.observed_recent, found.observed_before = counts["recent"], counts["before"]
    version = vision.published_version(organization)
    if version is None:
        return found
    found.version = version
    tally = Endorsement.objects.filter(version=version).aggregate(
        asked=Count("id"),
        carries=Count("id", filter=Q(status__in=("endorsed", "remark"))),
        pending=Count("id", filter=Q(status="pending")),
    )
    found.asked, found.pending = tally["asked"], tally["pending"]
    # The same rounding as the draagvlak page (vision.selectors.Tally.carries_pct).
    found.carries_pct = round(100 * tally["carries"] / tally["asked"]) if tally["asked"] else None
    recall = (
        RecallCheck.objects.filter(organization=organization, version=version, opens_on__lte=today)
        .order_by("-opens_on", "-id")
        .first()
    )
    if recall is not None:
        found.recall = recall
        agg = RecallAnswer.objects.filter(recall=recall).aggregate(
            n=Count("id"),
            three=Count("id", filter=Q(named__gte=3)),
            understand=Count("id", filter=Q(understanding__gte=4)),
        )
        n = agg["n"]
        # The whole organisation is the top group: only its own size can hide it.
        if n and n >= organization.min_group_size:
            found.recall_total = RecallTotal(
                n, True, round(100 * agg["three"] / n), round(100 * agg["understand"] / n)
            )
        else:
            found.recall_total = RecallTotal(n, False)
    return found


@dataclass
class PhaseMatrixRow:
    key: str
    name: str
    depth: int
    unit: OrgUnit | None
    phases: list[int | None]


def phase_matrix(organization: Organization, history: list[WavePhases]) -> list[PhaseMatrixRow]:
    """The organisation, its divisions and departments: phase per wave (one query)."""
    units = list(
        OrgUnit.objects.filter(
            organization=organization,
            kind__in=(UnitKind.DIVISION, UnitKind.DEPARTMENT),
            archived_at__isnull=True,
        )
    )
    # Divisions first, then departments, each by name: how a board reads its organisation.
    units.sort(key=lambda u: (u.kind != UnitKind.DIVISION, u.name))
    rows = [
        PhaseMatrixRow(
            ROOT_KEY,
            organization.name,
            0,
            None,
            [h.phases.get(ROOT_KEY, (None,))[0] for h in history],
        )
    ]
    for unit in units:
        key = str(unit.uuid)
        phases = [h.phases.get(key, (None,))[0] for h in history]
        if any(p is not None for p in phases):
            depth = 1 if unit.kind == UnitKind.DIVISION else 2
            rows.append(PhaseMatrixRow(key, unit.name, depth, unit, phases))
    return rows


def step_totals(organization: Organization, *, today: date) -> dict[str, int]:
    """Open, overdue and done steps of the organisation (one query)."""
    return NextStep.objects.filter(organization=organization).aggregate(
        open=Count("id", filter=Q(status=StepStatus.OPEN)),
        overdue=Count("id", filter=Q(status=StepStatus.OPEN, due_on__lt=today)),
        done=Count("id", filter=Q(status=StepStatus.DONE)),
    )


# --- Ambassadors -----------------------------------------------------------------------
RESISTER_SHARE = 0.25  # above the 20% the method expects: "many resisters"


@dataclass
class NetworkRow:
    ambassador: object
    observations: int = 0  # observations they recorded (last 90 days)
    actions: int = 0  # improvement actions they started (last 90 days)


@dataclass
class Network:
    rows: list[NetworkRow]
    proposed: list[object]
    teams: int
    covered: int
    uncovered: list[OrgUnit]
    n_uncovered: int
    resisting: list[tuple[OrgUnit, int, bool]]  # unit, % resisters, has an ambassador
    hours: int

    @property
    def coverage_pct(self) -> int | None:
        return round(100 * self.covered / self.teams) if self.teams else None


def ambassador_network(
    organization: Organization, membership: Membership, *, today: date, list_limit: int = 60
) -> Network:
    """Confirmed and proposed ambassadors, what they did, coverage of the teams, and the teams
    where the latest scan shows many resisters. Fixed queries."""
    from klantcultuur.huddle.models import ImprovementAction
    from klantcultuur.programme.models import Ambassador, AmbassadorStatus
    from klantcultuur.vision.models import Observation

    running = list(
        Ambassador.objects.filter(organization=organization)
        .exclude(status=AmbassadorStatus.ENDED)
        .select_related("membership__user", "unit")
        .order_by("unit__name", "membership__user__first_name")
    )
    confirmed = [a for a in running if a.status == AmbassadorStatus.CONFIRMED]
    people = {a.membership_id for a in confirmed}
    since = today - timedelta(days=90)
    observed = dict(
        Observation.objects.filter(
            organization=organization, observer_id__in=people, day__gte=since
        )
        .values("observer_id")
        .annotate(n=Count("id"))
        .values_list("observer_id", "n")
    )
    started = dict(
        ImprovementAction.objects.filter(
            organization=organization, created_by_id__in=people, created_at__date__gte=since
        )
        .values("created_by_id")
        .annotate(n=Count("id"))
        .values_list("created_by_id", "n")
    )
    rows = [
        NetworkRow(a, observed.get(a.membership_id, 0), started.get(a.membership_id, 0))
        for a in confirmed
    ]
    covered_ids = {a.unit_id for a in confirmed}
    teams = OrgUnit.objects.filter(
        organization=organization, kind=UnitKind.TEAM, archived_at__isnull=True
    )
    team_ids = set(teams.values_list("id", flat=True))
    uncovered_qs = teams.exclude(id__in=covered_ids).order_by("name")
    n_uncovered = uncovered_qs.count()
    resisting: list[tuple[OrgUnit, int, bool]] = []
    wave = (
        Wave.objects.filter(organization=organization, report__status=JobStatus.DONE)
        .order_by("-opens_on", "-created_at")
        .first()
    )
    if wave is not None:
        gate, _report = report_gate(wave, membership)
        if gate is not None:
            by_key = {str(t.uuid): t for t in teams}
            for key in gate.visible_keys():
                team = by_key.get(key)
                if team is None:
                    continue
                figure = gate.stance(key)
                if figure and figure.value[2] >= RESISTER_SHARE:
                    resisting.append((team, round(100 * figure.value[2]), team.id in covered_ids))
            resisting.sort(key=lambda r: (-r[1], r[0].name))
    return Network(
        rows,
        [a for a in running if a.status == AmbassadorStatus.PROPOSED],
        len(team_ids),
        len(covered_ids & team_ids),
        list(uncovered_qs[:list_limit]),
        n_uncovered,
        resisting,
        sum(a.hours_per_month or 0 for a in confirmed),
    )


def ambassadors_to_confirm(membership: Membership) -> list[object]:
    """Proposals waiting for this manager (units they manage, and below)."""
    from klantcultuur.orgs.tree import UnitTree
    from klantcultuur.programme.models import Ambassador, AmbassadorStatus

    if not membership.managed_unit_ids:
        return []
    tree = UnitTree.for_organization(membership.organization_id)
    ids = {u for m in membership.managed_unit_ids for u in tree.subtree_ids(m)}
    return list(
        Ambassador.objects.filter(status=AmbassadorStatus.PROPOSED, unit_id__in=ids)
        .select_related("membership__user", "unit")
        .order_by("created_at")
    )


def ambassador_coverage(organization: Organization) -> tuple[int, int]:
    """(teams with a confirmed ambassador, active teams): two queries."""
    from klantcultuur.programme.models import Ambassador, AmbassadorStatus

    teams = OrgUnit.objects.filter(
        organization=organization, kind=UnitKind.TEAM, archived_at__isnull=True
    )
    covered = Ambassador.objects.filter(
        organization=organization,
        status=AmbassadorStatus.CONFIRMED,
        unit__kind=UnitKind.TEAM,
        unit__archived_at__isnull=True,
    ).aggregate(n=Count("unit_id", distinct=True))["n"]
    return covered, teams.count()


# --- Quick wins ------------------------------------------------------------------------
@dataclass
class QuickWin:
    action: object
    check: object | None  # the latest effect check (huddle.effect), if any
    words: str  # the customer's words behind it (the feedback it came from)


def quick_wins(
    organization: Organization, *, unit_ids: set[int] | None, limit: int = 60
) -> list[QuickWin]:
    """Quick wins, newest first, each with its latest effect check (three queries)."""
    from django.db.models import Prefetch

    from klantcultuur.huddle.models import EffectCheck, ImprovementAction

    found = ImprovementAction.objects.filter(organization=organization, is_quick_win=True)
    if unit_ids is not None:
        found = found.filter(team_id__in=unit_ids)
    found = (
        found.select_related("team", "owner__user", "feedback", "kpi")
        .prefetch_related(
            Prefetch(
                "checks",
                queryset=EffectCheck.objects.select_related("kpi").order_by("-checked_at", "-id"),
            )
        )
        .order_by("-created_at")[:limit]
    )
    wins = []
    for action in found:
        checks = list(action.checks.all())
        feedback = action.feedback
        words = ""
        if feedback is not None:
            words = (feedback.reason or feedback.suggestion or "").strip()
        wins.append(QuickWin(action, checks[0] if checks else None, words))
    return wins


def quick_win_totals(organization: Organization) -> dict[str, int]:
    """Quick wins and how many of them show a measured improvement (one query)."""
    from django.db.models import Exists, OuterRef

    from klantcultuur.huddle.models import EffectCheck, ImprovementAction

    improved = EffectCheck.objects.filter(action=OuterRef("pk"), verdict="improved")
    return ImprovementAction.objects.filter(organization=organization, is_quick_win=True).aggregate(
        total=Count("id"), improved=Count("id", filter=Exists(improved))
    )


# --- The interest analysis -------------------------------------------------------------
@dataclass
class StakeholderView:
    stakeholder: Stakeholder
    positions: list[Position]  # oldest first
    actions: list[StakeholderAction]

    @property
    def latest(self):
        return self.positions[-1] if self.positions else None

    @property
    def previous(self):
        return self.positions[-2] if len(self.positions) > 1 else None


@dataclass
class TraitView:
    trait: Trait
    stakeholders: list[StakeholderView]


def interest_analysis(organization: Organization) -> list[TraitView]:
    """Traits in force with their stakeholders, dated positions and actions (four queries)."""
    from django.db.models import Prefetch

    traits = list(
        Trait.objects.filter(organization=organization, archived_at__isnull=True).prefetch_related(
            Prefetch(
                "stakeholders",
                queryset=Stakeholder.objects.filter(archived_at__isnull=True).prefetch_related(
                    Prefetch("positions", queryset=Position.objects.order_by("measured_on", "id")),
                    Prefetch(
                        "actions",
                        queryset=StakeholderAction.objects.select_related("owner__user"),
                    ),
                ),
            )
        )
    )
    return [
        TraitView(
            t,
            [
                StakeholderView(s, list(s.positions.all()), list(s.actions.all()))
                for s in t.stakeholders.all()
            ],
        )
        for t in traits
    ]


def weakest_statements(
    organization: Organization, membership: Membership, *, limit: int = 5
) -> tuple[Wave | None, list[dict]]:
    """The latest scan's lowest-scored culture statements for the whole organisation (shown
    ones only, through the report gate), as candidates for a trait."""
    from klantcultuur.scan.reporting.pages import extremes

    wave = (
        Wave.objects.filter(organization=organization, report__status=JobStatus.DONE)
        .order_by("-opens_on", "-created_at")
        .first()
    )
    if wave is None:
        return None, []
    gate, _report = report_gate(wave, membership, summary_only=True)
    if gate is None:
        return wave, []
    _best, worst = extremes(gate, ROOT_KEY)
    return wave, worst[:limit]


# --- Leaders on the floor --------------------------------------------------------------
def quarter_of(day: date) -> tuple[date, date]:
    """First and last day of the calendar quarter holding `day`."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end_month = first_month + 3
    end = (
        date(day.year + 1, 1, 1) if end_month > 12 else date(day.year, end_month, 1)
    ) - timedelta(days=1)
    return start, end


def may_visit(membership: Membership) -> bool:
    """Leaders: who leads a unit, and the board, CX lead and administrator."""
    return bool(membership.managed_unit_ids) or membership.has_perm(Perm.MANAGE_PROGRAMME)


@dataclass
class FloorView:
    """The team's pulse next to the leader's own guess, behind the anonymity gate."""

    n: int  # pulse answers
    shown: bool
    reason: str | None
    noticed_pct: int | None = None  # % "yes, clearly" or "a little"
    clearly_pct: int | None = None
    self_n: int = 0  # visits with the leader's own guess
    self_noticed_pct: int | None = None  # % of visits the leader thinks were noticed


@dataclass
class LeaderRow:
    leader: Membership
    planned: int
    done: int
    teams: int  # distinct teams visited
    floor: FloorView


@dataclass
class Coverage:
    start: date
    end: date
    rows: list[LeaderRow]
    total: FloorView
    teams: int
    visited: int
    unvisited: list[OrgUnit]
    n_unvisited: int

    @property
    def visited_pct(self) -> int | None:
        return round(100 * self.visited / self.teams) if self.teams else None


def _floor_views(
    organization: Organization, tallies: dict[object, list[int]]
) -> dict[object, FloorView]:
    """Per leader (and "org" for all of them): the pulse behind the scan's anonymity rules,
    primary and complementary suppression (the organisation minus shown leaders must not
    reveal a smaller group)."""
    from klantcultuur.scan.anonymity import Policy, decide

    policy = Policy(
        min_group=organization.min_group_size,
        min_comments=max(organization.min_comment_group_size, organization.min_group_size),
    )
    leaders = [k for k in tallies if k != "org"]
    keys = ["org", *leaders]
    direct = {k: [tallies[k][0]] for k in leaders}
    decided = decide(
        keys,
        [None, *["org"] * len(leaders)],
        direct,
        roles=("all",),
        requested=[(k, None) for k in keys],
        policy=policy,
    )
    views = {}
    for key in keys:
        n, clearly, little, self_n, self_yes = tallies.get(key, [0, 0, 0, 0, 0])
        decision = decided.get(key, None)
        view = FloorView(n, decision.shown, decision.reason, self_n=self_n)
        if decision.shown and n:
            view.noticed_pct = round(100 * (clearly + little) / n)
            view.clearly_pct = round(100 * clearly / n)
        if self_n:
            view.self_noticed_pct = round(100 * self_yes / self_n)
        views[key] = view
    return views


def visit_coverage(
    organization: Organization,
    *,
    day: date,
    list_limit: int = 60,
    leader_ids=None,
    today: date | None = None,
) -> Coverage:
    """Per leader for the quarter of `day`: visits planned and done, teams visited, and the
    floor's pulse next to the leader's own view; the teams no leader visited. Fixed queries.

    A visit's pulse counts once it has closed (`PULSE_DAYS` after the visit was logged):
    a figure that moved with every single answer would tell the leader what that one
    colleague said, however many answers it holds."""
    from django.db.models import Sum

    from klantcultuur.programme.models import Noticed, Visit, VisitStatus
    from klantcultuur.programme.services.visits import PULSE_DAYS

    today = today or timezone.localdate()
    closed = Q(logged_at__date__lt=today - timedelta(days=PULSE_DAYS))
    start, end = quarter_of(day)
    visits = Visit.objects.filter(
        organization=organization, planned_on__gte=start, planned_on__lte=end
    ).exclude(status=VisitStatus.CANCELLED)
    rows = (
        visits.values("leader_id")
        .annotate(
            planned=Count("id", filter=Q(status=VisitStatus.PLANNED)),
            done=Count("id", filter=Q(status=VisitStatus.DONE)),
            teams=Count("unit_id", filter=Q(status=VisitStatus.DONE), distinct=True),
            clearly=Sum("pulse_clearly", filter=closed),
            little=Sum("pulse_a_little", filter=closed),
            nothing=Sum("pulse_nothing", filter=closed),
            self_n=Count("id", filter=Q(self_noticed__isnull=False)),
            self_yes=Count("id", filter=Q(self_noticed__gte=Noticed.A_LITTLE)),
        )
        .order_by()
    )
    tallies: dict[object, list[int]] = {"org": [0, 0, 0, 0, 0]}
    counts = {}
    for r in rows:
        n = (r["clearly"] or 0) + (r["little"] or 0) + (r["nothing"] or 0)
        tally = [n, r["clearly"] or 0, r["little"] or 0, r["self_n"], r["self_yes"]]
        tallies[r["leader_id"]] = tally
        tallies["org"] = [a + b for a, b in zip(tallies["org"], tally, strict=True)]
        counts[r["leader_id"]] = (r["planned"], r["done"], r["teams"])
    views = _floor_views(organization, tallies)
    wanted = [k for k in counts if leader_ids is None or k in leader_ids]
    people = {
        m.id: m for m in Membership.objects.filter(id__in=wanted).select_related("user", "unit")
    }
    leader_rows = [LeaderRow(people[k], *counts[k], views[k]) for k in wanted if k in people]
    leader_rows.sort(key=lambda r: (r.leader.user.get_full_name() or r.leader.user.email).lower())
    teams = OrgUnit.objects.filter(
        organization=organization, kind=UnitKind.TEAM, archived_at__isnull=True
    )
    done_units = visits.filter(status=VisitStatus.DONE).values("unit_id")
    unvisited = teams.exclude(id__in=done_units).order_by("name")
    n_teams = teams.count()
    n_unvisited = unvisited.count()
    return Coverage(
        start,
        end,
        leader_rows,
        views["org"],
        n_teams,
        n_teams - n_unvisited,
        list(unvisited[:list_limit]) if list_limit else [],
        n_unvisited,
    )


def visits_of(membership: Membership) -> QuerySet:
    from klantcultuur.programme.models import Visit

    return (
        Visit.objects.filter(leader=membership)
        .select_related("unit", "action")
        .order_by("-planned_on", "-id")
    )


def open_pulses(membership: Membership, *, today: date) -> list:
    """Visits to this member's team they can still answer the pulse of (two queries)."""
    from klantcultuur.programme.models import PulseParticipation, Visit, VisitStatus
    from klantcultuur.programme.services.visits import PULSE_DAYS

    if not membership.unit_id:
        return []
    answered = PulseParticipation.objects.filter(membership=membership).values("visit_id")
    return list(
        Visit.objects.filter(
            unit_id=membership.unit_id,
            status=VisitStatus.DONE,
            logged_at__date__gte=today - timedelta(days=PULSE_DAYS),
        )
        .exclude(leader=membership)
        .exclude(id__in=answered)
        .select_related("leader__user")
        .order_by("-logged_at")[:5]
    )


# --- The programme's block on a team's dagstart board ----------------------------------
SHARED_DAYS = 60
VISIT_NEWS_DAYS = 14


@dataclass
class BoardNews:
    wins: list  # SharedWin with the action, its team and its latest effect check
    checks: dict  # action id -> latest EffectCheck
    visits: list  # visits whose feedback is for this team
    pulses: list  # visits this member may still answer the pulse of

    def __bool__(self) -> bool:
        return bool(self.wins or self.visits or self.pulses)


def board_news(unit: OrgUnit, membership: Membership, *, today: date) -> BoardNews:
    """What the programme puts on a team's board: quick wins other teams shared with it,
    leaders' feedback after a visit, and the pulse to answer. Fixed queries."""
    from klantcultuur.huddle.models import EffectCheck
    from klantcultuur.programme.models import SharedWin, Visit, VisitOutcome, VisitStatus

    wins = list(
        SharedWin.objects.filter(
            unit=unit,
            hidden_at__isnull=True,
            shared_at__date__gte=today - timedelta(days=SHARED_DAYS),
        )
        .select_related("action__team", "action__feedback", "shared_by__user")
        .order_by("-shared_at")[:3]
    )
    checks: dict = {}
    if wins:
        for check in EffectCheck.objects.filter(action_id__in=[w.action_id for w in wins]).order_by(
            "action_id", "-checked_at", "-id"
        ):
            checks.setdefault(check.action_id, check)
    visits = list(
        Visit.objects.filter(
            unit=unit,
            status=VisitStatus.DONE,
            outcome=VisitOutcome.FEEDBACK,
            logged_at__date__gte=today - timedelta(days=VISIT_NEWS_DAYS),
        )
        .select_related("leader__user")
        .order_by("-logged_at")[:2]
    )
    pulses = open_pulses(membership, today=today) if membership.unit_id == unit.id else []
    return BoardNews(wins, checks, visits, pulses)
