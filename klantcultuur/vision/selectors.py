"""Reads the vision pages, the dagstart board and other apps share.

Each function is one query or a fixed few, whatever the size of the organisation: the
draagvlak overview and the recall results read every row of a version as plain tuples and
roll them up the unit tree in memory (the units as plain rows, one query).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import cast

from django.core.cache import cache
from django.db.models import Count, OuterRef, Q, Subquery, Sum

from klantcultuur.orgs.models import Organization, OrgUnit
from klantcultuur.scan.anonymity import Policy, decide
from klantcultuur.vision.models import (
    Behaviour,
    BehaviourStatus,
    Endorsement,
    EndorsementStatus,
    Observation,
    Promise,
    RecallAnswer,
    RecallCheck,
    VersionStatus,
    VisionVersion,
)
from klantcultuur.vision.models.endorsements import Layer
from klantcultuur.vision.scoring.layers import LAYERS


def published_version(
    organization: Organization | int, *, with_promises: bool = True
) -> VisionVersion | None:
    """The vision in force, with its promises (unless told not to: a page that shows none
    saves a query) and `previous_published_id`, the version published before it (1 query)."""
    org_id = organization if isinstance(organization, int) else organization.id
    earlier = VisionVersion.objects.filter(
        organization_id=OuterRef("organization_id"),
        number__lt=OuterRef("number"),
        published_at__isnull=False,
    ).order_by("-number")
    versions = VisionVersion.objects.filter(
        organization_id=org_id, status=VersionStatus.PUBLISHED
    ).annotate(previous_published_id=Subquery(earlier.values("id")[:1]))
    if with_promises:
        versions = versions.prefetch_related("promises")
    return versions.first()


def behaviours_by_promise(
    version: VisionVersion, *, statuses: Iterable[str] = (BehaviourStatus.ACTIVE,)
) -> list[tuple[Promise, list[Behaviour]]]:
    """The version's promises, each with its behaviours (2 queries)."""
    promises = list(version.promises.all())
    grouped: dict[int, list[Behaviour]] = defaultdict(list)
    rows = Behaviour.objects.filter(promise__in=promises, status__in=list(statuses)).select_related(
        "unit"
    )
    for behaviour in rows.order_by("short_name"):
        grouped[behaviour.promise_id].append(behaviour)
    return [(p, grouped.get(p.id, [])) for p in promises]


# --- Draagvlak -----------------------------------------------------------------------------
@dataclass
class Tally:
    asked: int = 0
    endorsed: int = 0
    remark: int = 0
    not_yet: int = 0
    pending: int = 0

    def add(self, status: str, n: int = 1) -> None:
        self.asked += n
        setattr(self, status, getattr(self, status) + n)

    @property
    def carries(self) -> int:
        return self.endorsed + self.remark

    @property
    def carries_pct(self) -> int:
        return round(100 * self.carries / self.asked) if self.asked else 0

    @property
    def answered(self) -> int:
        return self.asked - self.pending

    def bar(self) -> list[tuple[str, float]]:
        """Shares of the four answers for a stacked bar (percent of those asked)."""
        if not self.asked:
            return []
        return [
            (s, 100 * getattr(self, s) / self.asked)
            for s in ("endorsed", "remark", "not_yet", "pending")
        ]


@dataclass
class UnitTally:
    unit_id: int
    name: str
    kind: str
    depth: int
    uuid: str
    tally: Tally = field(default_factory=Tally)


@dataclass
class Draagvlak:
    version: VisionVersion
    total: Tally
    layers: list[tuple[str, str, Tally]]  # (layer key, label, tally)
    units: list[UnitTally]  # divisions and departments, with the managers in their subtree
    objections: list[Endorsement]  # open: "not yet" without an answer yet
    # (status, layer, unit_id) -> managers: counts any filter of the list without a query
    grouped: Counter = field(default_factory=Counter)

    def count(
        self, *, layer: str = "", status: str = "", unit_ids: Iterable[int] | None = None
    ) -> int:
        """How many endorsements `endorsement_rows` finds with these filters."""
        units = None if unit_ids is None else set(unit_ids)
        return sum(
            n
            for (s, lay, unit_id), n in self.grouped.items()
            if (not layer or lay == layer)
            and (not status or s == status)
            and (units is None or unit_id in units)
        )


@dataclass(frozen=True)
class UnitRow:
    id: int
    parent_id: int | None
    name: str
    kind: str
    uuid: str


def _units(organization_id: int) -> dict[int, UnitRow]:
    """The organisation's active units as plain rows (1 query): id, parent and kind; the
    names and UUIDs of the few units a page shows come from `_named`."""
    rows = OrgUnit.objects.filter(organization_id=organization_id, archived_at__isnull=True)
    # Fetched in one go: a server-side cursor (`iterator`) costs PostgreSQL round trips to
    # declare, fetch and close, more than a few thousand small rows cost to hold.
    return {
        r[0]: UnitRow(r[0], r[1], "", r[2], "") for r in rows.values_list("id", "parent_id", "kind")
    }


def _named(units: dict[int, UnitRow], ids: Iterable[int]) -> dict[int, UnitRow]:
    """The given units with their names and UUIDs (1 query)."""
    ids = list(ids)
    names = OrgUnit.objects.filter(id__in=ids).values_list("id", "name", "uuid")
    return {
        i: UnitRow(i, units[i].parent_id, name, units[i].kind, str(uuid)) for i, name, uuid in names
    }


def _walk(units: dict[int, UnitRow], ids: Iterable[int]) -> list[tuple[UnitRow, int]]:
    """(unit, depth) of the given units in tree order (by name under each parent)."""
    chosen = set(ids)
    children: dict[int | None, list[UnitRow]] = defaultdict(list)
    for unit_id in chosen:
        unit = units[unit_id]
        parent = unit.parent_id if unit.parent_id in chosen else None
        children[parent].append(unit)
    for items in children.values():
        items.sort(key=lambda u: u.name.lower())
    out: list[tuple[UnitRow, int]] = []
    stack = [(u, 0) for u in reversed(children[None])]
    while stack:
        unit, depth = stack.pop()
        out.append((unit, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(unit.id, [])))
    return out


def _bottom_up(units: dict[int, UnitRow]) -> list[int]:
    """Unit ids with every unit before its parent."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit in units.values():
        children[unit.parent_id if unit.parent_id in units else None].append(unit.id)
    order: list[int] = []
    stack = list(children[None])
    while stack:
        current = stack.pop()
        order.append(current)
        stack.extend(children.get(current, ()))
    order.reverse()
    return order


_STATUSES = ("endorsed", "remark", "not_yet", "pending")


def _tally(counts: list[int]) -> Tally:
    return Tally(sum(counts), *counts)


def draagvlak(version: VisionVersion, *, objections_limit: int = 50) -> Draagvlak:
    """Who carries the version, per layer and per division/department (4 queries).

    Each manager counts in their own unit and every unit above it; the units are read as
    plain rows and the sums made with integer lists, so 2,000 teams stay fast."""
    index = {status: i for i, status in enumerate(_STATUSES)}
    grouped = Counter(
        Endorsement.objects.filter(version=version).values_list("status", "layer", "unit_id")
    )
    total = [0, 0, 0, 0]
    per_layer = {key: [0, 0, 0, 0] for key in LAYERS}
    direct: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for (status, layer, unit_id), n in grouped.items():
        i = index[status]
        total[i] += n
        per_layer[layer][i] += n
        if unit_id is not None:
            direct[unit_id][i] += n
    units = _units(version.organization_id)
    summed: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for unit_id, counts in direct.items():
        current: int | None = unit_id
        seen = 0
        while current in units and seen < 64:  # 64: a guard against a broken parent chain
            acc = summed[current]
            for i in range(4):
                acc[i] += counts[i]
            current, seen = units[current].parent_id, seen + 1
    shown = _named(units, [u.id for u in units.values() if u.kind in ("division", "department")])
    rows = [
        UnitTally(u.id, u.name, u.kind, depth, u.uuid, _tally(summed.get(u.id, [0, 0, 0, 0])))
        for u, depth in _walk(shown, shown)
    ]
    objections = list(
        Endorsement.objects.filter(version=version, status=EndorsementStatus.NOT_YET, response="")
        .select_related("manager__user", "unit")
        .order_by("answered_at")[:objections_limit]
    )
    labels = dict(Layer.choices)
    return Draagvlak(
        version,
        _tally(total),
        [(key, str(labels[key]), _tally(per_layer[key])) for key in LAYERS],
        rows,
        objections,
        grouped,
    )


def endorsement_rows(
    version: VisionVersion,
    *,
    layer: str = "",
    status: str = "",
    unit_ids: Iterable[int] | None = None,
    offset: int = 0,
    limit: int = 50,
    count: int | None = None,
) -> tuple[list[Endorsement], int]:
    """One page of managers with their answer, and how many match (2 queries; 1 when the
    caller knows the count, e.g. from `Draagvlak.count`)."""
    rows = Endorsement.objects.filter(version=version)
    if layer:
        rows = rows.filter(layer=layer)
    if status:
        rows = rows.filter(status=status)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    if count is None:
        count = rows.count()
    page = list(
        rows.select_related("manager__user", "unit").order_by(
            "layer", "unit__name", "manager__user__last_name", "id"
        )[offset : offset + limit]
    )
    return page, count


def previous_answers(version: VisionVersion, manager_ids: Iterable[int]) -> dict[int, str]:
    """Each manager's answer to the version published before this one (1 query, 2 for a
    version not read through `published_version`)."""
    previous = getattr(version, "previous_published_id", _UNKNOWN)
    if previous is _UNKNOWN:
        previous = _previous_published(version)
    if previous is None:
        return {}
    return dict(
        Endorsement.objects.filter(
            version_id=cast(int, previous), manager_id__in=list(manager_ids)
        ).values_list("manager_id", "status")
    )


_UNKNOWN = object()


def _previous_published(version: VisionVersion) -> int | None:
    return (
        VisionVersion.objects.filter(
            organization_id=version.organization_id,
            number__lt=version.number,
            published_at__isnull=False,
        )
        .order_by("-number")
        .values_list("id", flat=True)
        .first()
    )


# --- Recall ----------------------------------------------------------------------------
@dataclass(frozen=True)
class RecallFigure:
    key: str
    label: str
    depth: int
    n: int
    shown: bool
    reason: str | None
    mean_named: float | None = None
    share_three: int | None = None  # % naming at least three promises
    share_understand: int | None = None  # % saying they know the promises (4 or 5 of 5)
    parent: str = ""
    uuid: str = ""


@dataclass
class RecallResults:
    recall: RecallCheck
    n_promises: int
    total: RecallFigure
    layers: list[RecallFigure]
    units: list[RecallFigure]
    threshold: int
    promise_counts: list[tuple[Promise, int | None]]  # how many named each promise (shown only
    # when the whole is shown)


def _figure(key, label, depth, agg, decision, parent="", uuid="") -> RecallFigure:
    n, named, three, understand = agg
    if not decision.shown:
        return RecallFigure(key, label, depth, n, False, decision.reason, parent=parent, uuid=uuid)
    return RecallFigure(
        key,
        label,
        depth,
        n,
        True,
        None,
        round(named / n, 1),
        round(100 * three / n),
        round(100 * understand / n),
        parent,
        uuid,
    )


@dataclass(frozen=True)
class Gate:
    """The gate's answer for one cell: shown or not, and why not."""

    shown: bool
    reason: str | None


class _Gates(dict):
    """Cells to (shown, reason); `get` answers with a `Gate` as `scan.anonymity.Decisions`."""

    def get(self, unit, role=None):
        return Gate(*self[(unit, role)])


def _decisions(keys, parents, direct, roles, policy) -> _Gates:
    """The scan's anonymity gate over every cell the recall pages show: each unit with all
    its people, and the organisation per role. Remembered in the cache by its inputs (the
    tree, the counts and the thresholds), so the same counts are never decided twice."""
    wanted = [(key, None) for key in keys] + [("org", role) for role in roles]
    fingerprint = hashlib.sha1(
        repr(
            (
                keys,
                parents,
                [direct.get(k) for k in keys],
                roles,
                policy.min_group,
                policy.min_comments,
            )
        ).encode()
    ).hexdigest()
    cache_key = f"vision:recall-gate:{fingerprint}"
    found = cache.get(cache_key)
    if found is None:
        decided = decide(keys, parents, direct, roles=roles, requested=wanted, policy=policy)
        found = {cell: (d.shown, d.reason) for cell, d in decided.cells.items()}
        cache.set(cache_key, found, 24 * 3600)
    return _Gates(found)


def recall_results(
    recall: RecallCheck, *, labels: dict[str, str], unit_id: int | None = None
) -> RecallResults:
    """Per layer (managers, employees) and per unit: how many promises people name next to
    how well they say they know them, behind the scan's anonymity gate (fixed queries).

    Units shown: divisions and departments, or with `unit_id` that unit and the units right
    below it. The gate decides over every unit, whatever is shown."""
    organization = recall.organization
    policy = Policy(
        min_group=organization.min_group_size,
        min_comments=max(organization.min_comment_group_size, organization.min_group_size),
    )
    promises = list(recall.version.promises.all())
    # One grouped read gives every figure, the counts per promise too.
    per_promise = {
        f"p{i}": Count("id", filter=Q(positions__contains=f" {i} ")) for i in range(len(promises))
    }
    rows = (
        RecallAnswer.objects.filter(recall=recall)
        .values_list("unit_id", "is_manager")
        .annotate(
            n=Count("id"),
            total_named=Sum("named"),
            three=Count("id", filter=Q(named__gte=3)),
            understand=Count("id", filter=Q(understanding__gte=4)),
            **per_promise,
        )
    )
    units = _units(organization.id)
    roles = ("employee", "manager")
    direct: dict[object, list[int]] = defaultdict(lambda: [0, 0])
    sums: dict[tuple[object, str | None], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    promise_totals = [0] * len(promises)
    for answer_unit, is_manager, n, named, three, understand, *named_each in rows:
        for i, k in enumerate(named_each):
            promise_totals[i] += k
        key = answer_unit if answer_unit in units else "org"
        role = "manager" if is_manager else "employee"
        direct[key][roles.index(role)] += n
        acc = sums[(key, role)]
        acc[0] += n
        acc[1] += named or 0
        acc[2] += three
        acc[3] += understand
    # Up the tree once: children before parents, each unit adds its sums to its parent.
    for key in [*_bottom_up(units), "org"]:
        parent: int | str | None = None  # the organisation has no parent
        if isinstance(key, int):
            above = units[key].parent_id
            parent = above if above is not None and above in units else "org"
        for role in roles:
            own = sums.get((key, role))
            if own is None:
                continue
            every = sums[(key, None)]
            for i in range(4):
                every[i] += own[i]
            if parent is not None:
                up = sums[(parent, role)]
                for i in range(4):
                    up[i] += own[i]
    keys = ["org", *units]
    parents = [None, *[(u.parent_id if u.parent_id in units else "org") for u in units.values()]]
    decisions = _decisions(keys, parents, dict(direct), roles, policy)

    def agg(key, role=None):
        return tuple(sums.get((key, role), [0, 0, 0, 0]))

    total = _figure("org", labels["all"], 0, agg("org"), decisions.get("org", None))
    layers = [
        _figure(f"org:{role}", labels[role], 0, agg("org", role), decisions.get("org", role))
        for role in ("manager", "employee")
    ]
    if unit_id is None or unit_id not in units:
        shown = [u.id for u in units.values() if u.kind in ("division", "department")]
    else:
        shown = [unit_id, *(u.id for u in units.values() if u.parent_id == unit_id)]
    named_units = _named(units, shown)
    unit_rows = [
        _figure(
            str(u.id),
            u.name,
            depth,
            agg(u.id),
            decisions.get(u.id, None),
            str(u.parent_id or ""),
            u.uuid,
        )
        for u, depth in _walk(named_units, named_units)
    ]
    counts: list[tuple[Promise, int | None]] = [(p, None) for p in promises]
    if total.shown:
        counts = list(zip(promises, promise_totals, strict=True))
    return RecallResults(recall, len(promises), total, layers, unit_rows, policy.min_group, counts)


# --- Observations --------------------------------------------------------------------------
def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class ObservationCounts:
    weeks: list[date]
    behaviours: list[Behaviour]
    counts: dict[tuple[int, date], int]  # (behaviour id, week) -> observations
    per_unit: list[tuple[OrgUnit, int]]

    def series(self) -> list[list[int]]:
        return [[self.counts.get((b.id, w), 0) for b in self.behaviours] for w in self.weeks]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def observation_counts(
    organization: Organization, *, unit_ids: Iterable[int] | None, today: date, weeks: int = 9
) -> ObservationCounts:
    """Observations per behaviour and week (and per team) in the units given (None: all)."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    rows = Observation.objects.filter(organization=organization, day__gte=first, day__lte=today)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    counts: dict[tuple[int, date], int] = defaultdict(int)
    per_unit: dict[int, int] = defaultdict(int)
    for behaviour_id, unit_id, day, n in (
        rows.values("behaviour_id", "unit_id", "day")
        .annotate(n=Count("id"))
        .values_list("behaviour_id", "unit_id", "day", "n")
    ):
        counts[(behaviour_id, week_start(day))] += n
        if unit_id:
            per_unit[unit_id] += n
    used = {b for b, _w in counts}
    behaviours = list(
        Behaviour.objects.filter(id__in=used)
        .select_related("promise")
        .order_by("promise__position", "short_name")
    )
    units = OrgUnit.objects.in_bulk(list(per_unit))
    ranked = sorted(
        ((units[u], n) for u, n in per_unit.items() if u in units),
        key=lambda un: (-un[1], un[0].name),
    )
    week_list = [first + timedelta(weeks=i) for i in range(weeks)]
    return ObservationCounts(week_list, behaviours, dict(counts), ranked)


def behaviours_for_unit(organization: Organization | int, unit: OrgUnit | None) -> list[Behaviour]:
    """Active behaviours of the published vision that apply to a unit: the organisation's and
    those of the unit or a unit up to four levels above it (1 query)."""
    org_id = organization if isinstance(organization, int) else organization.id
    rows = Behaviour.objects.filter(
        organization_id=org_id,
        status=BehaviourStatus.ACTIVE,
        promise__version__status=VersionStatus.PUBLISHED,
    ).select_related("promise")
    if unit is None:
        return list(rows.filter(unit__isnull=True))
    applies = (
        Q(unit__isnull=True)
        | Q(unit=unit)
        | Q(unit__children=unit)
        | Q(unit__children__children=unit)
        | Q(unit__children__children__children=unit)
        | Q(unit__children__children__children__children=unit)
    )
    return list(rows.filter(applies).distinct())


@dataclass
class WeekBehaviour:
    behaviour: Behaviour
    week: date
    observations: list[Observation]  # the team's latest of this week, any behaviour
    count: int  # how often the week's behaviour was seen in the team this week


def behaviour_of_the_week(unit: OrgUnit, day: date) -> WeekBehaviour | None:
    """The team's behaviour of the week (a different one each week, the team's own first in the
    rotation) with the week's observations in the team (2 queries)."""
    behaviours = behaviours_for_unit(unit.organization_id, unit)
    if not behaviours:
        return None
    behaviours.sort(key=lambda b: (b.unit_id is None, b.promise.position, b.short_name))
    week = week_start(day)
    pick = behaviours[week.isocalendar().week % len(behaviours)]
    seen = list(
        Observation.objects.filter(
            organization_id=unit.organization_id,
            unit=unit,
            day__gte=week,
            day__lte=week + timedelta(days=6),
        )
        .select_related("behaviour", "shown_by__user")
        .order_by("-day", "-id")
    )
    return WeekBehaviour(pick, week, seen[:4], sum(1 for o in seen if o.behaviour_id == pick.id))


# --- Customers' answers ----------------------------------------------------------------------
@dataclass
class Theme:
    slug: str
    name: str
    sentences: int
    quotes: list[str]


@dataclass
class CustomerThemes:
    answers: int
    themes: list[Theme]
    unthemed_quotes: list[str]


def customer_themes(organization: Organization, *, per_theme: int = 3) -> CustomerThemes:
    """Customers' answers to the vision question, read by feedback's Dutch comment analyser,
    grouped by the topics it found, with example sentences (3 queries)."""
    from klantcultuur.feedback.models import Feedback, FeedbackSentence, Topic
    from klantcultuur.vision.models.customers import CHANNEL, TOUCHPOINT

    records = Feedback.objects.filter(
        organization=organization, channel=CHANNEL, touchpoint=TOUCHPOINT
    )
    answers = records.count()
    sentences = (
        FeedbackSentence.objects.filter(
            feedback__organization=organization,
            feedback__channel=CHANNEL,
            feedback__touchpoint=TOUCHPOINT,
        )
        .order_by("-feedback__received_at", "position")
        .values_list("text", "topics")
    )
    grouped: dict[str, list[str]] = defaultdict(list)
    unthemed: list[str] = []
    for text, topics in sentences:
        slugs = topics.split()
        if not slugs:
            unthemed.append(text)
        for slug in slugs:
            grouped[slug].append(text)
    names = dict(Topic.objects.filter(organization=organization).values_list("slug", "name_nl"))
    themes = [
        Theme(slug, names.get(slug, slug), len(texts), texts[:per_theme])
        for slug, texts in grouped.items()
    ]
    themes.sort(key=lambda t: (-t.sentences, t.name))
    return CustomerThemes(answers, themes, unthemed[:per_theme])


# --- Behaviours customers notice (tagged compliments and stories) ---------------------------
def tags_by_record(organization: Organization, record_ids: Iterable) -> dict:
    """{feedback uuid: [CustomerTag with its behaviour]} for these records (1 query)."""
    from klantcultuur.vision.models import CustomerTag

    grouped: dict = defaultdict(list)
    rows = CustomerTag.objects.filter(
        organization=organization, feedback_id__in=list(record_ids)
    ).select_related("behaviour")
    for tag in rows.order_by("behaviour__short_name"):
        grouped[tag.feedback_id].append(tag)
    return grouped


@dataclass(frozen=True)
class Noticed:
    behaviour: Behaviour
    count: int
    stories: int


def behaviours_customers_notice(
    organization: Organization, *, unit_ids: Iterable[int] | None, since: date
) -> list[Noticed]:
    """Behaviours by how often customers' compliments in these units showed them since a day,
    with how many of those were a dagstart's story (2 queries)."""
    from klantcultuur.vision.models import CustomerTag

    tags = CustomerTag.objects.filter(organization=organization, day__gte=since)
    if unit_ids is not None:
        tags = tags.filter(unit_id__in=list(unit_ids))
    counts = {
        row["behaviour_id"]: row
        for row in tags.values("behaviour_id").annotate(
            n=Count("id"), stories=Count("id", filter=Q(as_story=True))
        )
    }
    behaviours = Behaviour.objects.filter(id__in=list(counts)).select_related("unit")
    result = [Noticed(b, counts[b.id]["n"], counts[b.id]["stories"]) for b in behaviours]
    result.sort(key=lambda n: (-n.count, n.behaviour.short_name))
    return result


def customer_quotes(behaviour: Behaviour, *, unit_ids: Iterable[int] | None, limit: int = 5):
    """The newest compliments tagged with a behaviour, with their compliment sentences
    (2 queries): `[(CustomerTag, [sentence text])]`."""
    from klantcultuur.feedback.models import FeedbackSentence, Label
    from klantcultuur.vision.models import CustomerTag

    tags = CustomerTag.objects.filter(behaviour=behaviour).select_related("unit")
    if unit_ids is not None:
        tags = tags.filter(unit_id__in=list(unit_ids))
    chosen = list(tags.order_by("-day", "-created_at")[:limit])
    texts: dict = defaultdict(list)
    sentences = FeedbackSentence.objects.filter(
        feedback_id__in=[t.feedback_id for t in chosen], label=Label.COMPLIMENT
    ).order_by("field", "position")
    for feedback_id, text in sentences.values_list("feedback_id", "text"):
        texts[feedback_id].append(text)
    # A compliment whose words the retention period removed has nothing left to quote.
    return [(t, texts[t.feedback_id]) for t in chosen if texts.get(t.feedback_id)]
