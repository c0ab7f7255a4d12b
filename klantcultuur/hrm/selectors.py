"""Reads the HR pages share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from klantcultuur.feedback.models import Feedback
from klantcultuur.hrm import steps
from klantcultuur.hrm.models import HrDocument, OnboardingPath, Process, RoomToDecide
from klantcultuur.huddle.models import Huddle
from klantcultuur.lib.jobs import JobStatus
from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.orgs.roles import Perm, Role
from klantcultuur.scan.models import Wave
from klantcultuur.scan.reporting.gate import ROOT_KEY, Figure, ReportGate
from klantcultuur.scan.reporting.labels import item_texts, scale_names
from klantcultuur.scan.selectors import report_gate

MAX_WAVES = 6


def latest_per_process(organization: Organization) -> list[tuple[str, str, HrDocument | None, int]]:
    """(process, label, its latest document, number of documents) for every process (1 query)."""
    latest: dict[str, HrDocument] = {}
    counts: dict[str, int] = {}
    for document in HrDocument.objects.filter(organization=organization).defer("text"):
        latest.setdefault(document.process, document)
        counts[document.process] = counts.get(document.process, 0) + 1
    return [
        (value, str(label), latest.get(value), counts.get(value, 0))
        for value, label in Process.choices
    ]


def history(organization: Organization, process: str):
    return HrDocument.objects.filter(organization=organization, process=process).defer("text")


# --- what HR says against what employees see, per process over time ------------------------
@dataclass
class Seen:
    """One scan statement as employees answered it in a wave (through the scan's gate)."""

    code: str
    text: str
    reverse: bool
    figure: Figure


@dataclass
class AlignmentPoint:
    wave: Wave
    said: steps.Said | None  # HR's document in force when the wave closed
    seen: list[Seen]

    @property
    def experienced(self) -> float | None:
        """The mean of the process's statements that passed the gate (1-5)."""
        means = [s.figure.value["mean"] for s in self.seen if s.figure]
        return round(sum(means) / len(means), 2) if means else None

    @property
    def gap(self) -> float | None:
        return steps.gap(self.said.rating if self.said else None, self.experienced)

    @property
    def notable(self) -> bool:
        return self.gap is not None and abs(self.gap) >= steps.GAP_NOTABLE


@dataclass
class ProcessAlignment:
    process: str
    label: str
    now: steps.Said | None
    points: list[AlignmentPoint] = field(default_factory=list)


@dataclass
class ScalePoint:
    wave: Wave
    figure: Figure | None  # None: the wave's questionnaire has no such scale


@dataclass
class Alignment:
    processes: list[ProcessAlignment]
    scale: list[ScalePoint]
    scale_name: str
    waves: int


def _waves_with_reports(organization: Organization, membership: Membership):
    """(wave, gate) of the last MAX_WAVES waves with a finished report, oldest first."""
    waves = list(
        Wave.objects.filter(organization=organization, report__status=JobStatus.DONE)
        .select_related("questionnaire")
        .order_by("-closes_on", "-created_at")[:MAX_WAVES]
    )
    found: list[tuple[Wave, ReportGate]] = []
    for wave in reversed(waves):
        gate, _report = report_gate(wave, membership)
        if gate is not None and gate.can_see(ROOT_KEY):
            found.append((wave, gate))
    return found


def _said_history(organization: Organization) -> dict[str, list[steps.Said]]:
    said: dict[str, list[steps.Said]] = defaultdict(list)
    rows = HrDocument.objects.filter(organization=organization).values_list(
        "process", "created_at", "promises_present", "promises_total", "rating"
    )
    for process, created_at, present, total, rating in rows:
        said[process].append(steps.Said(timezone.localdate(created_at), present, total, rating))
    return said


def alignment(organization: Organization, membership: Membership) -> Alignment:
    """Per HR process: what HR has (coverage of the promises, HR's rating) at each scan wave,
    beside what employees answered on the scan's statements about that process. Employees'
    figures pass the scan's anonymity gate for the whole organisation."""
    said = _said_history(organization)
    waves = _waves_with_reports(organization, membership)
    processes = []
    for value, label in Process.choices:
        history = said.get(value, [])
        item = ProcessAlignment(value, str(label), steps.as_of(history, timezone.localdate()))
        for wave, gate in waves:
            texts = item_texts(gate.questionnaire)
            reverse = {i["code"]: bool(i.get("reverse")) for i in gate.questionnaire["items"]}
            seen = [
                Seen(
                    code, texts.get(code, code), reverse.get(code, False), gate.item(ROOT_KEY, code)
                )
                for code in steps.PROCESS_ITEMS[value]
                if code in gate.item_codes
            ]
            item.points.append(AlignmentPoint(wave, steps.as_of(history, wave.closes_on), seen))
        processes.append(item)
    scale = [
        ScalePoint(
            wave,
            gate.scale(ROOT_KEY, steps.HRM_SCALE) if steps.HRM_SCALE in gate.scale_codes else None,
        )
        for wave, gate in waves
    ]
    name = scale_names(waves[-1][1].questionnaire).get(steps.HRM_SCALE, "") if waves else ""
    return Alignment(processes, scale, name, len(waves))


def empowerment_seen(
    organization: Organization, membership: Membership
) -> tuple[Wave | None, list]:
    """The latest wave's empowerment statements per role (employees, managers, everybody),
    through the scan's gate: whether people feel the room they are given."""
    waves = _waves_with_reports(organization, membership)
    if not waves:
        return None, []
    wave, gate = waves[-1]
    texts = item_texts(gate.questionnaire)
    rows = []
    for code in steps.EMPOWERMENT_ITEMS:
        if code not in gate.item_codes:
            continue
        rows.append(
            {
                "code": code,
                "text": texts.get(code, code),
                "figures": [(s, gate.item(ROOT_KEY, code, s)) for s in ("employee", "manager")],
            }
        )
    return wave, rows


# --- room to decide --------------------------------------------------------------------
def rooms_of(organization: Organization) -> list[tuple[str, str, list[RoomToDecide]]]:
    """(role, label, its rooms) for every role that has any, in the roles' order (1 query)."""
    grouped: dict[str, list[RoomToDecide]] = defaultdict(list)
    for room in RoomToDecide.objects.filter(organization=organization):
        grouped[room.role].append(room)
    return [
        (value, str(label), grouped[value]) for value, label in Role.choices if value in grouped
    ]


def room_for(membership: Membership) -> list[RoomToDecide]:
    """What this person may decide or spend for a customer without asking (1 query)."""
    rooms = RoomToDecide.objects.filter(
        organization_id=membership.organization_id, role=membership.role
    )
    return [r for r in rooms if r.applies_to(membership.role, membership.job_title)]


def room_for_unit(unit: OrgUnit) -> list[tuple[str, list[RoomToDecide]]]:
    """The room to decide of the people in a unit, per role and job title (2 queries)."""
    people = set(
        Membership.objects.active().filter(unit=unit).values_list("role", "job_title").distinct()
    )
    roles = {role for role, _title in people}
    rooms = RoomToDecide.objects.filter(organization_id=unit.organization_id, role__in=roles)
    grouped: dict[str, list[RoomToDecide]] = defaultdict(list)
    for room in rooms:
        if any(room.applies_to(role, title) for role, title in people):
            grouped[
                room.get_role_display() + (f" – {room.job_title}" if room.job_title else "")
            ].append(room)
    return sorted(grouped.items())


# --- onboarding ------------------------------------------------------------------------
def _attended(path: OnboardingPath) -> int:
    return Huddle.objects.filter(attendees=path.membership, day__gte=path.started_on).count()


def progress_of(path: OnboardingPath) -> steps.Progress:
    return steps.progress(path.done.keys(), _attended(path))


def paths_for(membership: Membership) -> QuerySet[OnboardingPath]:
    """The onboarding paths a member follows up: every one for HR and those who see every
    unit, the newcomers of the units one leads for a manager (none for others)."""
    paths = OnboardingPath.objects.filter(
        organization_id=membership.organization_id
    ).select_related("membership__user", "membership__unit", "buddy__user")
    if membership.has_perm(Perm.VIEW_ALL_UNITS) or membership.has_perm(Perm.MANAGE_PEOPLE):
        return paths
    if not membership.managed_unit_ids:
        return paths.none()
    return paths.filter(membership__unit_id__in=membership.led_unit_ids()).exclude(
        membership=membership
    )


def progress_rows(paths) -> list[tuple[OnboardingPath, steps.Progress]]:
    """Each path with its progress (2 queries for any number of paths)."""
    paths = list(paths)
    attended: dict[int, int] = defaultdict(int)
    if paths:
        started = {p.membership_id: p.started_on for p in paths}
        rows = Huddle.attendees.through.objects.filter(membership_id__in=list(started)).values_list(
            "membership_id", "huddle__day"
        )
        for membership_id, day in rows:
            if day >= started[membership_id]:
                attended[membership_id] += 1
    return [(p, steps.progress(p.done.keys(), attended[p.membership_id])) for p in paths]


def open_path_of(membership: Membership) -> OnboardingPath | None:
    return (
        OnboardingPath.objects.filter(membership=membership, completed_on__isnull=True)
        .select_related("buddy__user")
        .first()
    )


@dataclass
class PathContent:
    """What the newcomer reads and does on each step."""

    version: object | None
    promises: list
    behaviours: list
    stories: list[Feedback]
    room: list[RoomToDecide]
    dagstarts: list[date]


def path_content(path: OnboardingPath) -> PathContent:
    """The vision and promises, the behaviours of the newcomer's role, three customer stories
    of their team (the dagstart's chosen stories, else recent compliments), their room to
    decide and their first dagstarts."""
    from klantcultuur.vision import selectors as vision

    membership = path.membership
    version = vision.published_version(membership.organization_id)
    promises, behaviours = [], []
    if version is not None:
        promises = list(version.promises.all())
        behaviours = [
            b
            for b in vision.behaviours_for_unit(membership.organization_id, membership.unit)
            if not b.role or b.role == membership.role
        ]
    stories: list[Feedback] = []
    if membership.unit_id:
        chosen = (
            Huddle.objects.filter(unit_id=membership.unit_id, story__isnull=False)
            .order_by("-day")
            .values_list("story_id", flat=True)[: steps.STORIES * 3]
        )
        ids = list(dict.fromkeys(chosen))[: steps.STORIES]
        by_id = {f.uuid: f for f in Feedback.objects.filter(uuid__in=ids)}
        stories = [by_id[i] for i in ids if i in by_id]
        if len(stories) < steps.STORIES:
            more = (
                Feedback.objects.filter(
                    organization_id=membership.organization_id,
                    team_id=membership.unit_id,
                    n_compliments__gt=0,
                    is_internal=False,
                )
                .exclude(uuid__in=ids)
                .exclude(reason="")
                .order_by("-received_at")[: steps.STORIES - len(stories)]
            )
            stories += list(more)
    dagstarts = list(
        Huddle.objects.filter(attendees=membership, day__gte=path.started_on)
        .order_by("day")
        .values_list("day", flat=True)[: steps.FIRST_DAGSTARTS]
    )
    return PathContent(version, promises, behaviours, stories, room_for(membership), dagstarts)


def possible_buddies(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(organization=organization)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )
